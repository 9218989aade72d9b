/** Shapes of contacts, customer notes, tasks and opportunities, key for key as recorded. */
import type { Store } from '../store/context';
import { customerRefById } from '../store/customers';
import { sourceOf, type SourceCache } from './customer';
import { contactsByIds, type ContactRow } from '../store/contacts';
import { viewTexts, type KeptKind } from './texts';
import type { NoteRow } from '../store/notes';
import type { TaskRow } from '../store/tasks';
import type { OpportunityRow } from '../store/opportunities';
import { isoMillis } from '../lib/time';

/** `sources`: data sources already read by the response (a page names the same few 200 times). */
export function contactView(
  store: Store,
  row: ContactRow,
  sources: SourceCache = new Map(),
): Record<string, unknown> {
  const customer = customerRefById(store, row.customer_id);
  return {
    uuid: row.uuid,
    customer_uuid: customer.uuid,
    customer_external_id: customer.external_id,
    data_source_uuid: sourceOf(store, row.data_source_id, sources).uuid,
    external_id: row.external_id,
    position: row.position,
    first_name: row.first_name,
    last_name: row.last_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    linked_in: row.linked_in,
    twitter: row.twitter,
    notes: row.notes,
    custom: JSON.parse(row.custom) as Record<string, unknown>,
  };
}

/** Contacts as their pages read them (views/texts.ts readPage). */
export function contactKind(store: Store): KeptKind<ContactRow> {
  return {
    texts: viewTexts(store.db, 'contact'),
    byIds: (ids) => contactsByIds(store, ids),
    views: (rows) => {
      const sources: SourceCache = new Map();
      return new Map(
        rows.map((row) => [row.id, { key: row.uuid, view: () => contactView(store, row, sources) }]),
      );
    },
  };
}

export function noteView(store: Store, row: NoteRow): Record<string, unknown> {
  return {
    uuid: row.uuid,
    customer_uuid: customerRefById(store, row.customer_id).uuid,
    type: row.type,
    text: row.text,
    call_duration: row.call_duration,
    author: row.author,
    created_at: isoMillis(row.created_at),
    updated_at: isoMillis(row.updated_at),
  };
}

export function taskView(store: Store, row: TaskRow): Record<string, unknown> {
  return {
    task_uuid: row.uuid,
    customer_uuid: customerRefById(store, row.customer_id).uuid,
    task_details: row.task_details,
    assignee: row.assignee,
    due_date: isoMillis(row.due_date),
    completed_at: isoMillis(row.completed_at),
    created_at: isoMillis(row.created_at),
    updated_at: isoMillis(row.updated_at),
  };
}

export function opportunityView(store: Store, row: OpportunityRow): Record<string, unknown> {
  return {
    uuid: row.uuid,
    customer_uuid: customerRefById(store, row.customer_id).uuid,
    owner: row.owner,
    pipeline: row.pipeline,
    pipeline_stage: row.pipeline_stage,
    estimated_close_date: row.estimated_close_date,
    currency: row.currency,
    amount_in_cents: row.amount_in_cents,
    type: row.type,
    forecast_category: row.forecast_category,
    win_likelihood: row.win_likelihood,
    custom: JSON.parse(row.custom) as Record<string, unknown>,
    created_at: isoMillis(row.created_at),
    updated_at: isoMillis(row.updated_at),
  };
}
