/** The customer object as ChartMogul returns it, mixed key styles included (`customer-since`, `chartmogul-url` …). */
import type { Store } from '../store/context';
import {
  customersByIds,
  findCustomer,
  identitiesOf,
  identitiesOfMany,
  type CustomAttribute,
  type CustomerRow,
  type Identity,
} from '../store/customers';
import { findDataSourceById, type DataSourceRow } from '../store/dataSources';
import { ACCOUNT } from '../lib/account';
import { countryName, currencySign, stateName } from '../lib/locale';
import { isoMillis, isoOffset } from '../lib/time';
import { viewTexts, type KeptKind, type Text } from './texts';

export function customAttributeValues(row: Pick<CustomerRow, 'custom'>): Record<string, unknown> {
  const custom = JSON.parse(row.custom) as Record<string, CustomAttribute>;
  return Object.fromEntries(Object.entries(custom).map(([key, attr]) => [key, attr.value]));
}

export function customerAttributes(row: CustomerRow): {
  tags: string[];
  stripe: object;
  custom: Record<string, unknown>;
} {
  return { tags: JSON.parse(row.tags) as string[], stripe: {}, custom: customAttributeValues(row) };
}

function billingSystemType(system: string): string {
  return system === 'Custom' ? 'Import API' : system;
}

function chartmogulUrl(row: CustomerRow): string {
  const label = (row.company || row.name).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `https://app.chartmogul.com/#/customers/${row.id}-${label}`;
}

/** Data sources by id, shared by the views of one response (a page names the same few sources 200 times). */
export type SourceCache = Map<number, DataSourceRow>;

export function sourceOf(store: Store, id: number, cache: SourceCache): DataSourceRow {
  let row = cache.get(id);
  if (!row) cache.set(id, (row = findDataSourceById(store, id)));
  return row;
}

/** `identities`: the customer's, when a page read them for all its customers at once (identitiesOfMany). */
export function customerView(
  store: Store,
  row: CustomerRow,
  cache: SourceCache = new Map(),
  identities: Identity[] = identitiesOf(store, row),
): Record<string, unknown> {
  const source = sourceOf(store, row.data_source_id, cache);
  const ids = identities.map((i) => ({
    data_source_uuid: sourceOf(store, i.data_source_id, cache).uuid,
    external_id: i.external_id,
  }));
  const { tags, stripe, custom } = customerAttributes(row);
  return {
    id: row.id,
    uuid: row.uuid,
    external_id: row.external_id,
    name: row.name,
    email: row.email,
    status: row.status,
    'customer-since': isoOffset(row.since),
    attributes: { custom, stripe, tags },
    data_source_uuid: source.uuid,
    data_source_uuids: ids.map((i) => i.data_source_uuid),
    external_ids: ids.map((i) => i.external_id),
    company: row.company,
    country: row.country,
    state: row.state,
    city: row.city,
    zip: row.zip,
    lead_created_at: isoMillis(row.lead_created_at),
    free_trial_started_at: isoMillis(row.free_trial_started_at),
    address: {
      country: row.country ? (countryName(row.country) ?? null) : null,
      state: stateName(row.country, row.state),
      city: row.city,
      address_zip: row.zip,
    },
    mrr: row.mrr,
    arr: row.mrr * 12,
    'billing-system-url': null,
    'chartmogul-url': chartmogulUrl(row),
    'billing-system-type': billingSystemType(source.system),
    currency: ACCOUNT.currency,
    'currency-sign': currencySign(ACCOUNT.currency),
    owner: row.owner,
    website_url: row.website_url,
  };
}

/** Customers as their pages read them (views/texts.ts readPage). */
export function customerKind(store: Store): KeptKind<CustomerRow> {
  return {
    texts: viewTexts(store.db, 'customer'),
    byIds: (ids) => customersByIds(store, ids),
    views: (rows) => {
      const identities = identitiesOfMany(store, rows);
      const sources: SourceCache = new Map();
      return new Map(
        rows.map((row) => [
          row.id,
          { key: row.uuid, view: () => customerView(store, row, sources, identities.get(row.id)) },
        ]),
      );
    },
  };
}

/** The JSON text of the view of the customer with this uuid, or undefined when there is none. */
export function customerText(store: Store, uuid: string): Text | undefined {
  const kept = viewTexts(store.db, 'customer');
  const text = kept.getByKey(uuid);
  if (text !== undefined) return text;
  const row = findCustomer(store, uuid);
  return row && kept.keep(row.id, row.uuid, customerView(store, row));
}
