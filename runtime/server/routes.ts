/**
 * The workbench HTTP API (DESIGN.md "Workbench HTTP API"), over the public API only.
 * Every reply goes through `send`, which scrubs any key the server holds.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { App } from '../index';
import * as body from './body';
import type { ConnectionChoice, ConnectionState } from './connection-state';
import { scenarioKey } from './hook-routes';
import { describeError, HttpError } from './http-errors';
import type { LiveRun, LiveRuns } from './live-runs';
import { need, type ScenarioEvent } from './public-api';
import { scrubSecrets, sendScrubbed } from './scrub';

export interface RouteContext {
  /** The loaded app; `fresh` reloads the definitions from disk (the page does on every load). */
  app(fresh?: boolean): Promise<App>;
  connection: ConnectionState;
  runs: LiveRuns;
  /** The app folder: runs are stored in its `.sandbox/history.db` unless `historyPath` says otherwise. */
  appDir: string;
  /** Where the history lives, when not the app folder's default. */
  historyPath?: string;
}

const HEARTBEAT_MS = 15000;

export function apiRoutes(ctx: RouteContext): Router {
  const router = Router();
  // runScenario stores runs beside the app it runs; reading them must look in the same place, not in
  // the folder the server happened to be started from.
  const history = ctx.historyPath ? { historyPath: ctx.historyPath } : {};
  const historyQuery = ctx.historyPath ? { historyPath: ctx.historyPath } : { appDir: ctx.appDir };
  const send = (res: Response, status: number, value: unknown): void =>
    sendScrubbed(res, status, value, ctx.connection.secretValues());

  router.get('/app', async (_req, res) => {
    const app = await ctx.app(true);
    const form = need('appConnection')(app);
    send(res, 200, {
      name: app.name,
      modules: app.modules,
      rpcs: app.rpcs,
      groups: app.groups,
      connection: ctx.connection.describe(),
      // What the page's connection form is generated from (any app's connection; issue 20).
      // `sandbox`: whether the form offers the embedded sandbox; `saved`: whether a connection with
      // values is in use (an empty form then keeps it). Never the values themselves.
      connectionForm: form
        ? {
            id: form.id,
            label: form.label,
            type: form.connectionType,
            params: form.params,
            sandbox: ctx.connection.offersSandbox(),
            saved: ctx.connection.hasValues(),
          }
        : null,
    });
  });

  router.post('/rpcs/:id', async (req, res) => {
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['parameters']);
    const id = body.pathId(req.params.id, 'RPC');
    const parameters = body.optionalObject(input, 'parameters');
    const app = await ctx.app();
    if (!app.rpcs.some((r) => r.id === id)) throw new HttpError(404, 'NotFound', `No RPC "${id}"`);
    const options = await runOptions(ctx, parameters);
    send(res, 200, await need('runRpc')(app, id, options));
  });

  router.post('/modules/:id/run', async (req, res) => {
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['parameters', 'dryRun']);
    const id = body.pathId(req.params.id, 'module');
    const parameters = body.optionalObject(input, 'parameters');
    const dryRun = body.optionalBoolean(input, 'dryRun');
    const app = await ctx.app();
    if (!app.modules.some((m) => m.id === id)) throw new HttpError(404, 'NotFound', `No module "${id}"`);
    const options = await runOptions(ctx, parameters);
    send(res, 200, await need('runModule')(app, id, dryRun ? { ...options, dryRun } : options));
  });

  router.post('/scenarios/run', async (req, res) => {
    const input = body.bodyObject(req.body);
    body.onlyKeys(input, ['blueprint', 'key']);
    const blueprint = body.blueprintOf(input);
    // The page's scenario key: a trigger polls from the state kept under it, and keeps its new one there.
    const key = input.key === undefined ? undefined : scenarioKey(input.key);
    const runScenario = need('runScenario');
    const app = await ctx.app();
    const target = await ctx.connection.resolve();
    const runId = newRunId();
    const live = ctx.runs.create(runId);
    const onEvent = (event: ScenarioEvent): void => {
      const { type, ...data } = event;
      live.push(type, data);
    };
    let failedEarly: unknown;
    const keyed = key === undefined ? {} : { scenarioKey: key };
    runScenario(app, blueprint, { ...target, runId, onEvent, ...history, ...keyed }).then(
      (run) => live.push('run:end', { run }), // ignored when the runner already sent run:end
      (err: unknown) => {
        failedEarly ??= err;
        live.push('run:error', { error: describeError(err) });
      },
    );
    // The runner checks the blueprint before its first await, so an invalid one has failed by the
    // next turn of the event loop (no request can have completed by then): answer it as a 400.
    await new Promise((resolve) => setImmediate(resolve));
    if ((failedEarly as Error | undefined)?.name === 'BlueprintError') {
      const { type, message, ...details } = describeError(failedEarly);
      throw new HttpError(400, type, message, details);
    }
    send(res, 202, { runId });
  });

  router.get('/runs', async (req, res) => {
    const limit = parseLimit(req.query.limit);
    const stored = await need('listRuns')({ limit, ...historyQuery });
    const storedIds = new Set(stored.map((r) => (r as { id?: unknown }).id));
    const running = ctx.runs
      .running()
      .filter((r) => !storedIds.has(r.id))
      .map((r) => ({ id: r.id, status: 'running', startedAt: r.startedAt }));
    send(res, 200, [...running, ...stored].slice(0, limit));
  });

  router.get('/runs/:id', async (req, res) => {
    const id = body.pathId(req.params.id, 'run');
    const live = ctx.runs.get(id);
    if (live && !live.finished) return send(res, 200, live.progress());
    send(res, 200, await storedRun(id));
  });

  router.get('/runs/:id/events', async (req, res) => {
    const id = body.pathId(req.params.id, 'run');
    const live = ctx.runs.get(id);
    const finishedRun = live ? undefined : await storedRun(id);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const write = (seq: number, type: string, data: unknown): void => {
      const json = scrubSecrets(JSON.stringify(data), ctx.connection.secretValues());
      res.write(`id: ${seq}\nevent: ${type}\ndata: ${json}\n\n`);
    };
    if (!live) {
      // A run from the history (another process, or forgotten): all there is left to say is its end.
      write(0, 'run:end', { run: finishedRun });
      res.end();
      return;
    }
    follow(live, req, res, write);
  });

  router.post('/connection/test', async (req, res) => {
    // No body: the saved connection. A body (as PUT takes it): that connection, tried without saving.
    const input = body.bodyObject(req.body ?? {});
    const trial = Object.keys(input).length > 0 ? ctx.connection.trial(connectionChoice(input)) : undefined;
    // Described before anything is awaited: the connection may change while the check runs, and the
    // answer is about the one tested, not the one saved since.
    const tested = trial?.described ?? ctx.connection.describe();
    const target = await (trial ? trial.resolve() : ctx.connection.resolve());
    const app = await ctx.app();
    try {
      const result = await need('verifyConnection')(app, target);
      send(res, 200, { ok: true, label: result?.label, ...tested });
    } catch (err) {
      if (err && typeof err === 'object' && (err as Error).name === 'NotAvailableError') throw err;
      // A refused key is an answer, not a failed request.
      send(res, 200, { ok: false, error: describeError(err), ...tested });
    }
  });

  router.put('/connection', (req, res) => {
    const choice = connectionChoice(body.bodyObject(req.body));
    if ('sandbox' in choice) ctx.connection.useSandbox();
    else ctx.connection.setKey(choice);
    res.status(204).end(); // write-only: nothing about the key comes back
  });

  router.use((req: Request, res: Response) => {
    const allowed = methodsAt(router, req.path);
    if (allowed.length === 0) throw new HttpError(404, 'NotFound', 'No such workbench API route');
    res.set('Allow', allowed.join(', '));
    throw new HttpError(
      405,
      'MethodNotAllowed',
      `${req.method} is not allowed here; use ${allowed.join(' or ')}`,
    );
  });
  return router;

  async function storedRun(id: string): Promise<unknown> {
    try {
      return await need('getRun')(id, historyQuery);
    } catch (err) {
      if ((err as Error)?.name === 'NotAvailableError') throw err;
      throw new HttpError(404, 'NotFound', `No run "${id}"`, { cause: describeError(err).message });
    }
  }
}

