/**
 * `POST /v1/activities_export` (200 with a pending job, as recorded) and `GET /v1/activities_export/{id}`;
 * the finished archive is served by the sandbox at `/__sandbox/activities_export/{id}.zip` (no key needed,
 * like the signed URL ChartMogul hands out; the id is the credential).
 */
import express, { type Request, type Router } from 'express';
import { notFound } from '../../http/errors';
import { objectBody } from '../../http/input';
import { param, type ApiRoutes } from '../../http/routes';
import { sendJson } from '../../http/send';
import type { Store } from '../../store/context';
import { readActivityFilter } from '../activities/query';
import { createExport, exportFile, exportView, findExport, finishIfDue } from '../activities/export';

const FILE_ROUTE = '/__sandbox/activities_export';

function fileUrl(req: Request): (id: string) => string {
  return (id) => `${req.protocol}://${req.get('host')}${FILE_ROUTE}/${id}.zip`;
}

export function registerExports(api: ApiRoutes): void {
  const store = api.store;
  api.post('/v1/activities_export', (req) => {
    const filter = readActivityFilter(objectBody(req.body), false);
    return { status: 200, body: exportView(createExport(store, filter), fileUrl(req)) };
  });
  api.get('/v1/activities_export/:id', (req) => {
    const row = findExport(store, param(req, 'id'));
    if (!row) throw notFound('Activities export');
    return { status: 200, body: exportView(finishIfDue(store, row), fileUrl(req)) };
  });
}

/** The download of finished exports (mounted after the admin router, behind its guards). */
export function exportFilesRouter(store: Store): Router {
  const router = express.Router();
  router.get(`${FILE_ROUTE}/:file`, (req, res) => {
    const match = /^(.+)\.zip$/.exec(String(req.params.file));
    const file = match ? exportFile(store, match[1]) : undefined;
    if (!file) {
      const e = notFound('Export file');
      return sendJson(res, e.status, e.body);
    }
    res.status(200).type('application/zip').set('Content-Length', String(file.length)).end(file);
  });
  return router;
}
