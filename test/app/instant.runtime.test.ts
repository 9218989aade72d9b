// Watch MRR Movements: ChartMogul's webhook destination posts one mrr_movement per request. A hook is
// created for the example scenario (no attach: ChartMogul has no webhook API, the user pastes the URL),
// the listener takes a delivery shaped as ChartMogul documents it, and the scenario notes the movement on
// its customer in the sandbox. Other payloads are answered and run nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory, type ScenarioRun } from '../../runtime/scenario';
import { createHook, listenScenario, type Listener } from '../../runtime/scenario/hooks';
import { APP_DIR } from './helpers/definitions';
import { AppHarness, Bundle, startAppHarness, TEST_KEY } from './helpers/harness';
import { checkInterface } from './helpers/interface-check';
import { moduleFiles } from './helpers/definitions';

let h: AppHarness;
let listener: Listener | undefined;
let dir: string;
let customer: Bundle;
const runs: ScenarioRun[] = [];
/** Where the listener takes deliveries for the example's hook (set once the hook is made). */
let deliveryUrl: string | undefined;
const blueprint = JSON.parse(
  fs.readFileSync(path.join(APP_DIR, 'examples', 'scenarios', 'note-on-mrr-movement.json'), 'utf8'),
) as Record<string, unknown>;

beforeAll(async () => {
  h = await startAppHarness();
  const ds = await h.action('createDataSource', { name: 'Webhook source' });
  customer = await h.action('createCustomer', {
    data_source_uuid: ds.uuid,
    external_id: 'wh-1',
    name: 'Hooked',
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrr-hook-'));
});
afterAll(async () => {
  await listener?.stop();
  closeHistory(path.join(dir, 'history.db'));
  fs.rmSync(dir, { recursive: true, force: true });
  await h?.close();
});

/** A delivery as ChartMogul's docs describe it (docs/destinations/webhooks), for the sandbox customer. */
const movement = () => ({
  date: '2026-01-02T22:58:44.000Z',
  type: 'mrr_movement',
  description: 'purchased the Pro Monthly plan',
  movement_type: 'new_biz',
  customer: {
    name: 'Hooked',
    uuid: customer.uuid,
    email: '',
    status: 'Active',
    company: '',
    currency: 'USD',
    current_arr: 118800,
    current_mrr: 9900,
    external_id: 'wh-1',
    external_ids: ['wh-1'],
    currency_symbol: '$',
    data_source_uuid: customer.data_source_uuid,
  },
  subscription: { external_id: 'sub-1' },
  account_currency: 'USD',
  invoice_currency: 'USD',
  account_currency_symbol: '$',
  invoice_currency_symbol: '$',
  movement_amount_in_cent: 9900,
  mrr_movement_in_account_currency: 9900,
  mrr_movement_in_invoice_currency: 9900,
});

test('the sample delivery conforms to the trigger’s interface', () => {
  const { interface: iface, samples } = moduleFiles('watchMrrMovements');
  expect(checkInterface(movement(), iface)).toEqual([]);
  expect(Object.keys(movement()).sort()).toEqual(Object.keys(samples).sort());
});

test('a delivered movement runs the scenario, which notes it on the customer; a ping runs nothing', async () => {
  const options = {
    scenarioKey: 'mrr-notes',
    historyPath: path.join(dir, 'history.db'),
    connection: { apiKey: TEST_KEY },
    target: h.url,
  };
  const hook = await createHook(h.app, blueprint, { ...options, publicUrl: 'https://tunnel.example.test' });
  expect(hook).toMatchObject({ webhook: 'mrrMovements', module: 'watchMrrMovements', attached: false });
  listener = await listenScenario(h.app, blueprint, {
    ...options,
    port: 0,
    onEvent: (e) => {
      if (e.type === 'run:end') runs.push(e.run);
    },
  });
  const url = `${listener.localUrl.replace(/\/$/, '')}${new URL(hook.url).pathname}`;
  deliveryUrl = url;
  const post = (body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const ping = await post({ type: 'ping' });
  expect(ping.status).toBe(200);
  const answer = await post(movement());
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ received: true });

  const deadline = Date.now() + 10_000;
  while (runs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(runs.map((r) => r.status)).toEqual(['success']);
  const notes = await h.search('listNotes', { customer_uuid: customer.uuid, limit: 10 });
  expect(notes.map((n) => n.text)).toEqual([
    'MRR movement (new_biz): purchased the Pro Monthly plan, 99.00 USD; MRR now 99.00 USD.',
  ]);
});

test('the sandbox itself delivers a real movement to the hook: its payload runs the same scenario', async () => {
  // Registered as the sandbox's webhook destination, the listener (started above) gets the movement a paid
  // invoice makes right now, as ChartMogul's destination would post it.
  expect(deliveryUrl).toBeDefined();
  const hooks = runs.length;
  const added = await fetch(`${h.url}/__sandbox/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: deliveryUrl }),
  });
  expect(added.status).toBe(201);
  const ds = await h.action('createDataSource', { name: 'Live webhook source' });
  const paying = await h.action('createCustomer', {
    data_source_uuid: ds.uuid,
    external_id: 'wh-2',
    name: 'Live',
  });
  const plan = await h.action('createPlan', {
    data_source_uuid: ds.uuid,
    name: 'Live Monthly',
    interval_count: 1,
    interval_unit: 'month',
  });
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();
  const end = new Date(Date.parse(start) + 30 * 86_400_000).toISOString();
  const auth = `Basic ${Buffer.from(`${TEST_KEY}:`).toString('base64')}`;
  const imported = await fetch(`${h.url}/v1/import/customers/${paying.uuid}/invoices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({
      invoices: [
        {
          external_id: 'live-1',
          date: start,
          currency: 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: 'live-sub',
              plan_uuid: plan.uuid,
              service_period_start: start,
              service_period_end: end,
              amount_in_cents: 4900,
            },
          ],
          transactions: [{ type: 'payment', date: start, result: 'successful' }],
        },
      ],
    }),
  });
  expect(imported.status).toBe(201);
  const deadline = Date.now() + 10_000;
  while (runs.length === hooks && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(runs.slice(hooks).map((r) => r.status)).toEqual(['success']);
  const notes = await h.search('listNotes', { customer_uuid: paying.uuid, limit: 10 });
  expect(notes.map((n) => n.text)).toEqual([
    'MRR movement (new_biz): purchased the Live Monthly plan, 49.00 USD; MRR now 49.00 USD.',
  ]);
});
