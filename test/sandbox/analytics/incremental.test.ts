/**
 * The incremental derivation against a full one: 1,000 seeded random billing writes through the API
 * (imports with every kind of line item, currencies, prorations and cancellations, invoice deletes and edits
 * — currency, date, status, disabled —, line-item and transaction edits, subscription events of every type
 * with their updates, disabling and deletion, cancellations and their replacement, merges, connect/disconnect,
 * plan edits, customers made and deleted), while the sandbox clock moves through the writes' dates. After each
 * write, every customer is derived from scratch and compared with what the incremental writes (and the
 * catch-up as the clock passed a step) left in the database (movements, MRR history, subscriptions, customer
 * fields, the daily totals the triggers keep). Every 25 writes, the invariants over the API: movements
 * between two dates add up to MRR(b) − MRR(a); metrics MRR = Σ customers' MRR = Σ their active
 * subscriptions' MRR; ARR = 12 × MRR.
 */
import { seededRandom } from '../../../sandbox/lib/random';
import { sql } from '../../../sandbox/store/context';
import { deriveCustomer } from '../../../sandbox/analytics/rules/derive';
import { readBilling } from '../../../sandbox/analytics/store/read';
import { movementRows, type MovementRow } from '../../../sandbox/analytics/store/write';
import { dailyTotals } from '../../../sandbox/analytics/store/daily';
import { DAILY_COLUMNS } from '../../../sandbox/analytics/metrics/totals';
import { EVENT_TYPES } from '../../../sandbox/store/subscriptionEvents';
import { inProcessSandbox, type InProcess } from './in-process';

/**
 * The sandbox clock starts a year into the writes' dates and moves 12 hours after each write, so many writes
 * are dated after it when made (future periods, scheduled events) and become current as it passes them.
 */
