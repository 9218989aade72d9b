/**
 * The official SDK against the sandbox's derived data, unchanged (`config.retries = 0`): Metrics.*,
 * Metrics.Activity, Metrics.Customer.activities / subscriptions, Metrics.ActivitiesExport and the account's
 * settings, on a small history made through the SDK with a fixed clock.
 */
import { unzipOneFile } from '../../../sandbox/analytics/activities/zip';
import { ChartMogul, failure, raw, startWithSdk, stats, type SdkSandbox } from '../support/sdk';

let sb: SdkSandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const customers: Record<string, any> = {};

const line = (sub: string, plan: string, start: string, end: string, amount: number) => ({
  type: 'subscription',
  subscription_external_id: sub,
  plan_uuid: plan,
  service_period_start: start,
  service_period_end: end,
  amount_in_cents: amount,
});

beforeAll(async () => {
  sb = await startWithSdk({ clock: '2024-06-15T12:00:00Z' });
  const ds = await ChartMogul.DataSource.create(sb.config, { name: 'Metrics source' });
  const plan = (name: string, interval_unit: string) =>
    ChartMogul.Plan.create(sb.config, {
      data_source_uuid: ds.uuid,
      name,
      interval_count: 1,
      interval_unit,
      external_id: name.toLowerCase(),
    });
  const [pro, team, annual] = [
    await plan('Pro', 'month'),
    await plan('Team', 'month'),
    await plan('Annual', 'year'),
  ];
  const customer = (id: string, country: string) =>
    ChartMogul.Customer.create(sb.config, { data_source_uuid: ds.uuid, external_id: id, name: id, country });
  for (const [id, country] of [
    ['alpha', 'US'],
    ['beta', 'DE'],
    ['gamma', 'FR'],
  ])
    customers[id] = await customer(id, country);
  const bill = async (who: string, external_id: string, date: string, currency: string, items: object[]) =>
    ChartMogul.Invoice.create(sb.config, customers[who].uuid, {
      invoices: [
        {
          external_id,
          date,
          currency,
          line_items: items,
          transactions: [{ type: 'payment', date, result: 'successful' }],
        },
      ],
    });
  await bill('alpha', 'a1', '2024-01-01', 'USD', [line('a', pro.uuid, '2024-01-01', '2024-02-01', 10000)]);
  await bill('alpha', 'a2', '2024-03-01', 'USD', [line('a', team.uuid, '2024-03-01', '2024-04-01', 20000)]);
  const beta = await bill('beta', 'b1', '2024-02-01', 'USD', [
    line('b', annual.uuid, '2024-02-01', '2025-02-01', 120000),
  ]);
  await bill('gamma', 'g1', '2024-04-01', 'EUR', [line('g', pro.uuid, '2024-04-01', '2024-05-01', 10000)]);
  const betaSub = beta.invoices[0].line_items[0].subscription_uuid;
  await ChartMogul.Subscription.cancel(sb.config, betaSub, { cancelled_at: '2024-05-10' });
});
afterAll(() => sb.sandbox.close());

const RANGE = { 'start-date': '2024-01-01', 'end-date': '2024-06-15', interval: 'month' };

