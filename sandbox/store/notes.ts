/** Customer notes and call logs (`type` note or call). Newest first in lists, as recorded. */
import { deleteRow, insertRow, rowBy, updateColumns, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export const NOTE_TYPES = ['note', 'call'] as const;

export interface NoteRow {
  id: number;
  uuid: string;
  customer_id: number;
  type: string;
  text: string;
  call_duration: number;
  author_email: string;
  author: string;
  created_at: number;
  updated_at: number;
}

export type NoteFields = Partial<
  Pick<NoteRow, 'type' | 'text' | 'call_duration' | 'author_email' | 'author' | 'created_at'>
>;

export function findNote(store: Store, uuid: string): NoteRow | undefined {
  return rowBy<NoteRow>(store.db, 'customer_notes', 'uuid', uuid);
}

export function insertNote(
  store: Store,
  customerId: number,
  fields: Required<Omit<NoteFields, 'created_at'>> & NoteFields,
): NoteRow {
  const now = store.clock.now();
  const id = insertRow(store.db, 'customer_notes', {
    uuid: store.ids.prefixed('note'),
    customer_id: customerId,
    type: fields.type,
    text: fields.text,
    call_duration: fields.call_duration,
    author_email: fields.author_email,
    author: fields.author,
    created_at: fields.created_at ?? now,
    updated_at: now,
  });
  return rowBy<NoteRow>(store.db, 'customer_notes', 'id', id)!;
}

/** Changes the given fields and bumps updated_at. */
export function updateNote(store: Store, note: NoteRow, fields: NoteFields): NoteRow {
  updateColumns(store.db, 'customer_notes', note.id, { ...fields, updated_at: store.clock.now() });
  return rowBy<NoteRow>(store.db, 'customer_notes', 'id', note.id)!;
}

export function deleteNote(store: Store, id: number): void {
  deleteRow(store.db, 'customer_notes', id);
}

export interface NoteFilter {
  customerId?: number;
  type?: string;
  authorEmail?: string;
}

const NOTES: KeysetList<NoteRow> = { table: 'customer_notes', order: 'id desc', key: 'created_at' };

export function notesMatching(filter: NoteFilter): KeysetQuery<NoteRow> {
  return keysetQuery(NOTES, {
    customer: ['customer_id = @customer', filter.customerId],
    type: ['type = @type', filter.type],
    author: ['author_email = @author', filter.authorEmail],
  });
}
