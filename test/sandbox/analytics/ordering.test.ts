/**
 * Activities at the same instant (reference §h13): ties are broken by creation order, oldest first for
 * `/v1/activities` and the reverse for `order=-date`, and a movement derived again keeps its place.
 */
import { ChartMogul, startWithSdk, type SdkSandbox } from '../support/sdk';

let sb: SdkSandbox;
afterAll(() => sb.sandbox.close());

it('ties in date keep creation order, also after a customer is derived again', async () => {
  sb = await startWithSdk({ clock: '2024-06-15T12:00:00Z' });
  const ds = await ChartMogul.DataSource.create(sb.config, { name: 'Ties' });
  const plan = await ChartMogul.Plan.create(sb.config, {
    data_source_uuid: ds.uuid,
    name: 'Pro',
    interval_count: 1,
    interval_unit: 'month',
  });
  const made = new Map<string, { uuid: string }>();
  const bill = async (name: string, n: number, start: string, end: string) => {
    if (!made.has(name))
      made.set(
        name,
        await ChartMogul.Customer.create(sb.config, { data_source_uuid: ds.uuid, external_id: name, name }),
      );
    const who = made.get(name)!;
    await ChartMogul.Invoice.create(sb.config, who.uuid, {
      invoices: [
        {
          external_id: `${name}-${n}`,
          date: start,
          currency: 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: `${name}-sub`,
              plan_uuid: plan.uuid,
              service_period_start: start,
              service_period_end: end,
              amount_in_cents: 1000 * n,
            },
          ],
        },
      ],
    });
  };
  const names = async (order?: string) =>
    (await ChartMogul.Metrics.Activity.all(sb.config, order ? { order } : {})).entries.map(
      (a: { 'customer-name': string; type: string }) => `${a['customer-name']} ${a.type}`,
    );

  // Zed is billed first, Amy second, for the same instant.
  await bill('Zed', 1, '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z');
  await bill('Amy', 1, '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z');
  expect(await names()).toEqual(['Zed new_biz', 'Amy new_biz']);
  expect(await names('-date')).toEqual(['Amy new_biz', 'Zed new_biz']);

  // Zed derived again (a later invoice): its first movement keeps its place.
  await bill('Zed', 2, '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z');
  expect(await names()).toEqual(['Zed new_biz', 'Amy new_biz', 'Zed expansion']);
});