describe('Metrics', () => {
  it('mrr: entries at each month end (the last clipped), movements per column, summary as of today', async () => {
    const mrr = await ChartMogul.Metrics.mrr(sb.config, RANGE);
    expect(mrr.entries.map((e: { date: string; mrr: number }) => [e.date, e.mrr])).toEqual([
      ['2024-01-31', 10000],
      ['2024-02-29', 20000],
      ['2024-03-31', 30000],
      ['2024-04-30', 40945],
      ['2024-05-31', 30945],
      ['2024-06-15', 30945],
    ]);
    expect(mrr.entries[3]).toEqual({
      date: '2024-04-30',
      mrr: 40945,
      'percentage-change': 36.48,
      'mrr-new-business': 10945,
      'mrr-expansion': 0,
      'mrr-contraction': 0,
      'mrr-churn': 0,
      'mrr-reactivation': 0,
    });
    expect(mrr.entries[2]['mrr-expansion']).toBe(10000);
    expect(mrr.entries[4]['mrr-churn']).toBe(-10000);
    expect(mrr.summary).toEqual({ current: 30945, previous: 30945, 'percentage-change': 0 });
  });

  it('all: every key metric and its change, with the summary of each', async () => {
    const all = await ChartMogul.Metrics.all(sb.config, RANGE);
    const may = all.entries[4];
    expect(may).toMatchObject({
      date: '2024-05-31',
      mrr: 30945,
      arr: 371340,
      customers: 2,
      arpa: 15472,
      'customer-churn-rate': 33.33,
      'mrr-churn-rate': 24.42,
      ltv: Math.floor((15472 * 100) / 33.33),
    });
    expect(Object.keys(may)).toEqual([
      'date',
      ...['mrr', 'arr', 'customer-churn-rate', 'mrr-churn-rate', 'ltv', 'customers', 'asp', 'arpa'].flatMap(
        (k) => [k, `${k}-percentage-change`],
      ),
    ]);
    expect(all.entries[0].asp).toBe(10000);
    expect(all.summary).toMatchObject({
      'current-mrr': 30945,
      'current-customers': 2,
      'previous-customers': 2,
    });
  });

  it('each single metric answers its key; ASP refuses day and week intervals', async () => {
    const calls: [string, string][] = [
      ['arr', 'arr'],
      ['arpa', 'arpa'],
      ['asp', 'asp'],
      ['customerCount', 'customers'],
      ['customerChurnRate', 'customer-churn-rate'],
      ['mrrChurnRate', 'mrr-churn-rate'],
      ['ltv', 'ltv'],
    ];
    for (const [method, key] of calls) {
      const body = await ChartMogul.Metrics[method](sb.config, RANGE);
      expect(Object.keys(body.entries[0])).toEqual(['date', key, 'percentage-change']);
      expect(Object.keys(body.summary)).toEqual(['current', 'previous', 'percentage-change']);
    }
    expect(
      (await ChartMogul.Metrics.customerCount(sb.config, RANGE)).entries.map(
        (e: { customers: number }) => e.customers,
      ),
    ).toEqual([1, 2, 2, 3, 2, 2]);
    const asp = await failure(ChartMogul.Metrics.asp(sb.config, { ...RANGE, interval: 'week' }));
    expect(asp).toEqual({
      status: 400,
      body: { code: 400, message: expect.stringMatching(/month, quarter or year/), param: 'interval' },
    });
  });

  it('an omitted interval is month, for stock and rate metrics alike (§h10)', async () => {
    const { interval: _month, ...noInterval } = RANGE;
    for (const method of ['customerCount', 'mrrChurnRate']) {
      const omitted = await ChartMogul.Metrics[method](sb.config, noInterval);
      expect(omitted.entries.map((e: { date: string }) => e.date)).toEqual([
        '2024-01-31',
        '2024-02-29',
        '2024-03-31',
        '2024-04-30',
        '2024-05-31',
        '2024-06-15',
      ]);
      expect(omitted).toEqual(await ChartMogul.Metrics[method](sb.config, RANGE));
    }
  });

  it('filters by plan, country and currency', async () => {
    const byPlan = await ChartMogul.Metrics.mrr(sb.config, { ...RANGE, plans: 'Pro' });
    // alpha left Pro for Team in March: churn of the selection; gamma's EUR Pro came in April.
    expect(byPlan.entries.map((e: { mrr: number }) => e.mrr)).toEqual([10000, 10000, 0, 10945, 10945, 10945]);
    expect(byPlan.entries[2]['mrr-churn']).toBe(-10000);
    const byGeo = await ChartMogul.Metrics.mrr(sb.config, { ...RANGE, geo: 'DE,FR' });
    expect(byGeo.entries.map((e: { mrr: number }) => e.mrr)).toEqual([0, 10000, 10000, 20945, 10945, 10945]);
    const eur = await ChartMogul.Metrics.mrr(sb.config, { ...RANGE, filters: "currency~ANY~'EUR'" });
    expect(eur.entries.at(-1).mrr).toBe(10945);
    const notEur = await ChartMogul.Metrics.mrr(sb.config, {
      ...RANGE,
      filters: "currency~NONE~'EUR'~AND~plan~ANY~'Team'",
    });
    expect(notEur.entries.at(-1).mrr).toBe(20000);
    const other = await failure(ChartMogul.Metrics.mrr(sb.config, { ...RANGE, filters: 'mrr~GT~1000' }));
    expect(other).toMatchObject({ status: 400, body: { code: 400, param: 'filters' } });
  });

  it.each([
    [{ 'end-date': '2024-06-01' }, 'Parameter "start-date" is missing', 'start-date'],
    [{ 'start-date': '2024-01-01' }, 'Parameter "end-date" is missing', 'end-date'],
    [{ 'start-date': '2024-13-01', 'end-date': '2024-06-01' }, /start-date.*not a valid date/, 'start-date'],
    [{ 'start-date': '2024-06-01', 'end-date': '2024-01-01' }, /must not be before/, 'end-date'],
    [{ 'start-date': '2024-01-01', 'end-date': '2024-06-01', interval: 'fortnight' }, /interval/, 'interval'],
  ])('bad input %j → 400 {code, message, param}', async (query, message, param) => {
    const result = await failure(ChartMogul.Metrics.all(sb.config, query));
    expect(result).toEqual({
      status: 400,
      body: { code: 400, message: expect.stringMatching(message), param },
    });
  });
});

