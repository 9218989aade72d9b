/**
 * Webhooks on the workbench (DESIGN "Webhooks", "Workbench routes"): `/hooks/:hookId` receives
 * deliveries (no token: the unguessable id is the credential; its own Host rule, so a tunnel's host
 * reaches it and nothing else), and the token-guarded `GET|POST|DELETE /api/hooks` list, create
 * (attach) and delete (detach) hooks. Queued deliveries run through a dispatcher that finds each
 * scenario key's blueprint: the page's saved scenario, or the blueprint file a CLI key names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import * as api from '../index';
import type { App, DispatchTarget } from '../index';
import * as body from './body';
import type { ConnectionState } from './connection-state';
import { HttpError } from './http-errors';
import { scrubSecrets } from './scrub';

export interface HookRouteContext {
  app(): Promise<App>;
  connection: ConnectionState;
  /** The history file hooks, deliveries and runs live in. */
  historyPath: string;
  /** The origin hook URLs are shown with (the server's own, or a tunnel's). */
  publicUrl(): string;
}

/** Runs queued deliveries for the workbench; start() drains what was queued before it started. */
export function hookDispatcher(ctx: HookRouteContext): InstanceType<typeof api.DeliveryDispatcher> {
  return new api.DeliveryDispatcher({
    historyPath: ctx.historyPath,
    resolve: (key) => resolveScenario(ctx, key),
    onError: (err) =>
      process.stderr.write(
        `workbench: a delivered item could not run: ${scrubSecrets(String((err as Error)?.message ?? err), ctx.connection.secretValues())}\n`,
      ),
  });
}

/** The blueprint a scenario key names: a saved scenario of the page, else a blueprint file's path. */
export async function resolveScenario(
  ctx: HookRouteContext,
  key: string,
): Promise<DispatchTarget | undefined> {
  let blueprint: unknown = (await api.getSavedScenario(key, { historyPath: ctx.historyPath }))?.blueprint;
  if (blueprint === undefined && path.isAbsolute(key) && fs.existsSync(key))
    blueprint = JSON.parse(fs.readFileSync(key, 'utf8')) as unknown;
  if (blueprint === undefined) return undefined;
  const target = await ctx.connection.resolve();
  const app = await ctx.app();
  const options = { ...target, historyPath: ctx.historyPath, scenarioKey: key };
  // A delivery's worker first finishes what a crash left of this scenario's runs.
  return { app, blueprint, options, retryDue: () => api.retryIncomplete(app, options) };
}

/** `/hooks/:hookId`, mounted before the workbench's Host/Origin guard, with a Host rule of its own. */
export function hookReceiverRoute(
  ctx: HookRouteContext,
  sink: InstanceType<typeof api.DeliveryDispatcher>,
  allowedHosts: () => Set<string>,
) {
  const receive = api.createHookReceiver({ app: () => ctx.app(), historyPath: ctx.historyPath, sink });
  return (req: Request, res: Response, next: NextFunction): void => {
    const m = /^\/([^/]+)\/?$/.exec(req.path);
    if (!m) return next();
    const host = String(req.headers.host ?? '').toLowerCase();
    const hosts = new Set([...allowedHosts(), new URL(ctx.publicUrl()).host.toLowerCase()]);
    if (!hosts.has(host))
      return next(new HttpError(403, 'ForeignHost', 'Requests must address this workbench by its own host'));
    void receive(req, res, m[1]);
  };
}

/** A JSON reply, scrubbed of every key the server holds (as routes.ts's `send`). */
export function jsonReply(ctx: Pick<HookRouteContext, 'connection'>) {
  return (res: Response, status: number, value: unknown): void => {
    res
      .status(status)
      .type('application/json')
      .send(scrubSecrets(JSON.stringify(value), ctx.connection.secretValues()));
  };
}

/** `GET|POST|DELETE /api/hooks`: the one place hook ids and URLs are shown in full. */
export function hookRoutes(ctx: HookRouteContext): Router {
  const router = Router();
  const send = jsonReply(ctx);

  router.get('/hooks', (_req, res) => {
    send(res, 200, api.listHooks({ historyPath: ctx.historyPath }));
  });

  router.post('/hooks', async (req, res) => {
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['key', 'blueprint', 'parameters']);
    const key = scenarioKey(input.key);
    const given = body.optionalObject(input, 'blueprint');
    const target = given === undefined ? await resolveScenario(ctx, key) : undefined;
    const blueprint = given ?? target?.blueprint;
    if (blueprint === undefined)
      throw new HttpError(404, 'NotFound', 'No saved scenario under this key; send its blueprint');
    const parameters = body.optionalObject(input, 'parameters');
    const hook = await api.createHook(await ctx.app(), blueprint, {
      ...(await ctx.connection.resolve()),
      historyPath: ctx.historyPath,
      scenarioKey: key,
      publicUrl: ctx.publicUrl(),
      ...(parameters ? { parameters } : {}),
      ...(await registrar(ctx)),
    });
    send(res, 201, hook);
  });

  router.delete('/hooks/:id', async (req, res) => {
    const id = body.pathId(req.params.id, 'hook');
    if (!api.listHooks({ historyPath: ctx.historyPath }).some((h) => h.id === id))
      throw new HttpError(404, 'NotFound', 'No such hook');
    send(
      res,
      200,
      await api.deleteHook(await ctx.app(), id, {
        ...(await ctx.connection.resolve()),
        historyPath: ctx.historyPath,
        ...(await registrar(ctx)),
      }),
    );
  });
  return router;
}

/** With the embedded sandbox as the connection, hooks without attach are registered with it. */
async function registrar(ctx: HookRouteContext): Promise<{ registrar?: api.HookRegistrar }> {
  const registrar = await ctx.connection.hookRegistrar();
  return registrar ? { registrar } : {};
}

/** A scenario key as the routes take it: the page's ids, or a CLI's file path (any non-empty text). */
export function scenarioKey(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 1024)
    throw new HttpError(
      400,
      'BadRequest',
      '"key" must be the scenario key (non-empty text, at most 1024 characters)',
    );
  return value;
}
