/** The setup most billing tests start from, made through the SDK: a data source with a plan, customers, invoices. */
import { ChartMogul, type SdkSandbox } from './sdk';

/** A new data source (its name must be new in the sandbox) with one plan in it, billed every 1 `intervalUnit`. */
export async function sourceWithPlan(
  sb: SdkSandbox,
  source: string,
  planName: string,
  intervalUnit = 'month',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ ds: any; plan: any }> {
  const ds = await ChartMogul.DataSource.create(sb.config, { name: source });
  const plan = await ChartMogul.Plan.create(sb.config, {
    data_source_uuid: ds.uuid,
    name: planName,
    interval_count: 1,
    interval_unit: intervalUnit,
  });
  return { ds, plan };
}

/** A new customer of the data source. */
export function createCustomer(
  sb: SdkSandbox,
  dsUuid: string,
  externalId: string,
  fields: Record<string, unknown> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  return ChartMogul.Customer.create(sb.config, {
    data_source_uuid: dsUuid,
    external_id: externalId,
    ...fields,
  });
}

/** An invoice of one one-time line item, dated 2024-01-01. */
export function oneTimeInvoice(externalId: string, amountInCents: number, currency = 'USD') {
  return {
    external_id: externalId,
    date: '2024-01-01',
    currency,
    line_items: [{ type: 'one_time', amount_in_cents: amountInCents }],
  };
}