/** Streams a live run's events as server-sent events until it ends or the client goes away. */
function follow(
  live: LiveRun,
  req: Request,
  res: Response,
  write: (seq: number, type: string, data: unknown) => void,
): void {
  const lastId = Number(req.headers['last-event-id']);
  let unsubscribe: () => void = () => undefined;
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  unsubscribe = live.subscribe(
    (event) => {
      write(event.seq, event.type, event.data);
      if (event.type === 'run:end' || event.type === 'run:error') {
        stop();
        res.end();
      }
    },
    Number.isInteger(lastId) ? lastId : -1,
  );
  if (live.finished) stop();
  req.on('close', stop);
}

async function runOptions(ctx: RouteContext, parameters: Record<string, unknown> | undefined) {
  const target = await ctx.connection.resolve();
  return parameters ? { ...target, parameters } : { ...target };
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new HttpError(400, 'BadRequest', '"limit" must be an integer from 1 to 1000');
  return n;
}

function newRunId(): string {
  return `wb_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

/**
 * `{ sandbox: true }` alone, `{ apiKey, secretKey? }`, or `{ parameters: { <name>: value } }` (any
 * app's connection, by parameter name): the forms a connection is given in.
 */
function connectionChoice(input: Record<string, unknown>): ConnectionChoice {
  if ('sandbox' in input) {
    if (input.sandbox !== true || Object.keys(input).length !== 1)
      throw new HttpError(400, 'BadRequest', 'Send { "sandbox": true } alone, or { "apiKey", "secretKey"? }');
    return { sandbox: true };
  }
  if ('parameters' in input) {
    body.onlyKeys(input, ['parameters']);
    return connectionParameters(body.optionalObject(input, 'parameters') ?? {});
  }
  body.onlyKeys(input, ['apiKey', 'secretKey']);
  const apiKey = body.requiredString(input, 'apiKey', 256);
  const secretKey = input.secretKey === undefined ? undefined : body.requiredString(input, 'secretKey', 256);
  return secretKey ? { apiKey, secretKey } : { apiKey };
}

/** The methods the router's routes answer at this path (for 405 and its Allow header). */
function methodsAt(router: Router, path: string): string[] {
  const layers = (router as unknown as { stack: RouteLayer[] }).stack;
  const methods = layers.flatMap((l) => (l.route && l.match(path) ? Object.keys(l.route.methods) : []));
  return [...new Set(methods.map((m) => m.toUpperCase()))];
}

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** A connection's values by name: text, numbers and booleans only, each at most 4096 characters. */
function connectionParameters(values: Record<string, unknown>): ConnectionChoice {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const ok = ['string', 'number', 'boolean'].includes(typeof value) && String(value).length <= 4096;
    if (!ok || name === 'data' || name === 'sandbox')
      throw new HttpError(400, 'BadRequest', `"parameters.${name}" must be text, a number or a boolean`);
    out[name] = value;
  }
  return out;
}
