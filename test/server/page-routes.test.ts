/**
 * The page's saved scenarios over loopback HTTP (GET|PUT|DELETE /api/scenarios/:key, GET
 * /api/scenarios), a stored run's blueprint (GET /api/runs/:id/blueprint) and the app folder's icon
 * (GET /api/app/icon; the icon of an app that has one is checked in the browser): a save outlives the
 * server that took it, a stale revision is refused, keys are plain tokens, and a key the server holds
 * is never stored or returned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  closeHistory,
  compile,
  functionCatalog,
  startSandbox,
  startServer,
  toIsoDate,
} from '../../runtime/index';
import { finishedRun, request, workbenchCaller } from './http';

const APP_DIR = path.resolve(__dirname, '../..');
const KEY = 'scenario-routes-key-9Xq2';

const blueprint = (name: string, limit = 2) => ({
  name,
  flow: [{ id: 1, module: 'app#chartmogul:listCustomers', version: 1, parameters: {}, mapper: { limit } }],
  metadata: { version: 1 },
});

describe('the page routes: saved scenarios, run blueprints, the app icon', () => {
  let tmp: string;
  let server: Awaited<ReturnType<typeof startServer>>;

  const open = () =>
    startServer({
      port: 0,
      appDir: APP_DIR,
      connection: { apiKey: KEY },
      target: 'http://127.0.0.1:9', // nothing runs here
      historyPath: path.join(tmp, 'history.db'),
      sandboxDbPath: path.join(tmp, 'sandbox.db'),
    });
  const call = workbenchCaller(() => server);

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'scenario-routes-'));
    server = await open();
  });
  afterAll(async () => {
    await server.close();
    closeHistory(path.join(tmp, 'history.db'));
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a scenario is saved under its key, read back whole and listed, newest first', async () => {
    expect((await call('GET', '/api/scenarios/first')).status).toBe(404);
    expect((await call('GET', '/api/scenarios')).json()).toEqual([]);
    const put = await call('PUT', '/api/scenarios/first', { blueprint: blueprint('First') });
    expect(put.status).toBe(200);
    expect(put.json()).toEqual(expect.objectContaining({ key: 'first', name: 'First', revision: 1 }));
    await call('PUT', '/api/scenarios/second', { blueprint: blueprint('Second'), origin: { runId: 'wb_1' } });
    const got = (await call('GET', '/api/scenarios/first')).json();
    expect(got.blueprint).toEqual(blueprint('First'));
    const list = (await call('GET', '/api/scenarios')).json();
    expect(list.map((s: { key: string }) => s.key)).toEqual(['second', 'first']);
    expect(list[0].origin).toEqual({ runId: 'wb_1' });
    expect(list[0].blueprint).toBeUndefined(); // the list is summaries
  });

  test('a save based on an older revision is refused with the current one; no revision saves anyway', async () => {
    const a = (await call('PUT', '/api/scenarios/shared', { blueprint: blueprint('Shared', 1) })).json();
    const b = await call('PUT', '/api/scenarios/shared', {
      blueprint: blueprint('Shared', 2),
      revision: a.revision,
    });
    expect(b.json().revision).toBe(a.revision + 1);
    const stale = await call('PUT', '/api/scenarios/shared', {
      blueprint: blueprint('Shared', 3),
      revision: a.revision,
    });
    expect(stale.status).toBe(409);
    expect(stale.json().error).toEqual(
      expect.objectContaining({ type: 'Conflict', revision: a.revision + 1 }),
    );
    expect((await call('GET', '/api/scenarios/shared')).json().blueprint.flow[0].mapper.limit).toBe(2);
  });

  test('it outlives the server: another server on the same history reads it', async () => {
    await call('PUT', '/api/scenarios/durable', { blueprint: blueprint('Durable') });
    await server.close();
    server = await open();
    expect((await call('GET', '/api/scenarios/durable')).json().name).toBe('Durable');
  });

  test('a key the server holds is neither stored nor returned', async () => {
    const leaky = blueprint('Leaky');
    (leaky.flow[0].mapper as Record<string, unknown>).note = `key ${KEY}`;
    await call('PUT', '/api/scenarios/leaky', { blueprint: leaky });
    const { getSavedScenario } = await import('../../runtime/index');
    const stored = await getSavedScenario('leaky', { historyPath: path.join(tmp, 'history.db') });
    expect(JSON.stringify(stored)).not.toContain(KEY);
    expect((await call('GET', '/api/scenarios/leaky')).text).not.toContain(KEY);
  });

  test('bad keys, bodies and methods are refused; DELETE forgets', async () => {
    expect((await call('PUT', '/api/scenarios/a.b', { blueprint: blueprint('x') })).status).toBe(400);
    expect(
      (await call('PUT', `/api/scenarios/${'k'.repeat(65)}`, { blueprint: blueprint('x') })).status,
    ).toBe(400);
    expect((await call('PUT', '/api/scenarios/ok', { blueprint: { name: 'no flow' } })).status).toBe(400);
    expect((await call('PUT', '/api/scenarios/ok', { blueprint: blueprint('x'), extra: 1 })).status).toBe(
      400,
    );
    expect((await call('PUT', '/api/scenarios/ok', { blueprint: blueprint('x'), revision: -1 })).status).toBe(
      400,
    );
    const post = await call('POST', '/api/scenarios/first', {});
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, PUT, DELETE');
    // An empty flow is a scenario in the making: it saves.
    expect((await call('PUT', '/api/scenarios/empty', { blueprint: { name: 'E', flow: [] } })).status).toBe(
      200,
    );
    expect((await call('DELETE', '/api/scenarios/empty')).status).toBe(204);
    expect((await call('DELETE', '/api/scenarios/empty')).status).toBe(404);
    expect((await call('GET', '/api/scenarios/empty')).status).toBe(404);
  });

  test('without the token nothing is read or written', async () => {
    const res = await request(new URL(server.url).origin, '/api/scenarios', {});
    expect(res.status).toBe(401);
  });

  test('this app folder has no icon: 404, so the page draws monograms', async () => {
    expect((await call('GET', '/api/app/icon')).status).toBe(404);
  });

  test("a stored run's blueprint: 404 for an unknown run", async () => {
    expect((await call('GET', '/api/runs/wb_nope/blueprint')).status).toBe(404);
  });
});

describe('the page checks by the runtime rules', () => {
  let tmp: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  const call = workbenchCaller(() => server);

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'page-checks-'));
    server = await startServer({ port: 0, appDir: APP_DIR, historyPath: path.join(tmp, 'h.db') });
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("templates: the runtime's compile error with its position, and the modules a template reads", async () => {
    const templates = [
      '{{upper(1.name}}',
      '{{nosuch(1)}}',
      'Hi {{2.line_items[].uuid}} {{add(1.tags; 3.x)}}',
      'plain',
    ];
    const answer = (await call('POST', '/api/check', { templates })).json();
    expect(answer.templates).toEqual(
      templates.map((t) => {
        try {
          compile(t, { dialect: 'scenario' });
        } catch (err) {
          const e = err as { message: string; position?: object };
          return { error: { message: e.message, ...e.position }, references: [] };
        }
        return expect.anything();
      }),
    );
    expect(answer.templates[0].error).toEqual(expect.objectContaining({ offset: 14, line: 1, column: 15 }));
    expect(answer.templates[2]).toEqual({ references: ['2', '1', '3'] });
    expect(answer.templates[3]).toEqual({ references: [] });
  });

  test("dates: what the runtime's date parameters take", async () => {
    const dates = ['2026-02-30', '1', '2026-02-28', 'now', 'soon', '2024-05-01T10:30:00Z', 1714552200];
    const answer = (await call('POST', '/api/check', { dates })).json();
    expect(answer.dates).toEqual(dates.map((d) => toIsoDate(d) !== undefined));
    expect(answer.dates.slice(0, 3)).toEqual([false, true, true]);
  });

  test("a parameter's validate.pattern: the runtime's bounded matcher answers, never the browser's RegExp", async () => {
    const patterns = [
      { pattern: '^[A-Za-z]{2}$', value: 'US' },
      { pattern: '^[A-Za-z]{2}$', value: 'USA' },
      // Exponential on a backtracking engine (issue 16): linear on the runtime's matcher.
      { pattern: '^(a+)+$', value: `${'a'.repeat(5000)}!` },
      { pattern: '^(?<two>..)$', value: 'ab' },
      // A backreference stays exponential: it stops at the budget, which the answer names.
      { pattern: '^(a*)*\\1$b', value: 'a'.repeat(5000) },
      { pattern: '(', value: 'x' },
    ];
    const answer = (await call('POST', '/api/check', { patterns })).json();
    expect(answer.patterns.slice(0, 4)).toEqual([
      { matches: true },
      { matches: false },
      { matches: false },
      { matches: true },
    ]);
    expect(answer.patterns[4]).toEqual({ matches: false, error: expect.stringMatching(/regex step budget/) });
    expect(answer.patterns[5]).toEqual({
      matches: false,
      error: expect.stringMatching(/Invalid regular expression/),
    });
    // One budget serves a whole check: three hostile patterns cost one budget, and what follows them in
    // the same request is answered with the budget's error, not run.
    const hostile = patterns[4];
    const shared = (
      await call('POST', '/api/check', { patterns: [hostile, hostile, hostile, patterns[0]] })
    ).json();
    expect(shared.patterns).toEqual(
      Array(4).fill({ matches: false, error: expect.stringMatching(/regex step budget/) }),
    );
    expect((await call('POST', '/api/check', { patterns: [{ pattern: 1, value: 'x' }] })).status).toBe(400);
    expect((await call('POST', '/api/check', { patterns: ['^a$'] })).status).toBe(400);
  });

  test('the functions by category, as the runtime has them; bad bodies refused', async () => {
    const catalog = (await call('GET', '/api/iml/functions')).json();
    expect(catalog).toEqual(functionCatalog());
    expect(catalog.map((c: { category: string }) => c.category)).toContain('Text and binary');
    expect((await call('POST', '/api/check', { templates: [1] })).status).toBe(400);
    expect((await call('POST', '/api/check', { dates: 'x' })).status).toBe(400);
    expect((await call('POST', '/api/check', { other: [] })).status).toBe(400);
  });
});

describe("a run's incomplete executions and their retry", () => {
  const KEY = 'incomplete-routes-key-4Rk';
  let tmp: string;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  const call = workbenchCaller(() => server);
  const BREAKING = {
    name: 'Break twice',
    flow: [
      { id: 1, module: 'app#chartmogul:listCustomers', version: 1, parameters: {}, mapper: { limit: 2 } },
      {
        id: 2,
        module: 'app#chartmogul:getCustomer',
        version: 1,
        parameters: {},
        mapper: { customer_uuid: '{{1.uuid}}x' },
        onerror: [{ id: 3, module: 'builtin:Break', version: 1, mapper: { retry: false } }],
      },
    ],
  };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'incomplete-routes-'));
    sandbox = await startSandbox({ port: 0, seed: 'demo', apiKeys: [KEY], limits: false });
    server = await startServer({
      port: 0,
      appDir: APP_DIR,
      connection: { apiKey: KEY },
      target: sandbox.url,
      historyPath: path.join(tmp, 'history.db'),
    });
  });
  afterAll(async () => {
    await server.close();
    await sandbox.close();
    closeHistory(path.join(tmp, 'history.db'));
    rmSync(tmp, { recursive: true, force: true });
  });

  test('listed with their errors (not their bundles); retried in a run linked to the original; the blueprint of a run', async () => {
    const { runId } = (await call('POST', '/api/scenarios/run', { blueprint: BREAKING })).json();
    expect((await finishedRun(call, runId)).status).toBe('warning');
    expect((await call('GET', `/api/runs/${runId}/blueprint`)).json()).toEqual(BREAKING);

    const listed = (await call('GET', `/api/runs/${runId}/incomplete`)).json();
    expect(listed.runId).toBe(runId);
    expect(listed.incomplete).toHaveLength(2);
    for (const execution of listed.incomplete) {
      expect(execution).toEqual(expect.objectContaining({ moduleId: '2', status: 'pending' }));
      expect(execution.error.type).toMatch(/Error$/);
      expect(execution.bundle).toBeUndefined();
    }
    expect(listed.retries).toEqual([]);

    const retried = (await call('POST', `/api/runs/${runId}/retry`, {})).json();
    expect(retried.runs).toEqual([expect.objectContaining({ retryOf: runId })]);
    const retry = retried.runs[0];
    const after = (await call('GET', `/api/runs/${runId}/incomplete`)).json();
    expect(after.incomplete.filter((e: { status: string }) => e.status === 'pending')).toEqual([]);
    expect(after.retries.map((r: { id: string }) => r.id)).toEqual([retry.id]);
    // The same cause fails again: the retry run stores its own.
    expect((await call('GET', `/api/runs/${retry.id}/incomplete`)).json().incomplete).toHaveLength(2);
  });

  test('an unknown run is a 404; a retry takes no body fields', async () => {
    expect((await call('GET', '/api/runs/wb_nope/incomplete')).status).toBe(404);
    expect((await call('POST', '/api/runs/wb_nope/retry', {})).status).toBe(404);
    expect((await call('POST', '/api/runs/wb_nope/retry', { all: true })).status).toBe(400);
  });
});
