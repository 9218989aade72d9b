/** Contacts through chartmogul-node's own methods: the whole lifecycle, filters, pages and merge. */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer } from '../support/billing';

let sb: SdkSandbox;
let ds: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let alice: any, bob: any;
beforeAll(async () => {
  sb = await startWithSdk();
  ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Contacts DS' })).uuid;
  alice = await createCustomer(sb, ds, 'alice', { name: 'Alice Co' });
  bob = await createCustomer(sb, ds, 'bob', { name: 'Bob Co' });
});
afterAll(() => sb.sandbox.close());

const CON = /^con_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

it('creates, retrieves, modifies, lists, merges and destroys contacts', async () => {
  const first = await ChartMogul.Contact.create(sb.config, {
    customer_uuid: alice.uuid,
    data_source_uuid: ds,
    email: 'first@alice.example',
    external_id: 'con-1',
  });
  expect(first).toEqual({
    uuid: expect.stringMatching(CON),
    customer_uuid: alice.uuid,
    customer_external_id: 'alice',
    data_source_uuid: ds,
    external_id: 'con-1',
    position: 1,
    first_name: null,
    last_name: null,
    title: null,
    email: 'first@alice.example',
    phone: null,
    linked_in: null,
    twitter: null,
    notes: null,
    custom: {},
  });
  const second = await ChartMogul.Customer.createContact(sb.config, alice.uuid, {
    data_source_uuid: ds,
    first_name: 'Second',
    notes: 'Met at the fair',
    custom: [{ key: 'Vip', value: true }],
  });
  expect(second).toMatchObject({
    position: 2,
    first_name: 'Second',
    external_id: null,
    custom: { Vip: true },
  });
  expect(await ChartMogul.Contact.retrieve(sb.config, first.uuid)).toEqual(first);

  const modified = await ChartMogul.Contact.modify(sb.config, first.uuid, {
    first_name: 'Foo',
    last_name: 'Bar',
    title: 'CTO',
    position: 9,
    external_id: null,
    custom: [{ key: 'Toggle', value: false }],
  });
  expect(modified).toMatchObject({
    first_name: 'Foo',
    last_name: 'Bar',
    title: 'CTO',
    position: 9,
    external_id: null,
    email: 'first@alice.example',
    custom: { Toggle: false },
  });

  const other = await ChartMogul.Contact.create(sb.config, {
    customer_uuid: bob.uuid,
    data_source_uuid: ds,
    email: 'only@bob.example',
  });
  const uuids = (page: { entries: { uuid: string }[] }) => page.entries.map((c) => c.uuid);
  expect(uuids(await ChartMogul.Contact.all(sb.config, {}))).toEqual([other.uuid, second.uuid, first.uuid]);
  expect(uuids(await ChartMogul.Contact.all(sb.config, { customer_uuid: alice.uuid }))).toEqual([
    second.uuid,
    first.uuid,
  ]);
  expect(uuids(await ChartMogul.Contact.all(sb.config, { email: 'only@bob.example' }))).toEqual([other.uuid]);
  expect(uuids(await ChartMogul.Contact.all(sb.config, { customer_external_id: 'bob' }))).toEqual([
    other.uuid,
  ]);
  expect(uuids(await ChartMogul.Contact.all(sb.config, { data_source_uuid: 'ds_unknown' }))).toEqual([]);
  expect(uuids(await ChartMogul.Customer.contacts(sb.config, alice.uuid, {}))).toEqual([
    second.uuid,
    first.uuid,
  ]);

  const page1 = await ChartMogul.Contact.all(sb.config, { per_page: 2 });
  expect(page1).toEqual({
    entries: [expect.anything(), expect.anything()],
    cursor: expect.any(String),
    has_more: true,
  });
  const page2 = await ChartMogul.Contact.all(sb.config, { per_page: 2, cursor: page1.cursor });
  expect(page2).toMatchObject({ has_more: false });
  expect(uuids(page2)).toEqual([first.uuid]);

  const merged = await ChartMogul.Contact.merge(sb.config, first.uuid, second.uuid);
  expect(merged).toMatchObject({
    uuid: first.uuid,
    first_name: 'Foo',
    notes: 'Met at the fair This contact was merged',
    custom: { Toggle: false, Vip: true },
  });
  expect((await failure(ChartMogul.Contact.retrieve(sb.config, second.uuid))).status).toBe(404);

  expect(await ChartMogul.Contact.destroy(sb.config, first.uuid)).toEqual({});
  expect(await failure(ChartMogul.Contact.retrieve(sb.config, first.uuid))).toEqual({
    status: 404,
    body: { error: 'Contact not found' },
  });
});

it('moves contacts with a customer merge and deletes them with the customer', async () => {
  const from = await createCustomer(sb, ds, 'merge-from');
  const into = await createCustomer(sb, ds, 'merge-into');
  const contact = await ChartMogul.Customer.createContact(sb.config, from.uuid, { data_source_uuid: ds });
  await ChartMogul.Customer.merge(sb.config, {
    from: { customer_uuid: from.uuid },
    into: { customer_uuid: into.uuid },
  });
  expect(await ChartMogul.Contact.retrieve(sb.config, contact.uuid)).toMatchObject({
    customer_uuid: into.uuid,
  });
  await ChartMogul.Customer.destroy(sb.config, into.uuid);
  expect((await failure(ChartMogul.Contact.retrieve(sb.config, contact.uuid))).status).toBe(404);
});

it('refuses bad input in ChartMogul dialects', async () => {
  expect(await failure(ChartMogul.Contact.create(sb.config, { data_source_uuid: ds }))).toEqual({
    status: 400,
    body: { code: 400, message: 'Parameter "customer_uuid" is missing', param: 'customer_uuid' },
  });
  expect(
    await failure(ChartMogul.Contact.create(sb.config, { customer_uuid: 'cus_nope', data_source_uuid: ds })),
  ).toEqual({ status: 404, body: { error: 'Customer not found' } });
  expect(
    await failure(
      ChartMogul.Contact.create(sb.config, { customer_uuid: bob.uuid, data_source_uuid: ds, email: 'nope' }),
    ),
  ).toEqual({
    status: 422,
    body: {
      code: 422,
      message: 'The value provided does not appear to be a valid email address.',
      param: 'email',
    },
  });
  await ChartMogul.Contact.create(sb.config, {
    customer_uuid: bob.uuid,
    data_source_uuid: ds,
    external_id: 'dup',
  });
  expect(
    await failure(
      ChartMogul.Contact.create(sb.config, {
        customer_uuid: bob.uuid,
        data_source_uuid: ds,
        external_id: 'dup',
      }),
    ),
  ).toEqual({
    status: 422,
    body: {
      code: 422,
      message: 'The external ID for this contact already exists in our system.',
      param: 'external_id',
    },
  });
  expect(
    (
      await failure(
        ChartMogul.Contact.create(sb.config, {
          customer_uuid: bob.uuid,
          data_source_uuid: ds,
          position: 'x',
        }),
      )
    ).status,
  ).toBe(422);
});
