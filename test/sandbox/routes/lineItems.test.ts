/** Line items through chartmogul-node: add, retrieve, update, disable, delete, by uuid and by external id. */
import {
  ChartMogul,
  expectOnlySubscriptionAllWarnings,
  failure,
  startWithSdk,
  type SdkSandbox,
} from '../support/sdk';
import { editableInvoice, subscriptionPlans } from '../support/edits';

let sb: SdkSandbox;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
});
afterAll(() => sb.sandbox.close());
expectOnlySubscriptionAllWarnings();

it('adds a line item that starts a subscription, retrieves it by uuid and by external id', async () => {
  const { ds, plan, customer, invoice } = await editableInvoice(sb, 'li-add');
  const added = await ChartMogul.LineItem.create(sb.config, invoice.uuid, {
    type: 'subscription',
    external_id: 'li-add-2',
    subscription_external_id: 'li-add-sub-2',
    plan_external_id: 'li-add-annual',
    service_period_start: '2026-01-01',
    service_period_end: '2027-01-01',
    amount_in_cents: 12000,
  });
  expect(added).toMatchObject({
    uuid: expect.stringMatching(/^li_/),
    external_id: 'li-add-2',
    type: 'subscription',
    subscription_uuid: expect.stringMatching(/^sub_/),
    plan_external_id: 'li-add-annual',
    amount_in_cents: 12000,
    disabled: false,
    user_created: false,
  });
  expect(await subscriptionPlans(sb, customer.uuid)).toEqual({
    'li-add-sub': plan.uuid,
    'li-add-sub-2': added.plan_uuid,
  });
  expect(await ChartMogul.LineItem.retrieve(sb.config, added.uuid)).toEqual(added);
  expect(
    await ChartMogul.LineItem.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'li-add-2' }),
  ).toEqual({
    line_items: [added],
  });
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid)).line_items).toHaveLength(3);
});

it('updates a line item by uuid and by external id, moving its subscription to another plan and id', async () => {
  const { ds, other, customer } = await editableInvoice(sb, 'li-upd');
  const [item] = (
    await ChartMogul.LineItem.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'li-upd-li-sub' })
  ).line_items;
  const repriced = await ChartMogul.LineItem.modify(sb.config, item.uuid, {
    amount_in_cents: 6000,
    plan_uuid: other.uuid,
  });
  expect(repriced).toMatchObject({
    uuid: item.uuid,
    amount_in_cents: 6000,
    plan_uuid: other.uuid,
    plan_external_id: 'li-upd-annual',
  });
  expect(await subscriptionPlans(sb, customer.uuid)).toEqual({ 'li-upd-sub': other.uuid });
  const moved = await ChartMogul.LineItem.update(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'li-upd-li-sub' },
    subscription_external_id: 'li-upd-sub-b',
    external_id: 'li-upd-li-renamed',
  });
  expect(moved).toMatchObject({
    uuid: item.uuid,
    external_id: 'li-upd-li-renamed',
    subscription_external_id: 'li-upd-sub-b',
  });
  // The old subscription had no other line item: it is gone.
  expect(Object.keys(await subscriptionPlans(sb, customer.uuid))).toEqual(['li-upd-sub-b']);

  expect(
    await failure(
      ChartMogul.LineItem.modify(sb.config, item.uuid, {
        amount_in_cents: 'lots',
        service_period_end: '2025-01-01',
      }),
    ),
  ).toEqual({
    status: 422,
    body: {
      errors: {
        amount_in_cents: 'is not a number',
        service_period_end: 'must be after service_period_start',
      },
    },
  });
  expect(
    await failure(ChartMogul.LineItem.modify(sb.config, item.uuid, { external_id: 'li-upd-li-once' })),
  ).toEqual({
    status: 422,
    body: { errors: { external_id: 'The external ID for this line item already exists in our system.' } },
  });
  expect((await failure(ChartMogul.LineItem.retrieve(sb.config, 'li_missing'))).body).toEqual({
    error: 'Line item not found',
  });
});

it('disables and enables a line item, deletes one, and keeps the last', async () => {
  const { ds, customer, invoice } = await editableInvoice(sb, 'li-del');
  const [once] = (
    await ChartMogul.LineItem.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'li-del-li-once' })
  ).line_items;
  expect(await ChartMogul.LineItem.disable(sb.config, once.uuid)).toMatchObject({
    disabled: true,
    disabled_at: '2026-03-01T10:00:00.000Z',
    disabled_by: 'user@sandbox.example',
  });
  expect(
    await ChartMogul.LineItem.enableByExternalId(sb.config, {
      data_source_uuid: ds.uuid,
      external_id: 'li-del-li-once',
    }),
  ).toMatchObject({
    disabled: false,
    disabled_at: null,
  });
  await ChartMogul.LineItem.destroy(sb.config, once.uuid);
  expect((await failure(ChartMogul.LineItem.retrieve(sb.config, once.uuid))).status).toBe(404);
  await ChartMogul.LineItem.destroyByExternalId(sb.config, {
    qs: { data_source_uuid: ds.uuid, external_id: 'li-del-li-sub' },
  }).then(
    () => {
      throw new Error('the last line item must stay');
    },
    (err: { status: number; response: { body: unknown } }) => {
      expect(err.status).toBe(422);
      expect(err.response.body).toEqual({
        errors: { line_items: 'An invoice needs at least one line item; delete the invoice instead' },
      });
    },
  );
  expect((await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid)).line_items).toHaveLength(1);
  expect(Object.keys(await subscriptionPlans(sb, customer.uuid))).toEqual(['li-del-sub']);
});