const CLOCK_START = Date.parse('2025-01-01T00:00:00Z');
const CLOCK_STEP = 12 * 3_600_000;
let clockNow = CLOCK_START;
const WRITES = 1000;
const random = seededRandom(1701);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const chance = (p: number) => random() < p;
const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const DAY = 86_400_000;
const FROM = Date.parse('2024-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const randomInstant = () => FROM + int(0, 729) * DAY + int(0, 23) * 3_600_000;

let sb: InProcess;
let serial = 0;
const unique = (base: string) => `${base}_${++serial}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;
const rows = (text: string, ...params: unknown[]): Row[] => sql(sb.store.db, text).all(...params) as Row[];
/**
 * `count` distinct rows of a query, chosen with the seeded random, so the writes are the same in every run
 * (SQLite's random() is not seeded). The query orders its rows by a stable key.
 */
function someRows(count: number, text: string, ...params: unknown[]): Row[] {
  const all = rows(text, ...params);
  const chosen: Row[] = [];
  while (chosen.length < count && all.length > 0)
    chosen.push(all.splice(Math.floor(random() * all.length), 1)[0]);
  return chosen;
}

/** A write the sandbox may refuse (an edit the current state does not allow): undefined when refused. */
async function attempt(method: string, path: string, body?: unknown): Promise<Row | undefined> {
  const res = await sb.call(method, path, body);
  if (res.status >= 500) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.status < 300 ? (res.body ?? {}) : undefined;
}

async function must(method: string, path: string, body?: unknown): Promise<Row> {
  const res = await sb.call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const PLAN_SHAPES: [string, number][] = [
  ['month', 1],
  ['month', 3],
  ['year', 1],
  ['day', 7],
];

async function setUp(): Promise<void> {
  for (const name of ['Source A', 'Source B']) {
    const ds = await must('POST', '/v1/data_sources', { name });
    for (const [unit, count] of PLAN_SHAPES)
      await must('POST', '/v1/plans', {
        data_source_uuid: ds.uuid,
        name: `${name} ${count} ${unit}`,
        interval_unit: unit,
        interval_count: count,
      });
    for (let i = 0; i < 5; i++) await createCustomer(ds.uuid);
  }
}

async function createCustomer(dsUuid?: string): Promise<void> {
  const ds = dsUuid ?? pick(rows('SELECT uuid FROM data_sources')).uuid;
  await must('POST', '/v1/customers', {
    data_source_uuid: ds,
    external_id: unique('cus'),
    name: unique('Customer'),
    country: pick(['US', 'DE', 'FR']),
  });
}

function end(planRow: Row, start: number): number {
  const d = new Date(start);
  if (planRow.interval_unit === 'day') return start + planRow.interval_count * DAY;
  const months = planRow.interval_unit === 'year' ? 12 * planRow.interval_count : planRow.interval_count;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours());
}

function lineItem(customer: Row): Row {
  if (chance(0.12))
    return {
      type: 'one_time',
      amount_in_cents: int(100, 5000),
      description: 'setup',
      external_id: unique('li'),
    };
  const plan = pick(rows('SELECT * FROM plans WHERE data_source_id = ?', customer.data_source_id));
  const start = randomInstant();
  const item: Row = {
    type: 'subscription',
    subscription_external_id: pick(['s1', 's2', 's3']),
    plan_uuid: plan.uuid,
    service_period_start: iso(start),
    service_period_end: iso(end(plan, start)),
    amount_in_cents: chance(0.1) ? 0 : chance(0.05) ? -int(100, 3000) : int(500, 30000),
    tax_amount_in_cents: chance(0.3) ? int(0, 400) : 0,
    quantity: int(1, 5),
    external_id: unique('li'),
  };
  if (chance(0.15)) {
    item.prorated = true;
    item.proration_type = pick(['differential', 'full', 'differential_mrr', undefined]);
  }
  if (chance(0.08)) item.cancelled_at = iso(start + int(1, 60) * DAY);
  if (chance(0.1)) item.event_order = int(1, 3);
  if (chance(0.1)) item.subscription_set_external_id = 'set1';
  return item;
}

const WRITERS: [number, string, () => Promise<string | undefined>][] = [
  [
    40,
    'import',
    async () => {
      const customer = pick(rows('SELECT * FROM customers'));
      const items = [lineItem(customer), ...(chance(0.3) ? [lineItem(customer)] : [])];
      const first = items.find((i) => i.service_period_start)?.service_period_start ?? iso(randomInstant());
      const transactions = chance(0.6)
        ? [
            {
              type: 'payment',
              date: first,
              result: chance(0.8) ? 'successful' : 'failed',
              external_id: unique('tr'),
            },
          ]
        : [];
      await must('POST', `/v1/import/customers/${customer.uuid}/invoices`, {
        invoices: [
          {
            external_id: unique('inv'),
            date: first,
            currency: pick(['USD', 'USD', 'EUR', 'GBP', 'JPY']),
            line_items: items,
            transactions,
          },
        ],
      });
      return `import ${items.length} item(s) for ${customer.id}`;
    },
  ],
  [
    14,
    'cancel',
    async () => {
      const [sub] = someRows(1, 'SELECT * FROM subscriptions ORDER BY rowid');
      if (!sub) return undefined;
      const body = chance(0.6)
        ? { cancelled_at: iso(randomInstant()) }
        : { cancellation_dates: Array.from({ length: int(0, 2) }, () => iso(randomInstant())) };
      await must('PATCH', `/v1/import/subscriptions/${sub.uuid}`, body);
      return `cancel ${sub.id} ${JSON.stringify(body)}`;
    },
  ],
  [
    8,
    'delete invoice',
    async () => {
      const [invoice] = someRows(1, 'SELECT uuid FROM invoices ORDER BY rowid');
      if (!invoice) return undefined;
      await must('DELETE', `/v1/invoices/${invoice.uuid}`);
      return `delete invoice ${invoice.uuid}`;
    },
  ],
  [
    8,
    'transaction',
    async () => {
      const [invoice] = someRows(1, 'SELECT uuid, date FROM invoices ORDER BY rowid');
      if (!invoice) return undefined;
      const result = pick(['successful', 'failed']);
      await must('POST', `/v1/import/invoices/${invoice.uuid}/transactions`, {
        type: pick(['payment', 'payment', 'refund']),
        date: iso(invoice.date + DAY),
        result,
      });
      return `transaction ${result}`;
    },
  ],
  [
    5,
    'merge',
    async () => {
      const pair = someRows(2, 'SELECT uuid FROM customers ORDER BY rowid');
      if (pair.length < 2 || rows('SELECT id FROM customers').length < 10) return undefined;
      await must('POST', '/v1/customers/merges', {
        from: { customer_uuid: pair[0].uuid },
        into: { customer_uuid: pair[1].uuid },
      });
      return `merge ${pair[0].uuid} into ${pair[1].uuid}`;
    },
  ],
  [
    6,
    'connect',
    async () => {
      const [customer] = someRows(
        1,
        `SELECT customer_id FROM subscriptions GROUP BY customer_id HAVING COUNT(*) >= 2 ORDER BY customer_id`,
      );
      if (!customer) return undefined;
      const subs = someRows(
        2,
        `SELECT s.metrics_uuid, d.uuid AS ds FROM subscriptions s JOIN data_sources d ON d.id = s.data_source_id
         WHERE s.customer_id = ? ORDER BY s.rowid`,
        customer.customer_id,
      );
      const { uuid } = rows('SELECT uuid FROM customers WHERE id = ?', customer.customer_id)[0];
      await must('POST', `/v1/customers/${uuid}/connect_subscriptions`, {
        subscriptions: subs.map((s) => ({ data_source_uuid: s.ds, uuid: s.metrics_uuid })),
      });
      return `connect in ${customer.customer_id}`;
    },
  ],
  [
    4,
    'disconnect',
    async () => {
      const [sub] = someRows(
        1,
        `SELECT s.metrics_uuid, s.customer_id, d.uuid AS ds FROM subscriptions s JOIN data_sources d ON d.id = s.data_source_id
         WHERE s.connected_to IS NOT NULL ORDER BY s.rowid`,
      );
      if (!sub) return undefined;
      const { uuid } = rows('SELECT uuid FROM customers WHERE id = ?', sub.customer_id)[0];
      await must('POST', `/v1/customers/${uuid}/disconnect_subscriptions`, {
        subscriptions: [{ data_source_uuid: sub.ds, uuid: sub.metrics_uuid }],
      });
      return `disconnect in ${sub.customer_id}`;
    },
  ],
  [
    3,
    'plan edit',
    async () => {
      const [plan] = someRows(1, 'SELECT uuid FROM plans ORDER BY rowid');
      const change = chance(0.5) ? { interval_count: int(1, 3) } : { name: unique('Renamed') };
      await must('PATCH', `/v1/plans/${plan.uuid}`, change);
      return `plan edit ${JSON.stringify(change)}`;
    },
  ],
  [
    8,
    'event',
    async () => {
      const [customer] = someRows(
        1,
        `SELECT c.id, c.external_id, d.uuid AS ds, d.id AS ds_id FROM customers c
         JOIN data_sources d ON d.id = c.data_source_id ORDER BY c.rowid`,
      );
      const type = pick(EVENT_TYPES);
      const at = iso(randomInstant());
      const body: Row = {
        data_source_uuid: customer.ds,
        customer_external_id: customer.external_id,
        subscription_external_id: pick(['s1', 's2', 'e1']),
        event_type: type,
        event_date: at,
        effective_date: at,
      };
      if (/start|updat/.test(type) && !type.includes('retracted')) {
        body.plan_external_id = pick(
          rows('SELECT external_id FROM plans WHERE data_source_id = ?', customer.ds_id),
        ).external_id;
        body.amount_in_cents = int(0, 20000);
        body.currency = pick(['USD', 'EUR']);
        body.quantity = pick([1, 2, '']);
      }
      if (type === 'subscription_event_retracted') {
        const [target] = someRows(1, 'SELECT id FROM subscription_events ORDER BY rowid');
        if (!target) return undefined;
        body.retracted_event_id = target.id;
      }
      return (await attempt('POST', '/v1/subscription_events', { subscription_event: body }))
        ? `event ${type}`
        : undefined;
    },
  ],
  [
    3,
    'event change',
    async () => {
      const [ev] = someRows(1, 'SELECT id FROM subscription_events ORDER BY rowid');
      if (!ev) return undefined;
      const roll = random();
      if (roll < 0.4)
        await must('PATCH', `/v1/subscription_events/${ev.id}/disabled_state`, { disabled: chance(0.6) });
      else if (roll < 0.7) await must('DELETE', `/v1/subscription_events?subscription_event[id]=${ev.id}`);
      else if (
        !(await attempt('PATCH', '/v1/subscription_events', {
          subscription_event: { id: ev.id, effective_date: iso(randomInstant()) },
        }))
      )
        return undefined;
      return `event change ${ev.id}`;
    },
  ],
  [
    6,
    'invoice edit',
    async () => {
      const [invoice] = someRows(
        1,
        'SELECT i.uuid, i.external_id, d.uuid AS ds FROM invoices i JOIN data_sources d ON d.id = i.data_source_id ORDER BY i.rowid',
      );
      if (!invoice) return undefined;
      const roll = random();
      const done =
        roll < 0.35
          ? await attempt('PATCH', `/v1/invoices/${invoice.uuid}`, { currency: pick(['USD', 'EUR', 'GBP']) })
          : roll < 0.6
            ? await attempt('PATCH', `/v1/invoices/${invoice.uuid}/disabled_state`, { disabled: chance(0.6) })
            : roll < 0.75
              ? await attempt(
                  'PUT',
                  `/v1/data_sources/${invoice.ds}/invoices/${invoice.external_id}/status`,
                  {
                    status: pick(['voided', 'written_off']),
                  },
                )
              : await attempt('PATCH', `/v1/invoices/${invoice.uuid}`, { date: iso(randomInstant()) });
      return done ? `invoice edit ${roll.toFixed(2)}` : undefined;
    },
  ],
  [
    6,
    'line item edit',
    async () => {
      const [item] = someRows(1, `SELECT uuid FROM line_items WHERE type = 'subscription' ORDER BY rowid`);
      if (!item) return undefined;
      const roll = random();
      const start = randomInstant();
      const body =
        roll < 0.4
          ? { amount_in_cents: int(0, 25000) }
          : roll < 0.6
            ? { service_period_start: iso(start), service_period_end: iso(start + 30 * DAY) }
            : undefined;
      const done = body
        ? await attempt('PATCH', `/v1/line_items/${item.uuid}`, body)
        : roll < 0.85
          ? await attempt('PATCH', `/v1/line_items/${item.uuid}/disabled_state`, { disabled: chance(0.6) })
          : await attempt('DELETE', `/v1/line_items/${item.uuid}`);
      return done ? `line item edit ${roll.toFixed(2)}` : undefined;
    },
  ],
  [
    3,
    'transaction edit',
    async () => {
      const [tx] = someRows(1, 'SELECT uuid FROM transactions ORDER BY rowid');
      if (!tx) return undefined;
      const done = chance(0.5)
        ? await attempt('PATCH', `/v1/transactions/${tx.uuid}`, { result: pick(['successful', 'failed']) })
        : await attempt('PATCH', `/v1/transactions/${tx.uuid}/disabled_state`, { disabled: chance(0.6) });
      return done ? 'transaction edit' : undefined;
    },
  ],
  [
    5,
    'create customer',
    async () => {
      await createCustomer();
      return 'create customer';
    },
  ],
  [
    2,
    'delete customer',
    async () => {
      const [customer] = someRows(1, 'SELECT uuid FROM customers ORDER BY rowid');
      if (!customer || rows('SELECT id FROM customers').length < 10) return undefined;
      await must('DELETE', `/v1/customers/${customer.uuid}`);
      return 'delete customer';
    },
  ],
];

async function randomWrite(): Promise<string> {
  const total = WRITERS.reduce((sum, [weight]) => sum + weight, 0);
  for (;;) {
    let roll = random() * total;
    for (const [weight, , write] of WRITERS) {
      roll -= weight;
      if (roll >= 0) continue;
      const done = await write();
      if (done) return done;
      break;
    }
  }
}

const MOVEMENT_KEYS = (row: MovementRow) => {
  const { id, ...rest } = row;
  void id;
  return rest;
};

/** Every customer derived from scratch, against the stored incremental state. */
function compareWithFullDerivation(): void {
  const now = sb.store.clock.now();
  const expected: Row = { customers: [], daily: [], orphans: [{ n: 0 }] };
  const actual: Row = { customers: [] };
  const allMovements: MovementRow[] = [];
  const grouped = (text: string) => {
    const byCustomer = new Map<number, Row[]>();
    for (const { customer_id, ...row } of rows(text))
      byCustomer.set(customer_id, [...(byCustomer.get(customer_id) ?? []), row]);
    return (id: number) => byCustomer.get(id) ?? [];
  };
  const storedMovements = grouped('SELECT * FROM analytics_movements ORDER BY customer_id, seq');
  const storedSteps = grouped(
    'SELECT customer_id, at, mrr, live, plan_uuid FROM analytics_steps ORDER BY customer_id, seq',
  );
  const storedSubs = grouped(
    'SELECT customer_id, id, chain_id, listed, mrr, active FROM analytics_subscriptions ORDER BY customer_id, id',
  );
  for (const { id, status, since, mrr } of rows('SELECT id, status, since, mrr FROM customers ORDER BY id')) {
    const billing = readBilling(sb.store, id)!;
    const derived = deriveCustomer(billing, now);
    const subUuid = new Map(billing.subscriptions.map((s) => [s.id, s.uuid]));
    const movements = movementRows(id, derived.movements, subUuid);
    allMovements.push(...movements);
    expected.customers.push({
      id,
      fields: { status: derived.status, since: derived.since, mrr: derived.mrr },
      movements: movements.map(({ customer_id, ...rest }) => (void customer_id, rest)),
      steps: derived.steps.map((s) => ({
        at: s.at,
        mrr: s.mrr,
        live: s.live ? 1 : 0,
        plan_uuid: s.planUuid,
      })),
      subscriptions: derived.subscriptions
        .flatMap((s) =>
          s.memberIds.map((m) => ({
            id: m,
            chain_id: s.chainId,
            listed: m === s.listedId ? 1 : 0,
            mrr: s.mrr,
            active: s.active ? 1 : 0,
          })),
        )
        .sort((a, b) => a.id - b.id),
    });
    actual.customers.push({
      id,
      fields: { status, since, mrr },
      movements: storedMovements(id).map(MOVEMENT_KEYS),
      steps: storedSteps(id),
      subscriptions: storedSubs(id),
    });
  }
  const nonZero = (r: Row) => DAILY_COLUMNS.some((c) => r[c] !== 0);
  expected.daily = dailyTotals(allMovements)
    .filter(nonZero)
    .sort((a, b) => a.day - b.day)
    .map((r) => JSON.stringify(DAILY_COLUMNS.map((c) => r[c]).concat(r.day)));
  actual.daily = rows('SELECT * FROM analytics_daily ORDER BY day')
    .filter(nonZero)
    .map((r) => JSON.stringify(DAILY_COLUMNS.map((c) => r[c]).concat(r.day)));
  actual.orphans = rows(
    'SELECT COUNT(*) AS n FROM analytics_movements WHERE customer_id NOT IN (SELECT id FROM customers)',
  );
  // A string comparison first: a full deep comparison (and its diff) only when they differ.
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const day = (ms: number) => iso(ms).slice(0, 10);

async function mrrAt(date: string): Promise<number> {
  return (await must('GET', `/v1/metrics/mrr?start-date=${date}&end-date=${date}&interval=day`)).entries[0]
    .mrr;
}

async function checkInvariants(): Promise<void> {
  const customers: Row[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await must('GET', `/v1/customers?per_page=200${cursor ? `&cursor=${cursor}` : ''}`);
    customers.push(...page.entries);
    cursor = page.has_more ? page.cursor : null;
  }
  const total = customers.reduce((sum, c) => sum + c.mrr, 0);
  const metrics = await must(
    'GET',
    '/v1/metrics/all?start-date=2024-01-01&end-date=2026-01-01&interval=quarter',
  );
  expect(metrics.summary['current-mrr']).toBe(total);
  for (const entry of metrics.entries) expect(entry.arr).toBe(12 * entry.mrr);
  for (const c of customers) {
    expect(c.arr).toBe(12 * c.mrr);
    const subs = (await must('GET', `/v1/customers/${c.uuid}/subscriptions`)).entries as Row[];
    const active = subs.filter((s) => s.status === 'active').reduce((sum, s) => sum + s.mrr, 0);
    expect([c.uuid, active]).toEqual([c.uuid, c.mrr]);
  }
  const [a, b] = [randomInstant(), randomInstant()].sort((x, y) => x - y);
  const [dayA, dayB] = [day(a), day(b)];
  if (dayA === dayB) return;
  let sum = 0;
  const from = iso(Date.parse(`${dayA}T00:00:00Z`) + DAY);
  const to = iso(Date.parse(`${dayB}T00:00:00Z`) + DAY - 1);
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await must(
      'GET',
      `/v1/activities?start-date=${from}&end-date=${to}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    sum += (page.entries as Row[]).reduce((s, e) => s + e['activity-mrr-movement'], 0);
    cursor = page.has_more ? page.cursor : null;
  }
  expect(sum).toBe((await mrrAt(dayB)) - (await mrrAt(dayA)));
}

