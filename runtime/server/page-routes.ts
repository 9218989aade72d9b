/**
 * The routes the page's editor needs (DESIGN "Round 2 additions", and docs/decisions.md "Contract"):
 * the saved scenario under its key (the page's autosave), the list of saved scenarios, a stored run's
 * whole blueprint (a History run opens as the scenario it ran), its incomplete executions and their
 * retry, the app folder's icon, the charting library, the IML
 * function list and the checks of what is typed (templates, dates) by the runtime's rules. Registered
 * before the routes of routes.ts, whose last handler answers every path it does not know.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import * as body from './body';
import { HttpError } from './http-errors';
import { need } from './public-api';
import type { RouteContext } from './routes';
import { scrubSecrets, sendScrubbed } from './scrub';

/** Where Make's app archive keeps the app's icon (make-format.md §1.2), and its SVG form. */
const ICON_FILES = ['assets/icon.png', 'assets/icon.svg'];

/** Scenario keys: what the page makes (a random id), nothing that could name a file or a path; not `run`. */
const KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function pageRoutes(ctx: RouteContext): Router {
  const router = Router();
  const history = ctx.historyPath ? { historyPath: ctx.historyPath } : { appDir: ctx.appDir };
  const send = (res: Response, status: number, value: unknown): void =>
    sendScrubbed(res, status, value, ctx.connection.secretValues());

  router.get('/scenarios', async (_req, res) => {
    send(res, 200, await need('listSavedScenarios')({ ...history }));
  });

  router
    .route('/scenarios/:key')
    .get(async (req, res) => {
      const key = scenarioKey(req);
      const saved = await need('getSavedScenario')(key, history);
      if (!saved) throw new HttpError(404, 'NotFound', `No saved scenario "${key}"`);
      send(res, 200, saved);
    })
    .put(async (req, res) => {
      const key = scenarioKey(req);
      const input = body.bodyObject(req.body);
      body.onlyKeys(input, ['blueprint', 'revision', 'origin']);
      const blueprint = input.blueprint;
      if (!body.isRecord(blueprint) || !Array.isArray(blueprint.flow))
        throw new HttpError(
          400,
          'BadRequest',
          '"blueprint" must be a Make blueprint object with a "flow" array',
        );
      const revision = input.revision;
      if (revision !== undefined && !(Number.isInteger(revision) && (revision as number) >= 0))
        throw new HttpError(400, 'BadRequest', '"revision" must be a whole number');
      const origin = body.optionalObject(input, 'origin');
      // Stored as the page would read it back: a key typed into a field is not kept in the history.
      const stored = JSON.parse(scrubSecrets(JSON.stringify(blueprint), ctx.connection.secretValues()));
      try {
        const saved = await need('saveScenario')(
          key,
          { blueprint: stored, revision: revision as number | undefined, origin },
          history,
        );
        send(res, 200, saved);
      } catch (err) {
        if ((err as Error)?.name !== 'ScenarioConflictError') throw err;
        throw new HttpError(409, 'Conflict', (err as Error).message, {
          revision: (err as { current?: number }).current,
        });
      }
    })
    .delete(async (req, res) => {
      const key = scenarioKey(req);
      if (!(await need('deleteSavedScenario')(key, history)))
        throw new HttpError(404, 'NotFound', `No saved scenario "${key}"`);
      res.status(204).end();
    })
    // POST /scenarios/run is routes.ts's (running a blueprint): "run" is never a scenario key.
    .all((req, res, next) =>
      req.params.key === 'run' ? next() : methodNotAllowed('GET, PUT, DELETE')(req, res),
    );

  router.get('/runs/:id/blueprint', async (req, res) => {
    const id = body.pathId(req.params.id, 'run');
    let blueprint: unknown;
    try {
      blueprint = await need('getRunBlueprint')(id, history);
    } catch (err) {
      if ((err as Error)?.name === 'NotAvailableError') throw err;
      throw new HttpError(404, 'NotFound', `No run "${id}"`);
    }
    if (!blueprint) throw new HttpError(404, 'NotFound', `Run "${id}" has no stored blueprint`);
    send(res, 200, blueprint);
  });

  // A run's incomplete executions (without the bundles they resume from), and the runs that retried them.
  router.get('/runs/:id/incomplete', async (req, res) => {
    const run = await storedRun(body.pathId(req.params.id, 'run'));
    const runs = await need('listRuns')({ limit: 1000, ...history });
    send(res, 200, {
      runId: run.id,
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the bundle stays on the server
      incomplete: run.incomplete.map(({ bundle, ...execution }) => execution),
      retries: runs.filter((r) => r.retryOf === run.id).map(summaryOfRun),
    });
  });

  // Retries the run's incomplete executions that are due (runtime rules: a named run's manual ones
  // and those whose automatic retry has come), in one new run linked to it (`retryOf`).
  router.post('/runs/:id/retry', async (req, res) => {
    body.onlyKeys(body.bodyObject(req.body ?? {}), []);
    const run = await storedRun(body.pathId(req.params.id, 'run'));
    const app = await ctx.app();
    const target = await ctx.connection.resolve();
    const runs = await need('retryIncomplete')(app, {
      runId: run.id,
      ...target,
      ...(ctx.historyPath ? { historyPath: ctx.historyPath } : {}),
    });
    send(res, 200, { runs: runs.map(summaryOfRun) });
  });

  router.get('/iml/functions', (_req, res) => {
    send(res, 200, need('functionCatalog')());
  });

  // The page's checks of what is typed, by the runtime's own rules: templates (does it compile, which
  // modules it reads) and dates (does a date field take it).
  router.post('/check', (req, res) => {
    const input = body.bodyObject(req.body);
    body.onlyKeys(input, ['templates', 'dates', 'patterns']);
    const templates = listOf(input, 'templates');
    const dates = listOf(input, 'dates');
    const patterns = listOf(input, 'patterns');
    if (templates.some((t) => typeof t !== 'string'))
      throw new HttpError(400, 'BadRequest', '"templates" must be a list of strings');
    if (!patterns.every(isPatternAsk))
      throw new HttpError(400, 'BadRequest', '"patterns" must be a list of { pattern, value } strings');
    const checkTemplate = need('checkTemplate');
    const toIsoDate = need('toIsoDate');
    const checkPatterns = need('checkPatterns');
    send(res, 200, {
      templates: templates.map((t) => checkTemplate(t as string, 'scenario')),
      dates: dates.map((d) => toIsoDate(d) !== undefined),
      // Parameters' validate.pattern on the runtime's bounded matcher (a page's RegExp could hang), one
      // regex budget for the whole list.
      patterns: checkPatterns(patterns),
    });
  });

  // The charting library the inspector draws series with, from its npm package (one file, no bundler).
  router.get('/vendor/chart.js', (_req, res) => {
    res.type('application/javascript').send(readFileSync(chartLibraryFile()));
  });

  router.get('/app/icon', async (_req, res) => {
    const app = await ctx.app();
    const file = ICON_FILES.map((name) => path.join(app.dir, name)).find((f) => existsSync(f));
    if (!file) throw new HttpError(404, 'NotFound', 'The app folder has no icon');
    // An SVG is a document too: opened on its own it may run nothing.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.type(path.extname(file)).send(readFileSync(file));
  });

  return router;

  async function storedRun(id: string) {
    try {
      return await need('getRun')(id, history);
    } catch (err) {
      if ((err as Error)?.name === 'NotAvailableError') throw err;
      throw new HttpError(404, 'NotFound', `No run "${id}"`);
    }
  }
}

