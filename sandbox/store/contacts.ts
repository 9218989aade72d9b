/**
 * Contacts: people at a customer. `position` counts per customer (the second contact is 2); external ids are
 * unique per data source. Newest first in lists, as recorded.
 */
import { allRows, deleteRow, insertRow, rowBy, sql, updateColumns, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export interface ContactRow {
  id: number;
  uuid: string;
  customer_id: number;
  data_source_id: number;
  external_id: string | null;
  position: number;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  linked_in: string | null;
  twitter: string | null;
  notes: string | null;
  /** JSON object of custom field values. */
  custom: string;
  created_at: number;
}

export const CONTACT_TEXT_FIELDS = [
  'first_name',
  'last_name',
  'title',
  'email',
  'phone',
  'linked_in',
  'twitter',
  'notes',
] as const;

export type ContactFields = Partial<
  Pick<ContactRow, (typeof CONTACT_TEXT_FIELDS)[number] | 'external_id' | 'position'>
> & { custom?: Record<string, unknown> };

export function findContact(store: Store, uuid: string): ContactRow | undefined {
  return rowBy<ContactRow>(store.db, 'contacts', 'uuid', uuid);
}

/** The contacts with these ids, in no particular order (a page's rows once their ids are known). */
export function contactsByIds(store: Store, ids: readonly number[]): ContactRow[] {
  return allRows<ContactRow>(
    store.db,
    'SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(@ids))',
    {
      ids: JSON.stringify(ids),
    },
  );
}

export function contactExternalIdTaken(store: Store, dataSourceId: number, externalId: string): boolean {
  return (
    sql(store.db, 'SELECT 1 FROM contacts WHERE data_source_id = ? AND external_id = ?').get(
      dataSourceId,
      externalId,
    ) !== undefined
  );
}

function nextPosition(store: Store, customerId: number): number {
  const row = sql(store.db, 'SELECT MAX(position) AS n FROM contacts WHERE customer_id = ?').get(
    customerId,
  ) as {
    n: number | null;
  };
  return (row.n ?? 0) + 1;
}

export function insertContact(
  store: Store,
  customerId: number,
  dataSourceId: number,
  fields: ContactFields,
): ContactRow {
  const row = {
    uuid: store.ids.prefixed('con'),
    customer_id: customerId,
    data_source_id: dataSourceId,
    external_id: fields.external_id ?? null,
    position: fields.position ?? nextPosition(store, customerId),
    ...Object.fromEntries(CONTACT_TEXT_FIELDS.map((k) => [k, fields[k] ?? null])),
    custom: JSON.stringify(fields.custom ?? {}),
    created_at: store.clock.now(),
  };
  const id = insertRow(store.db, 'contacts', row);
  return findContactById(store, id);
}

export function findContactById(store: Store, id: number): ContactRow {
  return rowBy<ContactRow>(store.db, 'contacts', 'id', id)!;
}

export function updateContact(store: Store, contact: ContactRow, fields: ContactFields): ContactRow {
  const { custom, ...columns } = fields;
  updateColumns(store.db, 'contacts', contact.id, {
    ...columns,
    custom: custom === undefined ? undefined : JSON.stringify(custom),
  });
  return findContactById(store, contact.id);
}

export function deleteContact(store: Store, id: number): void {
  deleteRow(store.db, 'contacts', id);
}

export interface ContactFilter {
  customerId?: number;
  dataSourceId?: number;
  email?: string;
  customerExternalId?: string;
}

const CONTACTS: KeysetList<ContactRow> = { table: 'contacts', order: 'id desc', key: 'created_at' };

export function contactsMatching(filter: ContactFilter): KeysetQuery<ContactRow> {
  return keysetQuery(CONTACTS, {
    customer: ['customer_id = @customer', filter.customerId],
    ds: ['data_source_id = @ds', filter.dataSourceId],
    email: ['email = @email', filter.email],
    cext: [
      'customer_id IN (SELECT customer_id FROM customer_identities WHERE external_id = @cext)',
      filter.customerExternalId,
    ],
  });
}
