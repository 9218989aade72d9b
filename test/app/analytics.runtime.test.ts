// Metrics and activities through the app's modules against the sandbox, whose analytics derive them from
// the billing the test imports: two customers start paying in January 2025 (30 and 70 USD a month), the
// first cancels on 1 March. Outputs are checked against each module's interface and sample.
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';
import { buildWorld, World } from './helpers/world';

let h: AppHarness;
let world: World;
let small: Bundle;
let large: Bundle;
const { action, search } = checked(() => h);

beforeAll(async () => {
  h = await startAppHarness();
  world = await buildWorld(h, 'Analytics source');
  small = await world.customer('an-small', { name: 'Small' }, [
    { external_id: 'an-sub-small', amount_in_cents: 3000, start: '2025-01-05T00:00:00Z' },
  ]);
  large = await world.customer('an-large', { name: 'Large' }, [
    { external_id: 'an-sub-large', amount_in_cents: 7000, start: '2025-01-20T00:00:00Z' },
  ]);
  const [sub] = await h.search('listSubscriptions', { customer_uuid: small.uuid, limit: 1 });
  await h.action('cancelSubscription', { subscription_uuid: sub.uuid, cancelled_at: '2025-03-01T00:00:00Z' });
});
afterAll(() => h?.close());

const period = { start_date: '2025-01-01', end_date: '2025-03-31', interval: 'month' };

test('getKeyMetrics: one bundle per month with every metric, and the summary', async () => {
  const months = await search('getKeyMetrics', period);
  expect(months.map((m) => [m.date, m.mrr, m.arr, m.customers])).toEqual([
    ['2025-01-31', 10000, 120000, 2],
    ['2025-02-28', 10000, 120000, 2],
    ['2025-03-31', 7000, 84000, 1],
  ]);
  expect(months[2]).toMatchObject({ arpa: 7000, 'mrr-percentage-change': -30 });
  expect(months[0].summary).toEqual(expect.objectContaining({ 'current-mrr': expect.any(Number) }));
});

test('getMetric: the chosen metric under Value, MRR with its movements; plans and countries filter', async () => {
  const mrr = await search('getMetric', { metric: 'mrr', ...period });
  expect(mrr.map((m) => [m.metric, m.date, m.value, m['mrr-new-business'], m['mrr-churn']])).toEqual([
    ['mrr', '2025-01-31', 10000, 10000, 0],
    ['mrr', '2025-02-28', 10000, 0, 0],
    ['mrr', '2025-03-31', 7000, 0, -3000],
  ]);
  const customers = await search('getMetric', { metric: 'customer-count', ...period });
  expect(customers.map((m) => m.value)).toEqual([2, 2, 1]);
  expect(customers[0]).not.toHaveProperty('mrr-new-business');
  const arr = await search('getMetric', { metric: 'arr', ...period, interval: 'quarter' });
  expect(arr.map((m) => [m.date, m.value])).toEqual([['2025-03-31', 84000]]);
  const none = await search('getMetric', { metric: 'mrr', ...period, plan_names: ['No such plan'] });
  expect(none.map((m) => m.value)).toEqual([0, 0, 0]);
  const elsewhere = await search('getMetric', { metric: 'customer-count', ...period, geo: ['NZ'] });
  expect(elsewhere.map((m) => m.value)).toEqual([0, 0, 0]);
});

test('listActivities lists the movements oldest first, by type; listCustomerActivities one customer’s, newest first', async () => {
  const all = await search('listActivities', { start_date: '2025-01-01', limit: 10 });
  expect(all.map((a) => [a.type, a['customer-uuid'], a['activity-mrr-movement']])).toEqual([
    ['new_biz', small.uuid, 3000],
    ['new_biz', large.uuid, 7000],
    ['churn', small.uuid, -3000],
  ]);
  const churn = await search('listActivities', { type: 'churn', limit: 10 });
  expect(churn.map((a) => a['customer-name'])).toEqual(['Small']);
  const newest = await search('listActivities', { order: '-date', limit: 1 });
  expect(newest.map((a) => a.type)).toEqual(['churn']);
  const own = await search('listCustomerActivities', { customer_uuid: small.uuid, limit: 10 });
  expect(own.map((a) => [a.type, a.customer_uuid])).toEqual([
    ['churn', small.uuid],
    ['new_biz', small.uuid],
  ]);
});

test('exportActivities waits for the file; getActivitiesExport reads the export again', async () => {
  const done = await action('exportActivities', {
    start_date: '2025-01-01',
    end_date: '2025-12-31',
    type: 'new_biz',
  });
  expect(done).toMatchObject({ status: 'succeeded', file_url: expect.stringMatching(/^https?:\/\//) });
  expect(done.params).toMatchObject({ kind: 'activities', params: { activity_type: 'new_biz' } });
  expect(await action('getActivitiesExport', { export_id: done.id })).toEqual(done);
});
