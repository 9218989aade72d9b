/** Customer notes and call logs through chartmogul-node's own methods. */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer } from '../support/billing';

let sb: SdkSandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let customer: any, other: any;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
  const ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Notes DS' })).uuid;
  customer = await createCustomer(sb, ds, 'n1');
  other = await createCustomer(sb, ds, 'n2');
});
afterAll(() => sb.sandbox.close());

const NOTE = /^note_[0-9a-f-]{36}$/;

it('creates notes and calls, retrieves, patches, lists with filters and destroys', async () => {
  const note = await ChartMogul.CustomerNote.create(sb.config, {
    customer_uuid: customer.uuid,
    type: 'note',
    text: 'This is a note',
  });
  expect(note).toEqual({
    uuid: expect.stringMatching(NOTE),
    customer_uuid: customer.uuid,
    type: 'note',
    text: 'This is a note',
    call_duration: 0,
    author: 'Sandbox User[sandbox-user] (user@sandbox.example)',
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-01T10:00:00.000Z',
  });
  const call = await ChartMogul.Customer.createNote(sb.config, customer.uuid, {
    type: 'call',
    text: 'This is a call',
    author_email: 'ana@team.example',
    created_at: '2026-02-27T09:00:00Z',
  });
  expect(call).toMatchObject({
    type: 'call',
    call_duration: 60,
    author: 'ana[ana] (ana@team.example)',
    created_at: '2026-02-27T09:00:00.000Z',
  });
  const timed = await ChartMogul.CustomerNote.create(sb.config, {
    customer_uuid: other.uuid,
    type: 'call',
    call_duration: 300,
  });
  expect(timed).toMatchObject({ text: '', call_duration: 300 });
  expect(await ChartMogul.CustomerNote.retrieve(sb.config, call.uuid)).toEqual(call);

  const patched = await ChartMogul.CustomerNote.patch(sb.config, call.uuid, {
    text: 'This is a updated note',
  });
  expect(patched).toEqual({ ...call, text: 'This is a updated note' });

  const uuids = (page: { entries: { uuid: string }[] }) => page.entries.map((n) => n.uuid);
  expect(uuids(await ChartMogul.CustomerNote.all(sb.config, {}))).toEqual([timed.uuid, call.uuid, note.uuid]);
  expect(uuids(await ChartMogul.Customer.notes(sb.config, customer.uuid, {}))).toEqual([
    call.uuid,
    note.uuid,
  ]);
  expect(uuids(await ChartMogul.CustomerNote.all(sb.config, { type: 'call' }))).toEqual([
    timed.uuid,
    call.uuid,
  ]);
  expect(uuids(await ChartMogul.CustomerNote.all(sb.config, { author_email: 'ana@team.example' }))).toEqual([
    call.uuid,
  ]);
  const first = await ChartMogul.CustomerNote.all(sb.config, { customer_uuid: customer.uuid, per_page: 1 });
  expect(first).toEqual({
    entries: [patched],
    cursor: expect.any(String),
    has_more: true,
  });
  const next = await ChartMogul.CustomerNote.all(sb.config, {
    customer_uuid: customer.uuid,
    per_page: 1,
    cursor: first.cursor,
  });
  expect(next).toMatchObject({ has_more: false });
  expect(uuids(next)).toEqual([note.uuid]);

  expect(await ChartMogul.CustomerNote.destroy(sb.config, note.uuid)).toEqual({});
  expect(await failure(ChartMogul.CustomerNote.retrieve(sb.config, note.uuid))).toEqual({
    status: 404,
    body: { error: 'Customer note not found' },
  });
});

it('refuses bad input in ChartMogul dialects', async () => {
  expect(await failure(ChartMogul.CustomerNote.create(sb.config, { customer_uuid: customer.uuid }))).toEqual({
    status: 400,
    body: { code: 400, message: 'Parameter "type" is missing', param: 'type' },
  });
  expect(
    await failure(ChartMogul.CustomerNote.create(sb.config, { customer_uuid: 'cus_gone', type: 'note' })),
  ).toEqual({ status: 404, body: { error: 'Customer not found' } });
  const badType = await failure(
    ChartMogul.CustomerNote.create(sb.config, { customer_uuid: customer.uuid, type: 'memo' }),
  );
  expect(badType).toEqual({
    status: 422,
    body: { code: 422, message: 'type must be one of note, call', param: 'type' },
  });
  const badDuration = await failure(
    ChartMogul.CustomerNote.create(sb.config, {
      customer_uuid: customer.uuid,
      type: 'call',
      call_duration: 'long',
    }),
  );
  expect(badDuration).toMatchObject({ status: 422, body: { param: 'call_duration' } });
});