describe('activities', () => {
  it('lists every movement oldest first, with the recorded keys; pages by the next activity uuid', async () => {
    const all = await ChartMogul.Metrics.Activity.all(sb.config);
    expect(all.entries.map((a: { type: string }) => a.type)).toEqual([
      'new_biz',
      'new_biz',
      'expansion',
      'new_biz',
      'churn',
    ]);
    expect(all.entries[2]).toMatchObject({
      description: 'switched plan from Pro to Team',
      'activity-mrr-movement': 10000,
      'activity-mrr': 20000,
      'activity-arr': 240000,
      date: '2024-03-01T00:00:00+00:00',
      currency: 'USD',
      'subscription-external-id': 'a',
      'subscription-set-external-id': 'a',
      'plan-external-id': 'team',
      'customer-name': 'alpha',
      'customer-uuid': customers.alpha.uuid,
      'customer-external-id': 'alpha',
      'billing-connector-uuid': customers.alpha.data_source_uuid,
    });
    expect(all).toMatchObject({ has_more: false, per_page: 200, cursor: null });
    const seen: string[] = [];
    let page = await ChartMogul.Metrics.Activity.all(sb.config, { per_page: 2 });
    expect(page.cursor).toBe(all.entries[2].uuid);
    seen.push(...page.entries.map((a: { uuid: string }) => a.uuid));
    while (page.has_more) {
      page = await ChartMogul.Metrics.Activity.all(sb.config, { per_page: 2, cursor: page.cursor });
      expect(page).not.toHaveProperty('per_page');
      seen.push(...page.entries.map((a: { uuid: string }) => a.uuid));
    }
    expect(seen).toEqual(all.entries.map((a: { uuid: string }) => a.uuid));
  });

  it('filters by type and dates (inclusive), orders by -date, and answers bad input with 400', async () => {
    const churn = await ChartMogul.Metrics.Activity.all(sb.config, { type: 'churn' });
    expect(churn.entries).toHaveLength(1);
    expect(churn.entries[0]).toMatchObject({
      description: 'cancelled their Annual plan',
      'activity-mrr-movement': -10000,
    });
    const spring = await ChartMogul.Metrics.Activity.all(sb.config, {
      'start-date': '2024-03-01T00:00:00Z',
      'end-date': '2024-04-01',
      order: '-date',
    });
    expect(spring.entries.map((a: { date: string }) => a.date)).toEqual([
      '2024-04-01T00:00:00+00:00',
      '2024-03-01T00:00:00+00:00',
    ]);
    expect(await failure(ChartMogul.Metrics.Activity.all(sb.config, { type: 'upgrade' }))).toMatchObject({
      status: 400,
      body: { param: 'type' },
    });
    expect(
      await failure(ChartMogul.Metrics.Activity.all(sb.config, { 'end-date': '2024-01-01' })),
    ).toMatchObject({
      status: 400,
      body: { message: 'Parameter "start-date" is missing' },
    });
    expect(await failure(ChartMogul.Metrics.Activity.all(sb.config, { cursor: 'nope' }))).toMatchObject({
      status: 400,
      body: { param: 'cursor' },
    });
  });

  it("a customer's activities: newest first, integer ids, base64 cursors; unknown customer 404", async () => {
    const first = await ChartMogul.Metrics.Customer.activities(sb.config, customers.alpha.uuid, {
      per_page: 1,
    });
    expect(first).toMatchObject({ has_more: true, per_page: 1, page: 1 });
    expect(first.entries[0]).toEqual({
      id: expect.any(Number),
      description: 'switched plan from Pro to Team',
      'activity-mrr-movement': 10000,
      'activity-mrr': 20000,
      'activity-arr': 240000,
      date: '2024-03-01T00:00:00+00:00',
      type: 'expansion',
      currency: 'USD',
      'currency-sign': '$',
      'subscription-external-id': 'a',
      'plan-external-id': 'team',
    });
    const next = await ChartMogul.Metrics.Customer.activities(sb.config, customers.alpha.uuid, {
      per_page: 1,
      cursor: first.cursor,
    });
    expect(next).toEqual({
      entries: [expect.objectContaining({ type: 'new_biz' })],
      cursor: expect.any(String),
      has_more: false,
    });
    const missing = await failure(
      ChartMogul.Metrics.Customer.activities(sb.config, 'cus_00000000-0000-4000-8000-000000000000'),
    );
    expect(missing.status).toBe(404);
  });
});

