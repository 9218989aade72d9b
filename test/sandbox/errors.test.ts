/** Each documented error in its ChartMogul dialect, and bad requests that must be 4xx without writing anything. */
import { ChartMogul, failure, raw, startWithSdk, stats, type SdkSandbox } from './support/sdk';
import { createCustomer, oneTimeInvoice } from './support/billing';

let sb: SdkSandbox;
let dsUuid: string;
beforeAll(async () => {
  sb = await startWithSdk();
  dsUuid = (await ChartMogul.DataSource.create(sb.config, { name: 'Errors DS' })).uuid;
});
afterAll(() => sb.sandbox.close());

describe('documented errors', () => {
  it('401 with a wrong key, dialect A', async () => {
    const bad = new ChartMogul.Config('wrong-key', sb.sandbox.url);
    bad.retries = 0;
    expect(await failure(ChartMogul.Ping.ping(bad))).toEqual({
      status: 401,
      body: { code: 401, message: 'No valid API key provided', param: null },
    });
  });

  it('accepts the key as password too, and rejects another password', async () => {
    const key = sb.sandbox.apiKey;
    const basic = (user: string, pass: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
    });
    expect((await raw(sb.sandbox, 'GET', '/v1/ping', undefined, basic(key, key))).status).toBe(200);
    expect((await raw(sb.sandbox, 'GET', '/v1/ping', undefined, basic(key, 'other'))).status).toBe(401);
    expect((await raw(sb.sandbox, 'GET', '/v1/ping', undefined, { authorization: '' })).status).toBe(401);
  });

  it('404 on unknown resources, dialect C', async () => {
    expect(await failure(ChartMogul.Customer.retrieve(sb.config, 'cus_missing'))).toEqual({
      status: 404,
      body: { error: 'Customer not found' },
    });
    expect(await failure(ChartMogul.DataSource.destroy(sb.config, 'ds_missing'))).toEqual({
      status: 404,
      body: { error: 'Data source not found' },
    });
    expect((await failure(ChartMogul.Plan.retrieve(sb.config, 'pl_missing'))).status).toBe(404);
    expect((await failure(ChartMogul.Invoice.retrieve(sb.config, 'inv_missing'))).status).toBe(404);
  });

  it('an unknown route answers unlike a missing record: 404 in dialect A naming the route', async () => {
    expect(await raw(sb.sandbox, 'GET', '/v1/no_such_things/123')).toMatchObject({
      status: 404,
      body: { code: 404, message: 'No route matches [GET] "/v1/no_such_things/123"', param: null },
    });
    // chartmogul-node's generic Contact.update sends PUT, a method ChartMogul routes nowhere.
    expect(await failure(ChartMogul.Contact.update(sb.config, 'con_x', { first_name: 'A' }))).toEqual({
      status: 404,
      body: { code: 404, message: 'No route matches [PUT] "/v1/contacts/con_x"', param: null },
    });
    expect(await failure(ChartMogul.Contact.retrieve(sb.config, 'con_x'))).toEqual({
      status: 404,
      body: { error: 'Contact not found' },
    });
  });

  it('404 on an email search without match, dialect A', async () => {
    expect(await failure(ChartMogul.Customer.search(sb.config, { email: 'no@email.com' }))).toEqual({
      status: 404,
      body: { code: 404, message: 'Can\'t find any customers with email: "no@email.com"', param: 'email' },
    });
  });

  it('422 on a duplicate external_id, per data source', async () => {
    await ChartMogul.Customer.create(sb.config, { data_source_uuid: dsUuid, external_id: 'dup' });
    expect(
      await failure(ChartMogul.Customer.create(sb.config, { data_source_uuid: dsUuid, external_id: 'dup' })),
    ).toEqual({
      status: 422,
      body: { errors: { external_id: 'The external ID for this customer already exists in our system.' } },
    });
    const other = (await ChartMogul.DataSource.create(sb.config, { name: 'Other DS' })).uuid;
    await expect(
      ChartMogul.Customer.create(sb.config, { data_source_uuid: other, external_id: 'dup' }),
    ).resolves.toBeDefined();
  });

  it('422 on a duplicate data source name', async () => {
    expect(await failure(ChartMogul.DataSource.create(sb.config, { name: 'Errors DS' }))).toEqual({
      status: 422,
      body: { errors: { name: 'Has already been taken.' } },
    });
  });

  it('422 on missing required fields, each named', async () => {
    const customer = await failure(ChartMogul.Customer.create(sb.config, { name: 'No ids' }));
    expect(customer.status).toBe(422);
    expect(Object.keys((customer.body as { errors: object }).errors).sort()).toEqual([
      'data_source_uuid',
      'external_id',
    ]);
    const plan = await failure(
      ChartMogul.Plan.create(sb.config, { data_source_uuid: dsUuid, interval_unit: 'week' }),
    );
    expect(plan.status).toBe(422);
    expect(Object.keys((plan.body as { errors: object }).errors).sort()).toEqual([
      'interval_count',
      'interval_unit',
      'name',
    ]);
    expect(await failure(ChartMogul.PlanGroup.create(sb.config, {}))).toEqual({
      status: 422,
      body: {
        name: ["Name can't be blank"],
        plan_ids: ["Plan ids can't be blank"],
        error_details: [
          { param: 'name', code: 'blank', message: "Name can't be blank" },
          { param: 'plan_ids', code: 'blank', message: "Plan ids can't be blank" },
        ],
      },
    });
    expect(await failure(ChartMogul.DataSource.create(sb.config, {}))).toEqual({
      status: 400,
      body: { code: 400, message: 'Parameter "name" is missing', param: 'name' },
    });
  });

  it('422 on an invalid email in an update, dialect A', async () => {
    const c = await ChartMogul.Customer.create(sb.config, { data_source_uuid: dsUuid, external_id: 'mail' });
    expect(await failure(ChartMogul.Customer.modify(sb.config, c.uuid, { email: 'not-an-email' }))).toEqual({
      status: 422,
      body: {
        code: 422,
        message: 'The value provided does not appear to be a valid email address.',
        param: 'email',
      },
    });
  });

  it('invoice import: ISO 4217, duplicates and missing fields answer per invoice; nothing is stored', async () => {
    const c = await createCustomer(sb, dsUuid, 'inv-errors');
    const good = oneTimeInvoice('ok-1', 5);
    const bad = {
      external_id: 'bad-1',
      date: 'yesterday',
      currency: 'XYZ',
      line_items: [{ type: 'subscription', amount_in_cents: 5 }],
    };
    const res = await failure(ChartMogul.Invoice.create(sb.config, c.uuid, { invoices: [good, bad] }));
    expect(res.status).toBe(422);
    const [first, second] = (
      res.body as { invoices: { external_id: string; errors: Record<string, string> }[] }
    ).invoices;
    expect(first).toMatchObject({ external_id: 'ok-1', errors: {} });
    expect(Object.keys(second.errors)).toEqual(
      expect.arrayContaining([
        'date',
        'currency',
        'line_items.subscription_external_id',
        'line_items.plan_uuid',
      ]),
    );
    expect((await ChartMogul.Invoice.all(sb.config, c.uuid, {})).invoices).toEqual([]);
    await ChartMogul.Invoice.create(sb.config, c.uuid, { invoices: [good] });
    const dup = await failure(ChartMogul.Invoice.create(sb.config, c.uuid, { invoices: [good] }));
    expect((dup.body as { invoices: { errors: object }[] }).invoices[0].errors).toEqual({
      external_id: 'The external ID for this invoice already exists in our system.',
    });
  });

  it('transaction import: duplicate external_id and unknown invoice', async () => {
    const c = await createCustomer(sb, dsUuid, 'tx-errors');
    const { invoices } = await ChartMogul.Invoice.create(sb.config, c.uuid, {
      invoices: [oneTimeInvoice('tx-inv', 5)],
    });
    const tx = { type: 'payment', date: '2024-01-02', result: 'successful', external_id: 'tx-1' };
    await ChartMogul.Transaction.create(sb.config, invoices[0].uuid, tx);
    expect(await failure(ChartMogul.Transaction.create(sb.config, invoices[0].uuid, tx))).toEqual({
      status: 422,
      body: { errors: { external_id: 'has already been taken' } },
    });
    expect((await failure(ChartMogul.Transaction.create(sb.config, 'inv_missing', tx))).status).toBe(404);
  });
});

