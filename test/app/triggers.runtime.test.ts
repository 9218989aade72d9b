// The polling triggers against the sandbox, table-driven: while new items keep arriving between polls,
// repeated polls (each taking at most Limit) hand on every new item exactly once, oldest first, and an
// idle poll hands on nothing. Outputs are checked against each trigger's interface; epochs list items
// to start from, and starting from one of them hands on only what came after it.
import type { TriggerState } from '../../runtime';
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { expectConforms } from './helpers/conform';
import { buildWorld, World } from './helpers/world';

interface TriggerCase {
  /** The trigger's static parameters besides Limit (scoped to this test's own records). */
  params(w: World, customer: Bundle): Record<string, unknown>;
  /** Creates the n-th item through the app's modules; returns its id as the trigger's output has it. */
  make(h: AppHarness, w: World, customer: Bundle, n: number): Promise<unknown>;
  idOf(b: Bundle): unknown;
  /** Items of the world the trigger also sees (Watch Customers sees the watched customer). */
  preexisting?(customer: Bundle): unknown[];
  /** id triggers start from a chosen item; date triggers can also start "from now on". */
  type: 'id' | 'date';
}

const stamp = (n: number) => `2025-01-${String(10 + (n % 15)).padStart(2, '0')}T00:00:00Z`;

const CASES: Record<string, TriggerCase> = {
  watchActivities: {
    type: 'date',
    params: () => ({ types: ['new_biz', 'expansion'] }),
    // A customer paying from the n-th day: a new-business movement dated later than the last.
    make: async (h, w, _c, n) => {
      const payer = await w.customer(`wa-${n}`, {}, [
        { external_id: `wa-sub-${n}`, amount_in_cents: 1000, start: stamp(n) },
      ]);
      return activityUuid(h, String(payer.uuid));
    },
    idOf: (b) => b.uuid,
  },
  watchCustomers: {
    type: 'id',
    params: (w) => ({ data_source_uuid: w.ds.uuid }),
    make: async (h, w, _c, n) =>
      (await h.action('createCustomer', { data_source_uuid: w.ds.uuid, external_id: `wc-${n}` })).id,
    idOf: (b) => b.id,
    preexisting: (customer) => [customer.id],
  },
  watchInvoices: {
    type: 'id',
    params: (_w, c) => ({ customer_uuid: c.uuid }),
    make: async (h, _w, c, n) =>
      (
        await h.action('importInvoice', {
          customer_uuid: c.uuid,
          external_id: `wi-${n}`,
          date: stamp(n),
          currency: 'USD',
          line_items: [{ type: 'one_time', amount_in_cents: 100 + n }],
        })
      ).uuid,
    idOf: (b) => b.uuid,
  },
  watchSubscriptionEvents: {
    type: 'id',
    params: (w) => ({ data_source_uuid: w.ds.uuid }),
    make: async (h, w, c, n) =>
      (
        await h.action('createSubscriptionEvent', {
          data_source_uuid: w.ds.uuid,
          customer_external_id: c.external_id,
          subscription_external_id: `ws-${n}`,
          event_type: 'subscription_start_scheduled',
          event_date: stamp(n),
          effective_date: '2025-02-01T00:00:00Z',
          plan_external_id: w.plan.external_id,
          currency: 'USD',
          amount_in_cents: 1000,
        })
      ).id,
    idOf: (b) => b.id,
  },
  watchContacts: {
    type: 'id',
    params: (_w, c) => ({ customer_uuid: c.uuid }),
    make: async (h, w, c, n) =>
      (
        await h.action('createContact', {
          customer_uuid: c.uuid,
          data_source_uuid: w.ds.uuid,
          email: `c${n}@example.com`,
        })
      ).uuid,
    idOf: (b) => b.uuid,
  },
  watchNotes: {
    type: 'date',
    params: (_w, c) => ({ customer_uuid: c.uuid }),
    make: async (h, _w, c, n) =>
      (await h.action('createNote', { customer_uuid: c.uuid, type: 'note', text: `Note ${n}` })).uuid,
    idOf: (b) => b.uuid,
  },
  watchTasks: {
    type: 'date',
    params: (_w, c) => ({ customer_uuid: c.uuid }),
    make: async (h, _w, c, n) =>
      (
        await h.action('createTask', {
          customer_uuid: c.uuid,
          task_details: `Task ${n}`,
          assignee: 'owner@example.com',
          due_date: stamp(n),
        })
      ).task_uuid,
    idOf: (b) => b.task_uuid,
  },
  watchOpportunities: {
    type: 'date',
    params: (_w, c) => ({ customer_uuid: c.uuid }),
    make: async (h, _w, c, n) =>
      (
        await h.action('createOpportunity', {
          customer_uuid: c.uuid,
          owner: 'owner@example.com',
          pipeline: 'New Business',
          pipeline_stage: 'Discovery',
          estimated_close_date: '2025-06-30',
          currency: 'USD',
          amount_in_cents: 1000 * n,
        })
      ).uuid,
    idOf: (b) => b.uuid,
  },
};

