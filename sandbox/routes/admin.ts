/** Admin routes outside /v1: no key needed, loopback clients only. */
import express, { type Router } from 'express';
import { codeError } from '../http/errors';
import { sendJson } from '../http/send';
import type { Stats } from '../http/stats';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function adminRouter(stats: Stats, reset: () => void): Router {
  const router = express.Router();
  router.use('/__sandbox', (req, res, next) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    const e = codeError(403, 'Admin routes are only available from loopback addresses');
    sendJson(res, e.status, e.body);
  });
  router.get('/__sandbox/stats', (_req, res) => sendJson(res, 200, stats.toJSON()));
  router.post('/__sandbox/reset', (_req, res) => {
    reset();
    sendJson(res, 200, { reset: true });
  });
  return router;
}
