/** Data sources: list (name/system filters, no paging), retrieve, create (201), delete (204, cascading). */
import type { Request } from 'express';
import { queryFlag, queryString, param, type ApiRoutes } from '../http/routes';
import { fieldErrors, missingParameter, notFound } from '../http/errors';
import { objectBody } from '../http/input';
import { dataSourceView, type DataSourceExtras } from '../views/billing';
import {
  dataSourceNameTaken,
  deleteDataSource,
  findDataSource,
  insertDataSource,
  listDataSources,
} from '../store/dataSources';
import type { Store } from '../store/context';

function extras(req: Request): DataSourceExtras {
  return {
    processingStatus: queryFlag(req, 'with_processing_status'),
    autoChurn: queryFlag(req, 'with_auto_churn_subscription_setting'),
    invoiceHandling: queryFlag(req, 'with_invoice_handling_setting'),
  };
}

export function requireDataSource(store: Store, uuid: string) {
  const row = findDataSource(store, uuid);
  if (!row) throw notFound('Data source');
  return row;
}

export function registerDataSources(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/data_sources', (req) => {
    const rows = listDataSources(store, {
      name: queryString(req, 'name'),
      system: queryString(req, 'system'),
    });
    return { status: 200, body: { data_sources: rows.map((r) => dataSourceView(store, r, extras(req))) } };
  });

  api.get('/v1/data_sources/:uuid', (req) => {
    return {
      status: 200,
      body: dataSourceView(store, requireDataSource(store, param(req, 'uuid')), extras(req)),
    };
  });

  api.post('/v1/data_sources', (req) => {
    const body = objectBody(req.body);
    const name = body.name;
    // Newest recordings answer a missing name with 400 in dialect A; a non-string name is a field error.
    if (name === undefined || name === null || name === '') throw missingParameter('name');
    if (typeof name !== 'string' || name.trim() === '')
      throw fieldErrors({ name: 'A name is required for each data source.' });
    if (dataSourceNameTaken(store, name)) throw fieldErrors({ name: 'Has already been taken.' });
    return { status: 201, body: dataSourceView(store, insertDataSource(store, name)) };
  });

  api.delete('/v1/data_sources/:uuid', (req) => {
    deleteDataSource(store, requireDataSource(store, param(req, 'uuid')).id);
    return { status: 204 };
  });
}
