/**
 * The webhook admin routes beside `/__sandbox/stats` (ChartMogul configures destinations in its UI only):
 * `POST /__sandbox/webhooks` `{url}` registers a destination (201), `GET /__sandbox/webhooks` lists them,
 * `DELETE /__sandbox/webhooks/:id` removes one and its deliveries (204), `GET /__sandbox/webhooks/deliveries`
 * lists deliveries (`?status=pending|delivered|failed`). Mounted after the admin router, so the Host/Origin
 * guard and the loopback check apply to them as to every admin route.
 */
import express, { type Router } from 'express';
import { codeError } from '../../http/errors';
import { parseJson } from '../../http/body';
import { sendJson } from '../../http/send';
import type { Store } from '../../store/context';
import {
  addDestination,
  destinationView,
  listDeliveries,
  listDestinations,
  removeDestination,
} from './store';

const STATUSES = ['pending', 'delivered', 'failed'];

export function destinationUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function webhookAdminRouter(store: Store): Router {
  const router = express.Router();
  const fail = (res: express.Response, status: number, message: string, param: string | null = null) => {
    const e = codeError(status, message, param);
    sendJson(res, e.status, e.body);
  };

  router.post('/__sandbox/webhooks', parseJson, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const url = destinationUrl(body.url);
    if (!url) return fail(res, 400, 'Parameter "url" must be an absolute http or https URL', 'url');
    const row = store.db.transaction(() => addDestination(store, url))();
    sendJson(res, 201, destinationView(row));
  });

  router.get('/__sandbox/webhooks', (_req, res) => {
    sendJson(res, 200, { destinations: listDestinations(store).map(destinationView) });
  });

  router.get('/__sandbox/webhooks/deliveries', (req, res) => {
    const status = typeof req.query.status === 'string' ? req.query.status : undefined;
    if (status !== undefined && !STATUSES.includes(status))
      return fail(res, 400, `Parameter "status" must be one of ${STATUSES.join(', ')}`, 'status');
    sendJson(res, 200, { deliveries: listDeliveries(store, status) });
  });

  router.delete('/__sandbox/webhooks/:id', (req, res) => {
    const removed = store.db.transaction(() => removeDestination(store, String(req.params.id)))();
    if (!removed) return sendJson(res, 404, { error: 'Webhook destination not found' });
    sendJson(res, 204, undefined);
  });
  return router;
}