describe('bad requests', () => {
  async function writeCount(): Promise<number> {
    return Object.values((await stats(sb.sandbox)).writes).reduce((a, b) => a + b, 0);
  }

  it('malformed JSON, a non-object body, wrong types and an oversize body are 4xx and write nothing', async () => {
    const before = await writeCount();
    const customersBefore = (await ChartMogul.Customer.all(sb.config, { per_page: 1 })).total_pages;
    const malformed = await raw(sb.sandbox, 'POST', '/v1/customers', '{"data_source_uuid": ');
    expect(malformed).toMatchObject({ status: 400, body: { code: 400, param: null } });
    expect(malformed.headers['content-type']).toMatch(/^application\/json/);
    expect((await raw(sb.sandbox, 'POST', '/v1/customers', '[1,2]')).status).toBe(400);
    const wrongTypes = await raw(
      sb.sandbox,
      'POST',
      '/v1/customers',
      JSON.stringify({ data_source_uuid: dsUuid, external_id: { x: 1 }, lead_created_at: 7 }),
    );
    expect(wrongTypes.status).toBe(422);
    expect(Object.keys((wrongTypes.body as { errors: object }).errors)).toEqual(
      expect.arrayContaining(['external_id', 'lead_created_at']),
    );
    const tagsNotArray = await raw(
      sb.sandbox,
      'POST',
      '/v1/customers/attributes/tags',
      JSON.stringify({ email: 'x@example.com', tags: 'vip' }),
    );
    expect(tagsNotArray.status).toBe(422);
    const huge = JSON.stringify({
      data_source_uuid: dsUuid,
      external_id: 'huge',
      name: 'x'.repeat(3 * 1024 * 1024),
    });
    expect(await raw(sb.sandbox, 'POST', '/v1/customers', huge)).toMatchObject({
      status: 413,
      body: { code: 413 },
    });
    const planTypes = await raw(
      sb.sandbox,
      'POST',
      '/v1/plans',
      JSON.stringify({ data_source_uuid: dsUuid, name: 'x', interval_count: 'two', interval_unit: 'month' }),
    );
    expect(planTypes).toMatchObject({ status: 422, body: { errors: { interval_count: 'is not a number' } } });
    expect(await writeCount()).toBe(before);
    expect((await ChartMogul.Customer.all(sb.config, { per_page: 1 })).total_pages).toBe(customersBefore);
  });

  it('a failing invoice in a batch rolls back the ones before it', async () => {
    const c = await createCustomer(sb, dsUuid, 'rollback');
    const before = await writeCount();
    const inv = (ext: string, currency: string) => oneTimeInvoice(ext, 1, currency);
    const res = await raw(
      sb.sandbox,
      'POST',
      `/v1/import/customers/${c.uuid}/invoices`,
      JSON.stringify({ invoices: [inv('r1', 'USD'), inv('r2', 'nope')] }),
    );
    expect(res.status).toBe(422);
    expect(await writeCount()).toBe(before);
    expect((await ChartMogul.Invoice.all(sb.config, { external_id: 'r1' })).invoices).toEqual([]);
  });

  it('a GET with a {} JSON body is fine; unknown routes are JSON 404s', async () => {
    expect((await raw(sb.sandbox, 'GET', '/v1/ping', '{}')).status).toBe(200);
    const unknown = await raw(sb.sandbox, 'GET', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
  });
});
