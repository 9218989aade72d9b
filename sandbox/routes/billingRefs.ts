/**
 * Finding the billing record an edit endpoint names: by uuid in the path, or (the by-external-id variants
 * chartmogul-node calls) by `data_source_uuid` and `external_id` in the query. Missing query parameters are
 * 400, unknown records 404 in dialect C.
 */
import type { Request } from 'express';
import { missingParameter, notFound } from '../http/errors';
import { queryString } from '../http/routes';
import type { Store } from '../store/context';
import { findDataSource } from '../store/dataSources';

export function byExternalId<Row>(
  store: Store,
  req: Request,
  what: string,
  find: (dataSourceId: number, externalId: string) => Row | undefined,
): Row {
  const dsUuid = queryString(req, 'data_source_uuid');
  if (dsUuid === undefined) throw missingParameter('data_source_uuid');
  const externalId = queryString(req, 'external_id');
  if (externalId === undefined) throw missingParameter('external_id');
  const source = findDataSource(store, dsUuid);
  if (!source) throw notFound('Data source');
  const row = find(source.id, externalId);
  if (row === undefined) throw notFound(what);
  return row;
}

export function byUuid<Row>(what: string, row: Row | undefined): Row {
  if (row === undefined) throw notFound(what);
  return row;
}
