// Subscription events through the app's modules against the sandbox: create → list → update → disable and
// enable → delete (ChartMogul has no retrieve-one endpoint; the list stands in), with the select's RPC.
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';
import { buildWorld, World } from './helpers/world';

let h: AppHarness;
let world: World;
const { action, search } = checked(() => h);

beforeAll(async () => {
  h = await startAppHarness();
  world = await buildWorld(h, 'Events source');
  await world.customer('ev-cus', { name: 'Eve' });
});
afterAll(() => h?.close());

test('createSubscriptionEvent → list → update → disable/enable → delete, picked from rpcSubscriptionEvents', async () => {
  const created = await action('createSubscriptionEvent', {
    data_source_uuid: world.ds.uuid,
    customer_external_id: 'ev-cus',
    subscription_external_id: 'ev-sub',
    event_type: 'subscription_start_scheduled',
    event_date: '2025-01-10T00:00:00Z',
    effective_date: '2025-02-01T00:00:00Z',
    plan_external_id: String(world.plan.external_id),
    currency: 'usd',
    amount_in_cents: 2500,
    quantity: 1,
    external_id: 'ev-1',
  });
  expect(created).toMatchObject({
    id: expect.any(Number),
    data_source_uuid: world.ds.uuid,
    event_type: 'subscription_start_scheduled',
    currency: 'USD',
    amount_in_cents: 2500,
    external_id: 'ev-1',
  });
  const id = created.id as number;

  const listed = await search('listSubscriptionEvents', { data_source_uuid: world.ds.uuid, limit: 10 });
  expect(listed.map((e) => e.id)).toEqual([id]);
  expect(
    await search('listSubscriptionEvents', {
      data_source_uuid: world.ds.uuid,
      event_type: 'subscription_start',
      limit: 10,
    }),
  ).toEqual([]);

  const options = await h.rpc('rpcSubscriptionEvents', { data_source_uuid: world.ds.uuid });
  expect(options).toEqual([{ label: 'subscription_start_scheduled · ev-sub (2025-02-01)', value: id }]);

  const updated = await action('updateSubscriptionEvent', {
    data_source_uuid: world.ds.uuid,
    subscription_event_id: options[0].value,
    amount_in_cents: 3000,
  });
  expect(updated).toMatchObject({ id, amount_in_cents: 3000, external_id: 'ev-1' });

  const disabled: Bundle = await action('disableSubscriptionEvent', {
    subscription_event_id: id,
    disabled: true,
  });
  expect(disabled).toMatchObject({ id, disabled: true });
  expect(
    await action('disableSubscriptionEvent', { subscription_event_id: id, disabled: false }),
  ).toMatchObject({
    id,
    disabled: false,
  });

  expect(await action('deleteSubscriptionEvent', { subscription_event_id: id })).toEqual({
    subscription_event_id: id,
  });
  expect(await search('listSubscriptionEvents', { data_source_uuid: world.ds.uuid, limit: 10 })).toEqual([]);
});
