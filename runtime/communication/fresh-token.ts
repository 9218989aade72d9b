/**
 * The run API as callers use it: runModule, runRpc and verifyConnection of run.ts, each with the
 * OAuth connection's token kept fresh (oauth.ts: refreshed when expired, or once after the service
 * refuses it). An app without an OAuth refresh runs exactly as run.ts does.
 */
import type { App } from '../types/app';
import { oauthConnection, oauthInfo, withFreshToken } from './oauth';
import * as Run from './run';

export function runModule(app: App, moduleId: string, opts: Run.RunOptions = {}): Promise<Run.ModuleResult> {
  return withFreshToken(app, opts, () => Run.runModule(app, moduleId, opts));
}

export function runRpc(app: App, rpcId: string, opts: Run.RunOptions = {}): Promise<unknown> {
  return withFreshToken(app, opts, () => Run.runRpc(app, rpcId, opts));
}

/** An OAuth connection is verified by its `info` request with the saved tokens (ok without one). */
export function verifyConnection(
  app: App,
  opts: Parameters<typeof Run.verifyConnection>[1],
): Promise<Run.ConnectionCheck> {
  if (!oauthConnection(app)) return Run.verifyConnection(app, opts);
  return withFreshToken(app, opts, async () => {
    const label = await oauthInfo(app, opts);
    return label === undefined ? { ok: true } : { ok: true, label };
  });
}