describe("a customer's subscriptions (metrics view) and fields", () => {
  it('a cancelled subscription is inactive, keeps its last MRR and ends at the cancellation', async () => {
    const { entries } = await ChartMogul.Metrics.Customer.subscriptions(sb.config, customers.beta.uuid);
    expect(entries).toEqual([
      expect.objectContaining({
        external_id: 'b',
        status: 'inactive',
        mrr: 10000,
        arr: 120000,
        plan: 'Annual',
        'billing-cycle': 'year',
        'start-date': '2024-02-01T00:00:00+00:00',
        'end-date': '2024-05-10T00:00:00+00:00',
        currency: 'USD',
      }),
    ]);
    expect(await ChartMogul.Customer.retrieve(sb.config, customers.beta.uuid)).toMatchObject({
      status: 'Cancelled',
      mrr: 0,
      arr: 0,
    });
  });

  it('metrics MRR = Σ customers’ MRR = Σ the active subscriptions’ MRR; ARR = 12 × MRR', async () => {
    const list = (await ChartMogul.Customer.all(sb.config)).entries as {
      uuid: string;
      mrr: number;
      arr: number;
    }[];
    const subs = await Promise.all(
      list.map((c) => ChartMogul.Metrics.Customer.subscriptions(sb.config, c.uuid)),
    );
    const active = subs.flatMap((s) => s.entries).filter((s: { status: string }) => s.status === 'active');
    const metrics = await ChartMogul.Metrics.mrr(sb.config, RANGE);
    const total = list.reduce((sum, c) => sum + c.mrr, 0);
    expect(total).toBe(metrics.summary.current);
    expect(active.reduce((sum: number, s: { mrr: number }) => sum + s.mrr, 0)).toBe(total);
    for (const c of list) expect(c.arr).toBe(12 * c.mrr);
  });
});

