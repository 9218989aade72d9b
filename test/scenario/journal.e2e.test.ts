/**
 * The run journal with the real command line in a child process, the real engine and a sandbox over
 * loopback (25 ms latency per request, so 80 updates take a few seconds): kill -9 in the middle of a run, or SIGTERM /
 * Ctrl-C, then read the history and finish the run with a retry. Counted in the sandbox
 * (/__sandbox/stats: committed writes per customer) and in the history.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { closeHistory, getRun, listRuns, loadApp, retryIncomplete, type App } from '../../runtime';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { createCustomers } from '../../bench/scenario/customers';
import { compileCli, spawnCli, type CliProcess, type CompiledCli } from './cli-process';
import { sandboxClient } from './sandbox-client';
import { copyApp, tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const COUNT = 80;

const touchEveryCustomer = {
  name: 'Touch 80 customers',
  flow: [
    {
      id: 1,
      module: 'app#chartmogul-x1y2z3:listCustomers',
      parameters: { __IMTCONN__: 1 },
      mapper: { limit: 200 },
    },
    {
      id: 2,
      module: 'app#chartmogul-x1y2z3:updateCustomer',
      parameters: { __IMTCONN__: 1 },
      mapper: { customer_uuid: '{{1.uuid}}', city: 'Visited' },
    },
  ],
};

let cli: CompiledCli;
let app: App;
let dir: string;
let sb: RunningSandbox;
let customers: string[];
let historyPath: string;
let blueprintFile: string;

beforeAll(async () => {
  cli = compileCli();
  app = await loadApp(ROOT);
}, 120_000);
afterAll(() => cli.dispose());

beforeEach(async () => {
  dir = tempDir();
  copyApp(ROOT, dir);
  historyPath = path.join(dir, '.sandbox', 'history.db');
  blueprintFile = path.join(dir, 'touch.json');
  fs.writeFileSync(blueprintFile, JSON.stringify(touchEveryCustomer));
  sb = await startSandbox({ limits: false, faults: { latency: 25 } });
  customers = await createCustomers(sb, COUNT);
});
afterEach(async () => {
  closeHistory();
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function writesPerCustomer(): Promise<number[]> {
  const stats = await sandboxClient(sb).stats();
  return customers.map((uuid) => stats.writes[`PATCH /v1/customers/${uuid}`] ?? 0);
}

/** Waits until the running CLI has journaled `n` executions of module 2; fails if it exits first. */
async function journaled(n: number, proc: CliProcess): Promise<void> {
  let exited = false;
  void proc.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the CLI exited before journaling ${n} steps: ${proc.stderr()}`);
    if (fs.existsSync(historyPath)) {
      const db = new Database(historyPath, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(`SELECT COUNT(*) AS n FROM run_steps WHERE module_id = '2'`).get() as {
          n: number;
        };
        if (row.n >= n) return;
      } catch {
        // the schema is not there yet
      } finally {
        db.close();
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const runArgs = () => [
  'scenario',
  blueprintFile,
  '--app',
  dir,
  '--base-url',
  sb.url,
  '--api-key',
  sb.apiKey,
  '--json',
];

test('kill -9 mid-run: the history shows it interrupted with what it wrote; a retry finishes it', async () => {
  const proc = spawnCli(cli, runArgs(), dir);
  await journaled(20, proc);
  proc.child.kill('SIGKILL');
  expect(await proc.exited).toBe(137);

  const [run] = await listRuns({ historyPath });
  expect(run.status).toBe('interrupted');
  const shown = await getRun(run.id, { historyPath });
  const updates = shown.modules.find((m) => m.id === '2')!;
  const written = await writesPerCustomer();
  const landed = written.filter((n) => n === 1).length;
  // Everything the history says it wrote is in the sandbox; at most the one in flight is not in the history.
  expect(updates.operations).toBeGreaterThanOrEqual(20);
  expect(landed - updates.operations).toBeGreaterThanOrEqual(0);
  expect(landed - updates.operations).toBeLessThanOrEqual(1);
  expect(written.every((n) => n <= 1)).toBe(true);
  expect(shown.incomplete).toEqual([
    expect.objectContaining({
      error: expect.objectContaining({ type: 'ExecutionInterruptedError' }),
      outcome: 'unknown',
    }),
  ]);

  const [retry] = await retryIncomplete(app, {
    runId: run.id,
    connection: { apiKey: sb.apiKey },
    target: sb.url,
    historyPath,
  });
  expect(retry).toMatchObject({ status: 'success', retryOf: run.id });
  // Each customer updated; only the update in flight at the kill can have been sent twice.
  const after = await writesPerCustomer();
  expect(after.every((n) => n >= 1)).toBe(true);
  expect(after.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
  expect(retry.operations).toBe(COUNT - updates.operations);
  expect((await getRun(run.id, { historyPath })).incomplete[0].status).toBe('resolved');
}, 120_000);

test.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)(
  '%s: the bundle in flight finishes, the run is interrupted (exit %i); `history RUN --retry` finishes it',
  async (signal, code) => {
    const proc = spawnCli(cli, runArgs(), dir);
    await journaled(10, proc);
    proc.child.kill(signal);
    expect(await proc.exited).toBe(code);
    const printed = JSON.parse(proc.stdout()) as {
      id: string;
      status: string;
      incomplete: { outcome: string }[];
    };
    expect(printed).toMatchObject({ status: 'interrupted', incomplete: [{ outcome: 'failed' }] });

    const stored = await getRun(printed.id, { historyPath });
    const done = stored.modules.find((m) => m.id === '2')!.operations;
    // Nothing was in flight: the sandbox and the history agree exactly.
    const written = await writesPerCustomer();
    expect(written.filter((n) => n === 1).length).toBe(done);
    expect(written.every((n) => n <= 1)).toBe(true);
    closeHistory();

    const retry = spawnCli(
      cli,
      ['history', printed.id, '--retry', '--app', dir, '--base-url', sb.url, '--api-key', sb.apiKey],
      dir,
    );
    expect(await retry.exited).toBe(0);
    expect(retry.stdout()).toContain(`success, ${COUNT - done} operation(s), retry of ${printed.id}`);
    expect(await writesPerCustomer()).toEqual(customers.map(() => 1));
  },
  120_000,
);

test('Ctrl-C during `history RUN --retry`: the retry ends interrupted (exit 130) and says how to finish it', async () => {
  const proc = spawnCli(cli, runArgs(), dir);
  await journaled(10, proc);
  proc.child.kill('SIGKILL');
  expect(await proc.exited).toBe(137);
  const [run] = await listRuns({ historyPath });
  closeHistory();

  const historyArgs = ['--app', dir, '--base-url', sb.url, '--api-key', sb.apiKey];
  const retry = spawnCli(cli, ['history', run.id, '--retry', ...historyArgs], dir);
  await journaled(30, retry);
  retry.child.kill('SIGINT');
  expect(await retry.exited).toBe(130);
  const [, retryId] = /Run (\S+), interrupted, .*retry of /.exec(retry.stdout()) ?? [];
  expect(retryId).toBeDefined();
  expect(retry.stdout()).toContain(
    `Interrupted: finish it with \`chartmogul-connector history ${retryId} --retry\`.`,
  );
  // The bundle in flight finished: every update the history holds landed once, the rest not yet.
  const written = await writesPerCustomer();
  expect(written.every((n) => n <= 2)).toBe(true);

  const last = spawnCli(cli, ['history', retryId, '--retry', ...historyArgs], dir);
  expect(await last.exited).toBe(0);
  expect(last.stdout()).toContain(`success`);
  const after = await writesPerCustomer();
  expect(after.every((n) => n >= 1)).toBe(true);
  // Only the update in flight at the kill -9 may have been sent twice.
  expect(after.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
  expect((await listRuns({ historyPath })).reduce((n, r) => n + r.incomplete, 0)).toBe(0);
}, 120_000);