/** The uuid of a customer's only movement, as the all-customers activity list (and so the trigger) has it. */
async function activityUuid(h: AppHarness, customerUuid: string): Promise<unknown> {
  const all = await h.search('listActivities', { order: '-date', limit: 200 });
  return all.find((a) => a['customer-uuid'] === customerUuid)?.uuid;
}

let h: AppHarness;
beforeEach(async () => {
  h = await startAppHarness();
});
afterEach(() => h?.close());

async function setUp(id: string) {
  const world = await buildWorld(h, `World of ${id}`);
  const customer = await world.customer(`${id}-cus`, { name: 'Watched' });
  const c = CASES[id];
  let n = 0;
  const make = async (count: number) => {
    const ids: unknown[] = [];
    for (let i = 0; i < count; i++) ids.push(await c.make(h, world, customer, ++n));
    return ids;
  };
  const params = (limit: number) => ({ ...c.params(world, customer), limit });
  const poll = async (limit: number, start: { state?: TriggerState; epoch?: { type: 'all' } }) => {
    const result = await h.poll(id, params(limit), start);
    for (const b of result.bundles) expectConforms(id, b);
    return { ids: result.bundles.map(c.idOf), state: result.state, bundles: result.bundles };
  };
  return { c, make, params, poll, preexisting: c.preexisting?.(customer) ?? [] };
}

test.each(Object.keys(CASES))(
  '%s: every new item once, oldest first, across polls while items keep arriving',
  async (id) => {
    const { make, poll, preexisting } = await setUp(id);
    const before = await make(3);
    const first = await poll(10, { epoch: { type: 'all' } });
    expect(first.ids).toEqual([...preexisting, ...before]);

    const handed: unknown[] = [];
    let state = first.state;
    const created = await make(5);
    for (let round = 0; round < 4; round++) {
      const next = await poll(2, { state });
      expect(next.ids.length).toBeLessThanOrEqual(2);
      handed.push(...next.ids);
      state = next.state;
      if (round === 0) created.push(...(await make(1))); // arrives between polls
    }
    expect(handed).toEqual(created);
    expect((await poll(10, { state })).ids).toEqual([]);
  },
);

test.each(Object.keys(CASES))(
  '%s: its epoch lists items to start from; starting from one hands on only what came later',
  async (id) => {
    const { c, make, params } = await setUp(id);
    const existing = await make(2);
    const items = await h.epoch(id, params(10));
    expect(items.length).toBeGreaterThanOrEqual(existing.length); // Watch Customers also lists the world's own
    for (const item of items) expect(typeof item.label).toBe('string');
    // The newest existing item (by the API's own order) is the one a user starts from.
    const newest = items.find((i) => (c.type === 'id' ? i.id === existing[1] : true))!;
    expect(newest).toBeDefined();
    const later = await make(2);
    const start =
      c.type === 'id'
        ? { epoch: { type: 'item', id: newest.id as string } }
        : {
            epoch: {
              type: 'item',
              date: String(
                items
                  .map((i) => i.date)
                  .sort()
                  .reverse()[0],
              ),
            },
          };
    const result = await h.poll(id, params(10), start as never);
    expect(result.bundles.map(c.idOf)).toEqual(later);
  },
);

test('an idle poll of a newest-first trigger costs one request however long the list; Watch Customers reads it all', async () => {
  const { make, poll } = await setUp('watchContacts');
  await make(1);
  let { state } = await poll(10, { epoch: { type: 'all' } });
  const customer = (await h.search('listCustomers', { external_id: 'watchContacts-cus', limit: 1 }))[0];
  const ds = customer.data_source_uuid;
  await h.seed(
    '/v1/contacts',
    Array.from({ length: 201 }, (_, i) => ({
      customer_uuid: customer.uuid,
      data_source_uuid: ds,
      email: `bulk${i}@example.com`,
    })),
  );
  ({ state } = await poll(1000, { state })); // takes the 201
  let before = await h.requestCount();
  expect((await poll(10, { state })).ids).toEqual([]);
  expect(await h.requestCount()).toBe(before + 1);

  await h.seed(
    '/v1/customers',
    Array.from({ length: 200 }, (_, i) => ({ data_source_uuid: ds, external_id: `bulk-${i}` })),
  );
  const customers = await h.poll(
    'watchCustomers',
    { data_source_uuid: ds, limit: 1000 },
    { epoch: { type: 'all' } },
  );
  expect(customers.bundles).toHaveLength(201);
  before = await h.requestCount();
  expect(
    (await h.poll('watchCustomers', { data_source_uuid: ds, limit: 10 }, { state: customers.state })).bundles,
  ).toEqual([]);
  expect(await h.requestCount()).toBe(before + 2); // 201 customers: two pages of 200
});