describe('activities export', () => {
  it('a pending job that finishes on the next read; file_url serves a zip of the CSV', async () => {
    const job = await ChartMogul.Metrics.ActivitiesExport.create(sb.config, {
      'start-date': '2020-01-01T00:00:00Z',
      'end-date': '2024-12-31T00:00:00Z',
      type: 'new_biz',
    });
    expect(job).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'pending',
      file_url: null,
      params: {
        kind: 'activities',
        params: {
          activity_type: 'new_biz',
          start_date: '2020-01-01 00:00:00 +0000',
          end_date: '2024-12-31 00:00:00 +0000',
        },
      },
      expires_at: null,
      created_at: '2024-06-15T12:00:00+00:00',
    });
    const done = await ChartMogul.Metrics.ActivitiesExport.retrieve(sb.config, job.id);
    expect(done).toMatchObject({ status: 'succeeded', expires_at: '2024-06-22T12:00:00+00:00' });
    expect(done.file_url).toBe(`${sb.sandbox.url}/__sandbox/activities_export/${job.id}.zip`);
    const file = await fetch(done.file_url);
    expect(file.headers.get('content-type')).toBe('application/zip');
    const { name, content } = unzipOneFile(Buffer.from(await file.arrayBuffer()));
    const rows = content.toString('utf8').trim().split('\n');
    expect(name).toBe('activities.csv');
    expect(rows[0]).toMatch(/^description,activity-mrr-movement,/);
    expect(rows.slice(1).map((r) => r.split(',')[5])).toEqual(['new_biz', 'new_biz', 'new_biz']);
    expect(
      (
        await failure(
          ChartMogul.Metrics.ActivitiesExport.retrieve(sb.config, '00000000-0000-4000-8000-000000000000'),
        )
      ).status,
    ).toBe(404);
  });

  it('bad input answers 400 and creates no job', async () => {
    const before = (await stats(sb.sandbox)).writes;
    const bad = await failure(
      ChartMogul.Metrics.ActivitiesExport.create(sb.config, { 'start-date': 'yesterday' }),
    );
    expect(bad).toMatchObject({ status: 400, body: { code: 400, param: 'start-date' } });
    expect((await stats(sb.sandbox)).writes).toEqual(before);
  });
});

