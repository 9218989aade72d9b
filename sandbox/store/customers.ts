/**
 * Customers. Each has a primary data source and external id, plus every identity merged into it
 * (customer_identities, unique per data source). Status, customer-since and MRR are stored and refreshed by
 * sandbox/analytics whenever billing data changes, so lists can filter and sort on indexed columns.
 */
import { allRows, sql, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export const LEAD_STATUSES = ['New Lead', 'Working Lead', 'Qualified Lead', 'Unqualified Lead'] as const;
export const CUSTOMER_STATUSES = [...LEAD_STATUSES, 'Active', 'Past Due', 'Cancelled'] as const;

/** Sort key of customers without a customer-since date: leads sort after every paying customer. */
export const NO_SINCE = 8_640_000_000_000_000;

export interface CustomAttribute {
  type: string;
  value: unknown;
  source: string;
}

export interface CustomerRow {
  id: number;
  uuid: string;
  data_source_id: number;
  external_id: string;
  name: string;
  email: string;
  company: string;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  website_url: string | null;
  owner: string | null;
  lead_created_at: number | null;
  free_trial_started_at: number | null;
  lead_status: string;
  status: string;
  since: number | null;
  since_key: number;
  mrr: number;
  tags: string;
  custom: string;
  created_at: number;
}

/** The fields a create or an update may set. */
export type CustomerFields = Partial<
  Pick<
    CustomerRow,
    | 'name'
    | 'email'
    | 'company'
    | 'country'
    | 'state'
    | 'city'
    | 'zip'
    | 'website_url'
    | 'owner'
    | 'lead_created_at'
    | 'free_trial_started_at'
    | 'lead_status'
  >
> & { tags?: string[]; custom?: Record<string, CustomAttribute> };

const EDITABLE = [
  'name',
  'email',
  'company',
  'country',
  'state',
  'city',
  'zip',
  'website_url',
  'owner',
  'lead_created_at',
  'free_trial_started_at',
  'lead_status',
] as const;

export function findCustomer(store: Store, uuid: string): CustomerRow | undefined {
  return sql(store.db, 'SELECT * FROM customers WHERE uuid = ?').get(uuid) as CustomerRow | undefined;
}

export function findCustomerById(store: Store, id: number): CustomerRow {
  return sql(store.db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow;
}

/** What other objects show of their customer (its uuid and external id), without reading the whole row. */
export function customerRefById(store: Store, id: number): Pick<CustomerRow, 'uuid' | 'external_id'> {
  return sql(store.db, 'SELECT uuid, external_id FROM customers WHERE id = ?').get(id) as Pick<
    CustomerRow,
    'uuid' | 'external_id'
  >;
}

/** The customers with these ids, in no particular order (a page's rows once their ids are known). */
export function customersByIds(store: Store, ids: readonly number[]): CustomerRow[] {
  return allRows<CustomerRow>(
    store.db,
    'SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(@ids))',
    { ids: JSON.stringify(ids) },
  );
}

export function findCustomerByIdentity(
  store: Store,
  dataSourceId: number,
  externalId: string,
): CustomerRow | undefined {
  return sql(
    store.db,
    `SELECT c.* FROM customer_identities i JOIN customers c ON c.id = i.customer_id
     WHERE i.data_source_id = ? AND i.external_id = ?`,
  ).get(dataSourceId, externalId) as CustomerRow | undefined;
}

export function findCustomersByEmail(store: Store, email: string): CustomerRow[] {
  return sql(store.db, 'SELECT * FROM customers WHERE email = ? ORDER BY since_key, id').all(
    email,
  ) as CustomerRow[];
}

/** Every identity of a customer, its primary one first. */
export interface Identity {
  data_source_id: number;
  external_id: string;
}

export function identitiesOf(store: Store, customer: CustomerRow): Identity[] {
  const rows = sql(
    store.db,
    'SELECT data_source_id, external_id FROM customer_identities WHERE customer_id = ? ORDER BY rowid',
  ).all(customer.id) as Identity[];
  return primaryFirst(customer, rows);
}

/**
 * identitiesOf for a page of customers in one query (a page of 200 would otherwise ask 200 times), by
 * customer id.
 */
export function identitiesOfMany(store: Store, customers: readonly CustomerRow[]): Map<number, Identity[]> {
  // Rows as arrays, in the order of the index on customer_id (no sort): each customer's in the order they came.
  const rows = sql(
    store.db,
    `SELECT customer_id, data_source_id, external_id FROM customer_identities
     WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, rowid`,
  )
    .raw(true)
    .all(JSON.stringify(customers.map((c) => c.id))) as [number, number, string][];
  const byCustomer = new Map<number, Identity[]>(customers.map((c) => [c.id, []]));
  for (const [customerId, dataSourceId, externalId] of rows)
    byCustomer.get(customerId)?.push({ data_source_id: dataSourceId, external_id: externalId });
  for (const customer of customers)
    byCustomer.set(customer.id, primaryFirst(customer, byCustomer.get(customer.id)!));
  return byCustomer;
}

/** A customer's own (data source, external id) first, the merged-in ones after in the order they came. */
function primaryFirst(customer: CustomerRow, rows: Identity[]): Identity[] {
  const isPrimary = (r: Identity) =>
    r.data_source_id === customer.data_source_id && r.external_id === customer.external_id;
  return rows.length < 2 ? rows : [...rows.filter(isPrimary), ...rows.filter((r) => !isPrimary(r))];
}

export function insertCustomer(
  store: Store,
  dataSourceId: number,
  externalId: string,
  fields: CustomerFields,
): CustomerRow {
  const now = store.clock.now();
  const leadStatus = fields.lead_status ?? 'New Lead';
  const row = {
    uuid: store.ids.prefixed('cus'),
    data_source_id: dataSourceId,
    external_id: externalId,
    name: fields.name ?? '',
    email: fields.email ?? '',
    company: fields.company ?? '',
    country: fields.country ?? null,
    state: fields.state ?? null,
    city: fields.city ?? null,
    zip: fields.zip ?? null,
    website_url: fields.website_url ?? null,
    owner: fields.owner ?? null,
    lead_created_at: fields.lead_created_at ?? null,
    free_trial_started_at: fields.free_trial_started_at ?? null,
    lead_status: leadStatus,
    status: leadStatus,
    since_key: NO_SINCE,
    tags: JSON.stringify(uniqueTags(fields.tags ?? [])),
    custom: JSON.stringify(fields.custom ?? {}),
    created_at: now,
  };
  const { lastInsertRowid } = sql(
    store.db,
    `INSERT INTO customers(uuid, data_source_id, external_id, name, email, company, country, state, city, zip,
       website_url, owner, lead_created_at, free_trial_started_at, lead_status, status, since_key, tags, custom, created_at)
     VALUES (@uuid, @data_source_id, @external_id, @name, @email, @company, @country, @state, @city, @zip,
       @website_url, @owner, @lead_created_at, @free_trial_started_at, @lead_status, @status, @since_key, @tags, @custom, @created_at)`,
  ).run(row);
  const id = Number(lastInsertRowid);
  sql(
    store.db,
    'INSERT INTO customer_identities(customer_id, data_source_id, external_id) VALUES (?, ?, ?)',
  ).run(id, dataSourceId, externalId);
  return findCustomerById(store, id);
}

export function updateCustomer(store: Store, customer: CustomerRow, fields: CustomerFields): void {
  const sets: string[] = [];
  const params: Record<string, unknown> = { id: customer.id };
  for (const key of EDITABLE) {
    if (fields[key] === undefined) continue;
    sets.push(`${key} = @${key}`);
    params[key] = fields[key];
  }
  if (fields.tags !== undefined) {
    sets.push('tags = @tags');
    params.tags = JSON.stringify(uniqueTags(fields.tags));
  }
  if (fields.custom !== undefined) {
    sets.push('custom = @custom');
    params.custom = JSON.stringify(fields.custom);
  }
  if (sets.length > 0) sql(store.db, `UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

export function deleteCustomer(store: Store, id: number): void {
  sql(store.db, 'DELETE FROM customers WHERE id = ?').run(id);
}

export function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}

export interface CustomerFilter {
  dataSourceId?: number;
  externalId?: string;
  status?: string;
  system?: string;
  email?: string;
}

/** Customer-since order, leads last (NO_SINCE); the cursor carries the since key. */
const CUSTOMERS: KeysetList<CustomerRow> = { table: 'customers', order: 'key asc', key: 'since_key' };

export function customersMatching(filter: CustomerFilter): KeysetQuery<CustomerRow> {
  return keysetQuery(CUSTOMERS, {
    ds: ['data_source_id = @ds', filter.dataSourceId],
    ext: ['id IN (SELECT customer_id FROM customer_identities WHERE external_id = @ext)', filter.externalId],
    status: ['status = @status', filter.status],
    system: ['data_source_id IN (SELECT id FROM data_sources WHERE system = @system)', filter.system],
    email: ['email = @email', filter.email],
  });
}

/** Records a customer owns besides its billing; a merge hands them to the surviving customer. */
const OWNED_TABLES = ['contacts', 'customer_notes', 'tasks', 'opportunities', 'subscription_events'] as const;

/**
 * Merges `from` into `into`: identities, contacts, notes, tasks, opportunities, tags, custom attributes (into's values win), invoices and subscriptions
 * move over; `from` is deleted.
 */
export function mergeCustomers(store: Store, from: CustomerRow, into: CustomerRow): void {
  const db = store.db;
  sql(db, 'UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?').run(into.id, from.id);
  sql(db, 'UPDATE OR IGNORE subscriptions SET customer_id = ? WHERE customer_id = ?').run(into.id, from.id);
  sql(db, 'UPDATE invoices SET customer_id = ? WHERE customer_id = ?').run(into.id, from.id);
  for (const table of OWNED_TABLES)
    sql(db, `UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(into.id, from.id);
  const tags = uniqueTags([...(JSON.parse(into.tags) as string[]), ...(JSON.parse(from.tags) as string[])]);
  const custom = { ...(JSON.parse(from.custom) as object), ...(JSON.parse(into.custom) as object) };
  updateCustomer(store, into, { tags, custom: custom as Record<string, CustomAttribute> });
  deleteCustomer(store, from.id);
}

/** The CRM kinds an unmerge may move to the new customer, and their tables (calls are notes). */
export const UNMERGE_KINDS = {
  tasks: 'tasks',
  opportunities: 'opportunities',
  notes: 'customer_notes',
} as const;
export type UnmergeKind = keyof typeof UNMERGE_KINDS;

/**
 * Splits one merged identity off `customer` into a new customer of its own (named as `customer` is), and
 * returns it. Its subscription events go with it; its invoices and subscriptions too when it was the
 * customer's only identity in that data source (those rows name the source, not the identity, so with two
 * identities there they stay). The CRM kinds listed move whole: those records belong to the customer,
 * not to one of its identities.
 */
export function splitIdentity(
  store: Store,
  customer: CustomerRow,
  identity: { data_source_id: number; external_id: string },
  kinds: readonly UnmergeKind[],
): CustomerRow {
  const db = store.db;
  const { data_source_id: source, external_id: externalId } = identity;
  sql(db, 'DELETE FROM customer_identities WHERE data_source_id = ? AND external_id = ?').run(
    source,
    externalId,
  );
  const split = insertCustomer(store, source, externalId, { name: customer.name, email: customer.email });
  sql(
    db,
    'UPDATE subscription_events SET customer_id = ? WHERE customer_id = ? AND data_source_id = ? AND customer_external_id = ?',
  ).run(split.id, customer.id, source, externalId);
  const sharesSource = sql(
    db,
    'SELECT 1 FROM customer_identities WHERE customer_id = ? AND data_source_id = ?',
  ).get(customer.id, source);
  if (!sharesSource) {
    for (const table of ['invoices', 'subscriptions'])
      sql(db, `UPDATE ${table} SET customer_id = ? WHERE customer_id = ? AND data_source_id = ?`).run(
        split.id,
        customer.id,
        source,
      );
  }
  for (const kind of kinds)
    sql(db, `UPDATE ${UNMERGE_KINDS[kind]} SET customer_id = ? WHERE customer_id = ?`).run(
      split.id,
      customer.id,
    );
  return split;
}
