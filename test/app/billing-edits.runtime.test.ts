// Editing imported billing through the app's modules against the sandbox (ChartMogul's 2025–26 edit
// endpoints): an invoice updated, voided, disabled and enabled; a line item and a transaction each added
// or picked from their select, read, updated, disabled and enabled, deleted. Outputs are checked
// against each module's interface and sample.
import { RuntimeError } from '../../runtime';
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';
import { buildWorld, World } from './helpers/world';

let h: AppHarness;
let world: World;
let customer: Bundle;
let invoice: Bundle;
const { action } = checked(() => h);

beforeAll(async () => {
  h = await startAppHarness();
  world = await buildWorld(h, 'Edits source');
  customer = await world.customer('ed-1', { name: 'Edited' });
  invoice = await h.action('importInvoice', {
    customer_uuid: customer.uuid,
    external_id: 'ED-INV-1',
    date: '2025-01-01T00:00:00Z',
    currency: 'USD',
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: 'ed-sub',
        plan_uuid: world.plan.uuid,
        service_period_start: '2025-01-01T00:00:00Z',
        service_period_end: '2025-02-01T00:00:00Z',
        amount_in_cents: 5000,
        external_id: 'ED-LI-1',
      },
    ],
    transactions: [
      { type: 'payment', result: 'successful', date: '2025-01-02T00:00:00Z', external_id: 'ED-TR-1' },
    ],
  });
});
afterAll(() => h?.close());

test('updateInvoice changes the due date; setInvoiceStatus voids it, picked by external ID; disableInvoice and back', async () => {
  const updated = await action('updateInvoice', {
    customer_uuid: customer.uuid,
    invoice_uuid: invoice.uuid,
    due_date: '2025-01-15T00:00:00Z',
  });
  expect(updated).toMatchObject({
    uuid: invoice.uuid,
    due_date: '2025-01-15T00:00:00.000Z',
    customer_external_id: 'ed-1',
    status: expect.any(String),
    disabled: false,
  });

  // Only an open invoice (no payment yet) can be voided.
  const open = await h.action('importInvoice', {
    customer_uuid: customer.uuid,
    external_id: 'ED-INV-2',
    date: '2025-02-01T00:00:00Z',
    currency: 'USD',
    line_items: [{ type: 'one_time', amount_in_cents: 900 }],
  });
  const externalIds = await h.rpc('rpcInvoiceExternalIds', { data_source_uuid: world.ds.uuid });
  expect(externalIds).toEqual([
    { label: 'ED-INV-2 (USD, 2025-02-01)', value: 'ED-INV-2' },
    { label: 'ED-INV-1 (USD, 2025-01-01)', value: 'ED-INV-1' },
  ]);
  expect(
    await action('setInvoiceStatus', {
      data_source_uuid: world.ds.uuid,
      external_id: externalIds[0].value,
      status: 'voided',
    }),
  ).toEqual({
    data_source_uuid: world.ds.uuid,
    external_id: 'ED-INV-2',
    status: 'voided',
    message: 'Invoice updated',
  });
  expect(await action('updateInvoice', { invoice_uuid: open.uuid, currency: 'usd' })).toMatchObject({
    status: 'voided',
    currency: 'USD',
  });
  const paid = await h
    .action('setInvoiceStatus', {
      data_source_uuid: world.ds.uuid,
      external_id: 'ED-INV-1',
      status: 'written_off',
    })
    .catch((e: unknown) => e);
  expect((paid as Error).message).toBe('[422] Status transition is not allowed');

  const off = await action('disableInvoice', { invoice_uuid: invoice.uuid, disabled: true });
  expect(off).toMatchObject({ disabled: true, disabled_at: expect.any(String) });
  expect((off.line_items as Bundle[])[0]).toMatchObject({ disabled: true });
  expect(await action('disableInvoice', { invoice_uuid: invoice.uuid, disabled: false })).toMatchObject({
    disabled: false,
  });
});

test('a line item: added, offered by rpcLineItems, read, updated, disabled and enabled, deleted', async () => {
  const added = await action('createLineItem', {
    invoice_uuid: invoice.uuid,
    type: 'one_time',
    amount_in_cents: 2500,
    description: 'Setup fee',
    external_id: 'ED-LI-2',
  });
  expect(added).toMatchObject({
    uuid: expect.stringMatching(/^li_/),
    type: 'one_time',
    amount_in_cents: 2500,
  });
  const options = await h.rpc('rpcLineItems', { invoice_uuid: invoice.uuid });
  expect(options.map((o) => o.value)).toContain(added.uuid);
  expect(options.find((o) => o.value === added.uuid)?.label).toBe('Setup fee (USD 25)');
  expect(await h.rpc('rpcLineItems', {})).toEqual([]);

  const one = { line_item_uuid: added.uuid };
  expect(await action('getLineItem', one)).toMatchObject({ uuid: added.uuid, description: 'Setup fee' });
  expect(await action('updateLineItem', { ...one, amount_in_cents: 3000, quantity: 2 })).toMatchObject({
    amount_in_cents: 3000,
    quantity: 2,
  });
  expect(await action('disableLineItem', { ...one, disabled: true })).toMatchObject({ disabled: true });
  expect(await action('disableLineItem', { ...one, disabled: false })).toMatchObject({ disabled: false });
  expect(await action('deleteLineItem', one)).toEqual(one);
  const gone = await h.action('getLineItem', one).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(RuntimeError);
  expect((gone as Error).message).toMatch(/^\[404\]/);
});

test('a transaction: picked from rpcTransactions, read, updated, disabled and enabled, deleted', async () => {
  const options = await h.rpc('rpcTransactions', { invoice_uuid: invoice.uuid });
  expect(options).toEqual([{ label: 'payment successful 2025-01-02', value: expect.stringMatching(/^tr_/) }]);
  const one = { transaction_uuid: options[0].value };
  expect(await action('getTransaction', one)).toMatchObject({
    uuid: one.transaction_uuid,
    external_id: 'ED-TR-1',
  });
  expect(await action('updateTransaction', { ...one, result: 'failed' })).toMatchObject({ result: 'failed' });
  expect(await action('disableTransaction', { ...one, disabled: true })).toMatchObject({ disabled: true });
  expect(await action('disableTransaction', { ...one, disabled: false })).toMatchObject({ disabled: false });
  expect(await action('deleteTransaction', one)).toEqual(one);
  expect(await h.rpc('rpcTransactions', { invoice_uuid: invoice.uuid })).toEqual([]);
});