test('kill -9 during the 80-item import: the retry finishes it with every customer and invoice once', async () => {
  const source = await sandboxClient(sb).post<{ uuid: string }>('/v1/data_sources', {
    name: 'Killed import',
  });
  const template = fs.readFileSync(path.join(__dirname, 'fixtures', 'import-with-lost-replies.json'), 'utf8');
  fs.writeFileSync(blueprintFile, template.replaceAll('__DATA_SOURCE__', source.uuid));
  const proc = spawnCli(cli, runArgs(), dir);
  await journaled(25, proc);
  proc.child.kill('SIGKILL');
  expect(await proc.exited).toBe(137);
  const [run] = await listRuns({ historyPath });
  expect(run.status).toBe('interrupted');

  const [retry] = await retryIncomplete(app, {
    runId: run.id,
    connection: { apiKey: sb.apiKey },
    target: sb.url,
    historyPath,
  });
  expect(retry.status).toBe('success');
  const client = sandboxClient(sb);
  const created = (
    await client.get<{ entries: { uuid: string; external_id: string }[] }>(
      `/v1/customers?data_source_uuid=${source.uuid}&per_page=200`,
    )
  ).entries;
  expect(created).toHaveLength(COUNT);
  const stats = await client.stats();
  expect(stats.writes['POST /v1/customers']).toBe(COUNT * 2); // the 80 of beforeEach, then these
  for (const c of created)
    expect([c.external_id, stats.writes[`POST /v1/import/customers/${c.uuid}/invoices`]]).toEqual([
      c.external_id,
      1,
    ]);
  expect((await listRuns({ historyPath })).reduce((n, r) => n + r.incomplete, 0)).toBe(0);
}, 120_000);
