/** Transactions through chartmogul-node: retrieve, update, disable, delete, by uuid and by external id. */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { editableInvoice } from '../support/edits';

let sb: SdkSandbox;
// Reads show the edit-era keys (status, disabled state) when they ask for disabled invoices too.
const EDIT_ERA = { with_disabled: true };
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
});
afterAll(() => sb.sandbox.close());

it('retrieves, updates, disables and deletes transactions, changing the invoice status', async () => {
  const { ds, invoice } = await editableInvoice(sb, 'tr');
  const [payment] = (
    await ChartMogul.Transaction.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'tr-tr' })
  ).transactions;
  expect(payment).toEqual({
    uuid: expect.stringMatching(/^tr_/),
    external_id: 'tr-tr',
    amount_in_cents: null,
    type: 'payment',
    date: '2026-01-02T00:00:00.000Z',
    result: 'successful',
    transaction_fees_in_cents: null,
    transaction_fees_currency: null,
    disabled: false,
    disabled_at: null,
    disabled_by: null,
  });
  expect(await ChartMogul.Transaction.retrieve(sb.config, payment.uuid)).toEqual(payment);
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, EDIT_ERA)).status).toBe('paid');

  const failed = await ChartMogul.Transaction.modify(sb.config, payment.uuid, {
    result: 'failed',
    amount_in_cents: 5700,
  });
  expect(failed).toMatchObject({
    uuid: payment.uuid,
    result: 'failed',
    amount_in_cents: 5700,
    external_id: 'tr-tr',
  });
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, EDIT_ERA)).status).toBe('open');
  const paidAgain = await ChartMogul.Transaction.update(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'tr-tr' },
    result: 'successful',
  });
  expect(paidAgain.result).toBe('successful');

  expect(await ChartMogul.Transaction.disable(sb.config, payment.uuid)).toMatchObject({ disabled: true });
  // A disabled payment pays nothing.
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, EDIT_ERA)).status).toBe('open');
  expect(await ChartMogul.Transaction.enable(sb.config, payment.uuid)).toMatchObject({ disabled: false });
  expect(
    await ChartMogul.Transaction.disableByExternalId(sb.config, {
      data_source_uuid: ds.uuid,
      external_id: 'tr-tr',
    }),
  ).toMatchObject({ disabled: true });

  expect(
    await failure(
      ChartMogul.Transaction.modify(sb.config, payment.uuid, { type: 'chargeback', date: 'later' }),
    ),
  ).toEqual({
    status: 422,
    body: { errors: { type: "must be 'payment' or 'refund'", date: 'is not a valid timestamp' } },
  });
  await ChartMogul.Transaction.destroyByExternalId(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'tr-tr' },
  });
  expect(await failure(ChartMogul.Transaction.retrieve(sb.config, payment.uuid))).toEqual({
    status: 404,
    body: { error: 'Transaction not found' },
  });
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, EDIT_ERA)).transactions).toEqual([]);
});

it('deletes by uuid and answers 404 for unknown references', async () => {
  const { ds } = await editableInvoice(sb, 'tr2');
  const [payment] = (
    await ChartMogul.Transaction.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'tr2-tr' })
  ).transactions;
  await ChartMogul.Transaction.destroy(sb.config, payment.uuid);
  expect((await failure(ChartMogul.Transaction.destroy(sb.config, payment.uuid))).status).toBe(404);
  expect(
    await failure(
      ChartMogul.Transaction.all(sb.config, { data_source_uuid: 'ds_nope', external_id: 'tr2-tr' }),
    ),
  ).toEqual({ status: 404, body: { error: 'Data source not found' } });
});