beforeAll(async () => {
  // `fixed`: the clock moves only when the test moves it, so no timer of the sandbox's catches up by itself.
  sb = await inProcessSandbox({ now: () => clockNow, fixed: true });
  await setUp();
});
afterAll(() => sb.close());

it(`${WRITES} random billing writes: incremental state equals a full derivation after each; invariants hold`, async () => {
  const log: string[] = [];
  const kinds = new Map<string, number>();
  let caughtUp = 0;
  // Movement types the history held at some point (a later delete or merge may take a movement away).
  const types = new Set<string>();
  for (let n = 1; n <= WRITES; n++) {
    clockNow += CLOCK_STEP;
    // Customers whose next step the clock has now passed: the write's request derives them again first.
    caughtUp += rows('SELECT COUNT(*) AS n FROM analytics_pending WHERE at <= ?', clockNow)[0].n as number;
    const done = await randomWrite();
    log.push(`#${n} ${done}`);
    const kind = done.split(' ')[0];
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    try {
      compareWithFullDerivation();
      if (n % 25 === 0) await checkInvariants();
      for (const r of rows('SELECT DISTINCT type FROM analytics_movements')) types.add(r.type);
    } catch (err) {
      (err as Error).message = `after write ${log.slice(-3).join(', ')}:\n${(err as Error).message}`;
      throw err;
    }
  }
  // Every kind of write happened, and the history is not trivial.
  expect([...kinds.keys()].sort()).toEqual(
    [
      'cancel',
      'connect',
      'create',
      'delete',
      'disconnect',
      'event',
      'import',
      'invoice',
      'line',
      'merge',
      'plan',
      'transaction',
    ].sort(),
  );
  expect(caughtUp).toBeGreaterThan(20);
  expect(types).toEqual(new Set(['new_biz', 'expansion', 'contraction', 'churn', 'reactivation']));
}, 240_000);