describe('account settings', () => {
  it('answers the settings the derivation uses, and refuses an unknown one', async () => {
    const account = await ChartMogul.Account.retrieve(sb.config, {
      include:
        'churn_recognition,churn_when_zero_mrr,auto_churn_subscription,refund_handling,proximate_movement_reclassification',
    });
    expect(account).toMatchObject({
      currency: 'USD',
      churn_recognition: 'immediate',
      churn_when_zero_mrr: false,
      auto_churn_subscription: false,
      refund_handling: 'refund_ignore',
      proximate_movement_reclassification: 'one_hour_reclassification',
    });
    const bad = await raw(sb.sandbox, 'GET', '/v1/account?include=invalid_field');
    expect(bad).toMatchObject({ status: 400, body: { message: 'Invalid include parameter: invalid_field' } });
  });

  it('a currency without an exchange rate is refused with 422 and nothing is stored', async () => {
    const res = await raw(
      sb.sandbox,
      'POST',
      `/v1/import/customers/${customers.gamma.uuid}/invoices`,
      JSON.stringify({
        invoices: [
          {
            external_id: 'thb',
            date: '2024-05-01',
            currency: 'THB',
            line_items: [{ type: 'one_time', amount_in_cents: 100 }],
          },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ invoices: [{ errors: { currency: 'Currency is not supported' } }] });
    expect((await ChartMogul.Invoice.all(sb.config, customers.gamma.uuid, {})).invoices).toHaveLength(1);
  });
});

describe('a database written before the derivation (commit 1995186)', () => {
  it('is derived whole at start: activities and metrics agree with its customers', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-old-analytics-'));
    const file = path.join(dir, 'chartmogul.db');
    fs.copyFileSync(path.join(__dirname, '../fixtures/sandbox-1995186.db'), file);
    const old = await startWithSdk({ dbPath: file });
    try {
      const activities = await ChartMogul.Metrics.Activity.all(old.config, { per_page: 5 });
      expect(activities.entries.length).toBe(5);
      const customers = (await ChartMogul.Customer.all(old.config, { per_page: 200 })).entries as {
        mrr: number;
      }[];
      const today = new Date().toISOString().slice(0, 10);
      const mrr = await ChartMogul.Metrics.mrr(old.config, { 'start-date': '2020-01-01', 'end-date': today });
      expect(mrr.summary.current).toBe(customers.reduce((sum, c) => sum + c.mrr, 0));
      expect(mrr.summary.current).toBeGreaterThan(0);
    } finally {
      await old.sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('merges and credits', () => {
  it("a merged customer's history follows it: its activities move, account metrics stay as they were", async () => {
    const merge = await startWithSdk({ clock: '2024-06-15T12:00:00Z' });
    try {
      const ds = await ChartMogul.DataSource.create(merge.config, { name: 'Merge source' });
      const plan = await ChartMogul.Plan.create(merge.config, {
        data_source_uuid: ds.uuid,
        name: 'Pro',
        interval_count: 1,
        interval_unit: 'month',
      });
      const made: { uuid: string }[] = [];
      for (const [id, start, amount] of [
        ['from', '2024-01-01', 3000],
        ['into', '2024-03-01', 5000],
      ] as const) {
        const customer = await ChartMogul.Customer.create(merge.config, {
          data_source_uuid: ds.uuid,
          external_id: id,
          name: id,
        });
        await ChartMogul.Invoice.create(merge.config, customer.uuid, {
          invoices: [
            {
              external_id: `${id}-1`,
              date: start,
              currency: 'USD',
              line_items: [line(`${id}-sub`, plan.uuid, start, '2024-07-01', amount)],
            },
          ],
        });
        made.push(customer);
      }
      const range = { 'start-date': '2024-01-01', 'end-date': '2024-06-15' };
      const before = await ChartMogul.Metrics.mrr(merge.config, range);
      await ChartMogul.Customer.merge(merge.config, {
        from: { customer_uuid: made[0].uuid },
        into: { customer_uuid: made[1].uuid },
      });
      const history = await ChartMogul.Metrics.Customer.activities(merge.config, made[1].uuid);
      expect(
        history.entries.map((a: { type: string; 'activity-mrr': number }) => [a.type, a['activity-mrr']]),
      ).toEqual([
        ['expansion', 8000],
        ['new_biz', 3000],
      ]);
      expect(await ChartMogul.Customer.retrieve(merge.config, made[1].uuid)).toMatchObject({
        mrr: 8000,
        'customer-since': '2024-01-01T00:00:00+00:00',
      });
      const after = await ChartMogul.Metrics.mrr(merge.config, range);
      expect(after.entries.map((e: { mrr: number }) => e.mrr)).toEqual(
        before.entries.map((e: { mrr: number }) => e.mrr),
      );
      expect(after.entries.at(-1).mrr).toBe(8000);
    } finally {
      await merge.sandbox.close();
    }
  });

  it('negative quantities and amounts are accepted as credits (a prorated credit lowers the MRR)', async () => {
    const credit = await startWithSdk({ clock: '2024-06-20T12:00:00Z' });
    try {
      const ds = await ChartMogul.DataSource.create(credit.config, { name: 'Credit source' });
      const plan = await ChartMogul.Plan.create(credit.config, {
        data_source_uuid: ds.uuid,
        name: 'Seat',
        interval_count: 1,
        interval_unit: 'month',
      });
      const customer = await ChartMogul.Customer.create(credit.config, {
        data_source_uuid: ds.uuid,
        external_id: 'c',
        name: 'c',
      });
      await ChartMogul.Invoice.create(credit.config, customer.uuid, {
        invoices: [
          {
            external_id: 'c-1',
            date: '2024-06-01',
            currency: 'USD',
            line_items: [{ ...line('s', plan.uuid, '2024-06-01', '2024-07-01', 6000), quantity: 3 }],
          },
          {
            external_id: 'c-2',
            date: '2024-06-16',
            currency: 'USD',
            line_items: [
              { ...line('s', plan.uuid, '2024-06-16', '2024-07-01', -1000), quantity: -1, prorated: true },
            ],
          },
        ],
      });
      // −1000 for the last 15 of June's 30 days is −2000 a month.
      expect((await ChartMogul.Customer.retrieve(credit.config, customer.uuid)).mrr).toBe(4000);
    } finally {
      await credit.sandbox.close();
    }
  });
});