const summaryOfRun = (r: {
  id: string;
  status: string;
  operations: number;
  startedAt: string;
  retryOf?: string;
}) => ({
  id: r.id,
  status: r.status,
  operations: r.operations,
  startedAt: r.startedAt,
  retryOf: r.retryOf,
});

let chartFile: string | undefined;

/** Chart.js's browser build: the package exports only its modules, so it is found beside them. */
function chartLibraryFile(): string {
  chartFile ??= path.resolve(
    path.dirname(require.resolve('chart.js/auto')),
    '..',
    'dist',
    'chart.umd.min.js',
  );
  return chartFile;
}

/** How many values one check may carry: a page asks for what changed, a few at a time. */
const MAX_CHECKS = 500;

const isPatternAsk = (p: unknown): p is { pattern: string; value: string } =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as { pattern?: unknown }).pattern === 'string' &&
  typeof (p as { value?: unknown }).value === 'string';

function listOf(input: Record<string, unknown>, key: string): unknown[] {
  const value = input[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_CHECKS)
    throw new HttpError(400, 'BadRequest', `"${key}" must be a list of at most ${MAX_CHECKS} values`);
  return value;
}

function scenarioKey(req: Request): string {
  const key = req.params.key;
  if (typeof key !== 'string' || !KEY.test(key) || key === 'run')
    throw new HttpError(400, 'BadRequest', 'A scenario key is 1 to 64 letters, digits, - or _');
  return key;
}

function methodNotAllowed(allowed: string) {
  return (req: Request, res: Response): void => {
    res.set('Allow', allowed);
    throw new HttpError(405, 'MethodNotAllowed', `${req.method} is not allowed here; use ${allowed}`);
  };
}
