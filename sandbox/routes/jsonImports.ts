/**
 * Bulk JSON import: `POST /v1/data_sources/:ds/json_imports` checks the envelope and queues the payload
 * (200, `status: "queued"`), `GET …/json_imports/:id` (the import's id, or the external id its creator
 * gave it) answers its status. A queued import is processed before the next API request is served (the
 * status read included), and on start for imports a stopped sandbox left queued: deterministic, so a fixed
 * clock still gives reproducible ids.
 */
import type { Db } from '../db/open';
import { generationOf, sameGeneration, type Generation } from '../db/generation';
import { fieldErrors, notFound } from '../http/errors';
import { isObject, objectBody } from '../http/input';
import { param, type ApiRoutes } from '../http/routes';
import { isoSeconds } from '../lib/time';
import type { Store } from '../store/context';
import {
  finishJsonImport,
  findJsonImport,
  insertJsonImport,
  jsonImportExternalIdTaken,
  queuedJsonImports,
  type JsonImportRow,
} from '../store/jsonImports';
import { findDataSourceById } from '../store/dataSources';
import { requireDataSource } from './dataSources';
import { processJsonImport } from './jsonImportProcessor';

const RECORD_LISTS = ['customers', 'plans', 'invoices', 'line_items', 'transactions', 'subscription_events'];

function importView(store: Store, row: JsonImportRow): Record<string, unknown> {
  return {
    id: row.uuid,
    data_source_uuid: findDataSourceById(store, row.data_source_id).uuid,
    status: row.status,
    external_id: row.external_id,
    status_details: JSON.parse(row.status_details) as object,
    created_at: isoSeconds(row.created_at),
    updated_at: isoSeconds(row.updated_at),
  };
}

/**
 * Every queued import, oldest first, each in a transaction of its own. An import the sandbox cannot
 * process (a sandbox bug) is marked failed rather than left queued to fail every later request.
 */
export function processQueuedImports(store: Store): void {
  // No write since the queue was last seen empty: nothing can have been queued (a request's usual case).
  if (sameGeneration(queueEmptyAt.get(store.db), generationOf(store.db))) return;
  for (const row of queuedJsonImports(store)) {
    try {
      store.db.transaction(() => processJsonImport(store, row))();
    } catch (err) {
      process.stderr.write(
        `sandbox: import ${row.uuid} failed: ${err instanceof Error ? err.stack : String(err)}\n`,
      );
      store.db.transaction(() => finishJsonImport(store, row, 'failed', { import: { status: 'failed' } }))();
    }
  }
  queueEmptyAt.set(store.db, generationOf(store.db));
}

/** The generation in which the import queue was last seen empty. */
const queueEmptyAt = new WeakMap<Db, Generation>();

export function registerJsonImports(api: ApiRoutes): void {
  const store = api.store;
  processQueuedImports(store); // imports a stopped sandbox left queued
  api.beforeEachRequest(() => processQueuedImports(store));

  api.post('/v1/data_sources/:ds/json_imports', (req) => {
    const source = requireDataSource(store, param(req, 'ds'));
    const body = objectBody(req.body);
    const errors: Record<string, string> = {};
    const externalId = body.external_id;
    if (externalId !== undefined && externalId !== null && typeof externalId !== 'string')
      errors.external_id = 'must be a string';
    else if (typeof externalId === 'string' && jsonImportExternalIdTaken(store, source.id, externalId))
      errors.external_id = 'has already been taken';
    for (const key of RECORD_LISTS) {
      const value = body[key];
      if (value !== undefined && (!Array.isArray(value) || !value.every(isObject)))
        errors[key] = 'must be an array of objects';
    }
    if (!RECORD_LISTS.some((key) => Array.isArray(body[key]) && (body[key] as unknown[]).length > 0))
      errors.records = `the import needs at least one of ${RECORD_LISTS.join(', ')}`;
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    const payload = Object.fromEntries(
      RECORD_LISTS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]),
    );
    const row = insertJsonImport(
      store,
      source.id,
      typeof externalId === 'string' ? externalId : null,
      payload,
    );
    return { status: 200, body: importView(store, row) };
  });

  api.get('/v1/data_sources/:ds/json_imports/:id', (req) => {
    const source = requireDataSource(store, param(req, 'ds'));
    const row = findJsonImport(store, source.id, param(req, 'id'));
    if (!row) throw notFound('Import');
    return { status: 200, body: importView(store, row) };
  });
}
