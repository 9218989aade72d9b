/**
 * Fault injection (DESIGN.md): a fixed latency, then one draw that may answer 500/502/503/504/429 or reset the
 * connection before the request is applied; after a committed write, a second draw may reset the connection
 * so the client cannot tell the write landed. Seeded draws make a run reproducible.
 */
import type { RequestHandler } from 'express';
import type { FaultOptions } from '../options';
import { seededRandom, type Random } from '../lib/random';
import { codeError, rateLimited } from './errors';
import { sendJson } from './send';

const STATUS_FAULTS = ['500', '502', '503', '504', '429'] as const;

const REASONS: Record<string, string> = {
  '500': 'Internal Server Error',
  '502': 'Bad Gateway',
  '503': 'Service Unavailable',
  '504': 'Gateway Timeout',
};

export interface Faults {
  /** Route middleware applying latency, status faults and drops before the request. */
  before: RequestHandler;
  /** Draws whether to reset the connection after this committed write. */
  dropAfterCommit(): boolean;
}

export function createFaults(options: FaultOptions = {}): Faults {
  const random: Random = options.seed !== undefined ? seededRandom(options.seed) : Math.random;
  const latency = options.latency ?? 0;
  const anyBefore = STATUS_FAULTS.some((k) => (options[k] ?? 0) > 0) || (options.drop ?? 0) > 0;
  const before: RequestHandler = (req, res, next) => {
    const apply = (): void => {
      if (!anyBefore) return next();
      let u = random();
      for (const kind of STATUS_FAULTS) {
        const p = options[kind] ?? 0;
        if (u < p) {
          const e =
            kind === '429' ? rateLimited({ 'Retry-After': '1' }) : codeError(Number(kind), REASONS[kind]);
          return sendJson(res, e.status, e.body, e.headers);
        }
        u -= p;
      }
      if (u < (options.drop ?? 0)) {
        req.socket.destroy();
        return;
      }
      next();
    };
    if (latency > 0) setTimeout(apply, latency);
    else apply();
  };
  const dropAfter = options.drop_after ?? 0;
  return { before, dropAfterCommit: () => dropAfter > 0 && random() < dropAfter };
}
