/** Invoice edits through chartmogul-node: update, status, disable/enable, delete by external id. */
import {
  ChartMogul,
  expectOnlySubscriptionAllWarnings,
  failure,
  startWithSdk,
  type SdkSandbox,
} from '../support/sdk';
import { editableInvoice, subscriptionPlans } from '../support/edits';

let sb: SdkSandbox;
// Reads show the edit-era keys (status, disabled state) when they ask for disabled invoices too.
const EDIT_ERA = { with_disabled: true };
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
});
afterAll(() => sb.sandbox.close());
expectOnlySubscriptionAllWarnings();

it('reads an invoice with its edit-era state, and updates it by uuid and by external id', async () => {
  const { ds, invoice } = await editableInvoice(sb, 'inv-edit');
  // A plain read keeps the recorded shape.
  expect(Object.keys(await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid)).sort()).toEqual([
    'currency',
    'customer_uuid',
    'date',
    'due_date',
    'errors',
    'external_id',
    'line_items',
    'transactions',
    'uuid',
  ]);
  const read = await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, EDIT_ERA);
  expect(read).toMatchObject({
    customer_external_id: 'inv-edit-cus',
    collection_method: 'manual',
    status: 'paid',
    disabled: false,
    disabled_at: null,
    disabled_by: null,
    user_created: false,
  });
  expect(read.line_items[0]).toMatchObject({
    plan_external_id: expect.any(String),
    disabled: false,
    balance_transfer: null,
  });
  expect(read.transactions[0]).toMatchObject({ disabled: false });

  const modified = await ChartMogul.Invoice.modify(sb.config, invoice.uuid, {
    due_date: '2026-01-15',
    collection_method: 'automatic',
  });
  expect(modified).toMatchObject({
    uuid: invoice.uuid,
    due_date: '2026-01-15T00:00:00.000Z',
    collection_method: 'automatic',
  });
  const updated = await ChartMogul.Invoice.update(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'inv-edit-inv' },
    external_id: 'inv-edit-renamed',
    currency: 'EUR',
  });
  expect(updated).toMatchObject({ uuid: invoice.uuid, external_id: 'inv-edit-renamed', currency: 'EUR' });

  expect(
    await failure(ChartMogul.Invoice.modify(sb.config, invoice.uuid, { currency: 'EURO', date: 'someday' })),
  ).toEqual({
    status: 422,
    body: { errors: { currency: 'Currency is invalid', date: 'is not a valid timestamp' } },
  });
  expect(
    await failure(
      ChartMogul.Invoice.update(sb.config, {
        qs: { data_source_uuid: ds.uuid, external_id: 'gone' },
        currency: 'USD',
      }),
    ),
  ).toEqual({ status: 404, body: { error: 'Invoice not found' } });
  expect(
    (await failure(ChartMogul.Invoice.update(sb.config, { qs: { data_source_uuid: ds.uuid } }))).body,
  ).toEqual({
    code: 400,
    message: 'Parameter "external_id" is missing',
    param: 'external_id',
  });
});

it('voids or writes off an open invoice only', async () => {
  const { ds, customer } = await editableInvoice(sb, 'inv-status');
  await ChartMogul.Invoice.create(sb.config, customer.uuid, {
    invoices: [
      {
        external_id: 'inv-status-open',
        date: '2026-02-01',
        currency: 'USD',
        line_items: [{ type: 'one_time', amount_in_cents: 100, external_id: 'inv-status-open-li' }],
      },
    ],
  });
  const paid = await failure(
    ChartMogul.Invoice.updateStatus(sb.config, ds.uuid, 'inv-status-inv', { status: 'voided' }),
  );
  expect(paid).toEqual({ status: 422, body: { message: 'Status transition is not allowed' } });
  expect(
    await ChartMogul.Invoice.updateStatus(sb.config, ds.uuid, 'inv-status-open', { status: 'written_off' }),
  ).toEqual({
    message: 'Invoice updated',
    external_id: 'inv-status-open',
    status: 'written_off',
  });
  const [written] = (await ChartMogul.Invoice.all(sb.config, { external_id: 'inv-status-open', ...EDIT_ERA }))
    .invoices;
  expect(written.status).toBe('written_off');
  for (const status of ['voided', 'paid', 'invalid'])
    expect(
      (await failure(ChartMogul.Invoice.updateStatus(sb.config, ds.uuid, 'inv-status-open', { status })))
        .status,
    ).toBe(422);
  expect(
    (await failure(ChartMogul.Invoice.updateStatus(sb.config, ds.uuid, 'nope', { status: 'voided' }))).status,
  ).toBe(404);
});

it('disables an invoice with its line items and transactions, hides it from lists, and enables it again', async () => {
  const { ds, customer, invoice } = await editableInvoice(sb, 'inv-disable');
  const disabled = await ChartMogul.Invoice.disable(sb.config, invoice.uuid);
  expect(disabled).toMatchObject({
    disabled: true,
    disabled_at: '2026-03-01T10:00:00.000Z',
    disabled_by: 'user@sandbox.example',
    line_items: [{ disabled: true }, { disabled: true }],
    transactions: [{ disabled: true }],
  });
  const listed = (filter: object) =>
    ChartMogul.Invoice.all(sb.config, { customer_uuid: customer.uuid, ...filter }).then(
      (r: { invoices: unknown[] }) => r.invoices.length,
    );
  expect(await listed({})).toBe(0);
  expect(await listed({ with_disabled: true })).toBe(1);
  expect((await ChartMogul.Invoice.all(sb.config, customer.uuid)).invoices).toEqual([]);

  const enabled = await ChartMogul.Invoice.enableByExternalId(sb.config, {
    data_source_uuid: ds.uuid,
    external_id: 'inv-disable-inv',
  });
  expect(enabled).toMatchObject({
    disabled: false,
    disabled_at: null,
    line_items: [{ disabled: false }, { disabled: false }],
  });
  expect(await listed({})).toBe(1);
  await ChartMogul.Invoice.disableByExternalId(sb.config, {
    data_source_uuid: ds.uuid,
    external_id: 'inv-disable-inv',
  });
  expect(await listed({ with_disabled: true })).toBe(1);
});

it('refuses to disable an invoice whose line items lack external ids', async () => {
  const { customer } = await editableInvoice(sb, 'inv-noext');
  const { invoices } = await ChartMogul.Invoice.create(sb.config, customer.uuid, {
    invoices: [
      {
        external_id: 'inv-noext-2',
        date: '2026-02-01',
        currency: 'USD',
        line_items: [{ type: 'one_time', amount_in_cents: 1 }],
      },
    ],
  });
  expect(await failure(ChartMogul.Invoice.disable(sb.config, invoices[0].uuid))).toEqual({
    status: 422,
    body: { errors: { external_id: 'Every line item and transaction needs an external ID to be disabled' } },
  });
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoices[0].uuid, EDIT_ERA)).disabled).toBe(false);
});

it('deletes an invoice by external id, and its subscription with it', async () => {
  const { ds, customer } = await editableInvoice(sb, 'inv-delete');
  expect(Object.keys(await subscriptionPlans(sb, customer.uuid))).toEqual(['inv-delete-sub']);
  await ChartMogul.Invoice.destroyByExternalId(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'inv-delete-inv' },
  });
  expect(await subscriptionPlans(sb, customer.uuid)).toEqual({});
  expect(
    (
      await failure(
        ChartMogul.Invoice.destroyByExternalId(sb.config, {
          qs: { data_source_uuid: ds.uuid, external_id: 'inv-delete-inv' },
        }),
      )
    ).status,
  ).toBe(404);
});
