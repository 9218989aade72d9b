/**
 * Customer notes and call logs: list (customer_uuid, type, author_email filters), retrieve, create (201),
 * update (PATCH, bumps updated_at), delete (200 `{}`). A call without call_duration lasts 60 seconds, a
 * note 0, as recorded; the author is the API key's user unless author_email names another team member.
 */
import { Input, isEmail, objectBody } from '../http/input';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { ACCOUNT_USER, userLabel } from '../lib/account';
import { findCustomer } from '../store/customers';
import {
  deleteNote,
  findNote,
  insertNote,
  notesMatching,
  updateNote,
  NOTE_TYPES,
  type NoteFields,
  type NoteRow,
} from '../store/notes';
import { noteView } from '../views/crm';
import { bodyCustomer, entriesList, failOnErrors, filterById, requireParams, required } from './crmInput';

const DEFAULT_CALL_SECONDS = 60;

function readNoteFields(input: Input): NoteFields {
  const fields: NoteFields = {};
  const type = input.oneOf('type', NOTE_TYPES);
  if (type !== undefined) fields.type = type;
  if (input.body.text === '') fields.text = '';
  const text = input.string('text');
  if (text !== undefined) fields.text = text;
  const author = input.string('author_email');
  if (author !== undefined) {
    if (!isEmail(author)) input.fail('author_email', 'must be an email address');
    else Object.assign(fields, { author_email: author, author: userLabel(author) });
  }
  const duration = input.integer('call_duration', { min: 0 });
  if (duration !== undefined) fields.call_duration = duration;
  const created = input.timestamp('created_at');
  if (created !== undefined) fields.created_at = created;
  return fields;
}

export function registerNotes(api: ApiRoutes): void {
  const store = api.store;
  const noteOf = (uuid: string) => required(findNote(store, uuid), 'Customer note');
  const view = (row: NoteRow) => noteView(store, row);

  api.get('/v1/customer_notes', (req) => {
    const query = notesMatching({
      customerId: filterById(req, 'customer_uuid', (u) => findCustomer(store, u)),
      type: queryString(req, 'type'),
      authorEmail: queryString(req, 'author_email'),
    });
    return { status: 200, body: entriesList(store, req, query, view) };
  });

  api.get('/v1/customer_notes/:uuid', (req) => ({ status: 200, body: view(noteOf(param(req, 'uuid'))) }));

  api.post('/v1/customer_notes', (req) => {
    const body = objectBody(req.body);
    requireParams(body, ['customer_uuid', 'type']);
    const input = new Input(body);
    const fields = readNoteFields(input);
    failOnErrors(input);
    const customer = bodyCustomer(store, body);
    const type = fields.type as string;
    const note = insertNote(store, customer.id, {
      type,
      text: fields.text ?? '',
      call_duration: type === 'call' ? (fields.call_duration ?? DEFAULT_CALL_SECONDS) : 0,
      author_email: fields.author_email ?? ACCOUNT_USER.email,
      author: fields.author ?? userLabel(ACCOUNT_USER.email),
      created_at: fields.created_at,
    });
    return { status: 201, body: view(note) };
  });

  api.patch('/v1/customer_notes/:uuid', (req) => {
    const note = noteOf(param(req, 'uuid'));
    const input = new Input(objectBody(req.body));
    const fields = readNoteFields(input);
    failOnErrors(input);
    if ((fields.type ?? note.type) === 'note') fields.call_duration = 0;
    return { status: 200, body: view(updateNote(store, note, fields)) };
  });

  api.delete('/v1/customer_notes/:uuid', (req) => {
    deleteNote(store, noteOf(param(req, 'uuid')).id);
    return { status: 200, body: {} };
  });
}
