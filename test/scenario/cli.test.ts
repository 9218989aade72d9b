/**
 * `scenario` and `history` on the command line, in-process with in-memory streams, against a real
 * sandbox over loopback (or the embedded one), with the app copied into a temp folder so the run
 * history lands in that folder's `.sandbox/history.db`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { closeHistory, openHistory } from '../../runtime/scenario/history/store';
import { main } from '../../runtime/cli/main';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { MemoryStream, runCli, testIo } from '../cli/run-cli';
import { copyApp, tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const TAG_EXAMPLE = path.join(ROOT, 'examples', 'scenarios', 'tag-past-due-customers.json');

let appDir: string;
let sb: RunningSandbox;
let api: string[];

beforeAll(async () => {
  appDir = tempDir();
  copyApp(ROOT, appDir);
  sb = await startSandbox({ seed: 'demo', limits: false });
  api = ['--app', appDir, '--base-url', sb.url, '--api-key', sb.apiKey];
});
afterAll(async () => {
  closeHistory();
  await sb.close();
  fs.rmSync(appDir, { recursive: true, force: true });
});

function writeBlueprint(name: string, blueprint: unknown): string {
  const file = path.join(appDir, name);
  fs.writeFileSync(file, JSON.stringify(blueprint));
  return file;
}

test('scenario runs a blueprint, prints the run, stores it; history lists and shows it by id prefix', async () => {
  const run = await runCli(['scenario', TAG_EXAMPLE, ...api, '--json']);
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as { id: string; status: string; operations: number };
  expect(doc).toMatchObject({ status: 'success', operations: 4 });
  expect(fs.existsSync(path.join(appDir, '.sandbox', 'history.db'))).toBe(true);

  const list = await runCli(['history', '--app', appDir, '--json']);
  expect(list.code).toBe(0);
  expect((JSON.parse(list.stdout) as { id: string }[]).map((r) => r.id)).toContain(doc.id);

  const show = await runCli(['history', doc.id.slice(0, 8), '--app', appDir]);
  expect(show.code).toBe(0);
  expect(show.stdout).toContain(`Run ${doc.id}, success, 4 operation(s)`);
  expect(show.stdout).toMatch(/^2\s+app#chartmogul-x1y2z3:makeApiCall\s+3\s+3\s+3\s+\d+ ms\s*$/m);
  expect(show.stdout + show.stderr).not.toContain(sb.apiKey);

  const unknown = await runCli(['history', 'no-such-run', '--app', appDir]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no run no-such-run in the history');
});

test('plain output: a module table and where the history is', async () => {
  const run = await runCli(['scenario', TAG_EXAMPLE, ...api]);
  expect(run.code).toBe(0);
  // Headed as ScenarioRun.modules[] names them: id, module.
  expect(run.stdout).toMatch(/^ID\s+MODULE\s+OPS\s+IN\s+OUT\s+TIME\s+ERRORS$/m);
  expect(run.stdout).toMatch(/^1\s+app#chartmogul-x1y2z3:listCustomers\s+1\s+1\s+3\s+\d+ ms\s*$/m);
  expect(run.stderr).toMatch(/history: chartmogul-connector history [0-9a-f-]{36}/);
});

test('--dry-run validates and renders the first request without sending it or printing the key', async () => {
  const before = (await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as {
    requests: Record<string, number>;
  };
  const run = await runCli(['scenario', TAG_EXAMPLE, ...api, '--dry-run']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/customers\?/m);
  expect(run.stdout).not.toContain(sb.apiKey);
  expect(run.stdout).not.toContain(Buffer.from(`${sb.apiKey}:`).toString('base64'));
  const after = (await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as {
    requests: Record<string, number>;
  };
  expect(after.requests).toEqual(before.requests);
});

test('a blueprint naming a module the app lacks exits 2 naming it; invalid JSON exits 2', async () => {
  const file = writeBlueprint('bad.json', {
    flow: [
      { id: 1, module: 'app#chartmogul-abc:listCustomers' },
      { id: 2, module: 'app#chartmogul-abc:sendRocket' },
    ],
  });
  const run = await runCli(['scenario', file, ...api]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    'blueprint: module 2 (app#chartmogul-abc:sendRocket): this app has no module "sendRocket"',
  );
  const zone = await runCli(['scenario', TAG_EXAMPLE, ...api, '--timezone', 'Mars/Olympus']);
  expect([zone.code, zone.stderr]).toEqual([
    2,
    expect.stringContaining('--timezone: unknown time zone Mars/Olympus'),
  ]);
  fs.writeFileSync(path.join(appDir, 'broken.json'), '{');
  const broken = await runCli(['scenario', path.join(appDir, 'broken.json'), ...api]);
  expect(broken.code).toBe(2);
  expect(broken.stderr).toContain('is not valid JSON');
});

test('a blueprint step of another app exits 2 before anything is sent, though its module id exists here', async () => {
  const before = (await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as { requests: object };
  const file = writeBlueprint('stripe.json', {
    flow: [
      { id: 1, module: 'app#chartmogul-abc:listCustomers' },
      { id: 2, module: 'app#stripe:deleteCustomer', mapper: { customer_uuid: '{{1.uuid}}' } },
    ],
  });
  const run = await runCli(['scenario', file, ...api]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    'blueprint: module 2 (app#stripe:deleteCustomer) is for the app "stripe", not this one (this app is "chartmogul"',
  );
  const after = (await (await fetch(`${sb.url}/__sandbox/stats`)).json()) as { requests: object };
  expect(after.requests).toEqual(before.requests);
});

test('a Break exits 3 with the incomplete execution listed; history RUN --retry retries it', async () => {
  const file = writeBlueprint('break.json', {
    name: 'Get a missing customer',
    flow: [
      {
        id: 1,
        module: 'util:SetVariable2',
        mapper: { name: 'uuid', value: 'cus_00000000-0000-0000-0000-000000000000' },
      },
      {
        id: 2,
        module: 'app#chartmogul-abc:getCustomer',
        parameters: { __IMTCONN__: 1 },
        mapper: { customer_uuid: '{{1.uuid}}' },
        onerror: [{ id: 3, module: 'builtin:Break', mapper: {} }],
      },
    ],
  });
  const run = await runCli(['scenario', file, ...api, '--json']);
  expect(run.code).toBe(3);
  const doc = JSON.parse(run.stdout) as {
    id: string;
    status: string;
    incomplete: { moduleId: string; error: { message: string } }[];
  };
  expect(doc.status).toBe('warning');
  expect(doc.incomplete).toHaveLength(1);
  expect(doc.incomplete[0].moduleId).toBe('2');
  expect(doc.incomplete[0].error.message).toMatch(/404/);

  const show = await runCli(['history', doc.id, '--app', appDir]);
  expect(show.stdout).toMatch(/Incomplete executions:\n.*\n.*\s2\s+pending\s+failed\s+0\s+manual\s+/);

  // The customer is still missing: the retry breaks again (exit 3) and is recorded as a retry of the run.
  const retry = await runCli(['history', doc.id, '--retry', ...api.slice(2), '--app', appDir, '--json']);
  expect(retry.code).toBe(3);
  const [retried] = JSON.parse(retry.stdout) as { retryOf: string; incomplete: { attempts: number }[] }[];
  expect(retried.retryOf).toBe(doc.id);
  expect(retried.incomplete[0].attempts).toBe(1);
  const nothing = await runCli(['history', doc.id, '--retry', ...api.slice(2), '--app', appDir]);
  expect([nothing.code, nothing.stdout.trim()]).toEqual([0, 'Nothing is due for a retry.']);
});

test('--every runs on a schedule until stopped (Ctrl-C = abort signal)', async () => {
  const controller = new AbortController();
  const io = testIo({ signal: controller.signal });
  const done = main(['scenario', TAG_EXAMPLE, ...api, '--every', '1h'], io);
  while (!/Run [0-9a-f-]{36}, success/.test(io.stdout.text)) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  expect(await done).toBe(0);
  expect(io.stdout.text.match(/Run [0-9a-f-]{36}/g)).toHaveLength(1);
  expect(io.stderr.text).toContain('Running every 1h');
});

test('an --every the schedule cannot read is bad usage (exit 2)', async () => {
  const run = await runCli(['scenario', TAG_EXAMPLE, ...api, '--every', 'abc']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--every: Invalid interval "abc"');
  expect(run.stderr).toContain('Run `chartmogul-connector scenario --help`');
});

test('history with an id prefix several runs share: exit 2 listing the runs it matches', async () => {
  const store = openHistory(path.join(appDir, '.sandbox', 'history.db'));
  const at = '2026-01-01T00:00:00.000Z';
  for (const id of ['wb_prefix_1', 'wb_prefix_2'])
    store.saveRun(
      { id, status: 'success', operations: 0, modules: [], incomplete: [], startedAt: at, finishedAt: at },
      {},
    );
  const ambiguous = await runCli(['history', 'wb_prefix', '--app', appDir]);
  expect(ambiguous.code).toBe(2);
  expect(ambiguous.stderr).toContain('Run id prefix wb_prefix matches several runs: ');
  expect(ambiguous.stderr).toContain('wb_prefix_1');
  expect(ambiguous.stderr).toContain('wb_prefix_2');
  expect(ambiguous.stderr).not.toContain('no run');
  const unique = await runCli(['history', 'wb_prefix_2', '--app', appDir]);
  expect([unique.code, unique.stdout]).toEqual([0, expect.stringContaining('Run wb_prefix_2, success')]);
});

test('no key and no base URL: the embedded sandbox in the app folder, seeded with the demo data', async () => {
  const run = await runCli(['scenario', TAG_EXAMPLE, '--app', appDir, '--json']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ status: 'success', operations: 4 });
  expect(fs.existsSync(path.join(appDir, '.sandbox', 'chartmogul.db'))).toBe(true);
});

test('on a terminal a progress bar counts the first module’s bundles through the flow; --json stays quiet', async () => {
  const io = { ...testIo(), stderr: new MemoryStream(true) };
  expect(await main(['scenario', TAG_EXAMPLE, ...api], io)).toBe(0);
  expect(io.stderr.text).toMatch(/bundles \[#{24}\] 3\/3/);
  const quiet = { ...testIo(), stderr: new MemoryStream(true) };
  expect(await main(['scenario', TAG_EXAMPLE, ...api, '--json'], quiet)).toBe(0);
  expect(quiet.stderr.text).toBe('');
});

test('--history FILE (or CHARTMOGUL_HISTORY, relative to the working directory) is where scenario and history read and write', async () => {
  const elsewhere = path.join(appDir, 'elsewhere');
  fs.mkdirSync(elsewhere);
  const defaultFile = path.join(appDir, '.sandbox', 'history.db');
  const before = (await runCli(['history', '--app', appDir, '--json'])).stdout;

  const run = await runCli(['scenario', TAG_EXAMPLE, ...api, '--history', 'mine.db', '--json'], {
    cwd: elsewhere,
  });
  expect(run.code).toBe(0);
  const { id } = JSON.parse(run.stdout) as { id: string };
  expect(fs.existsSync(path.join(elsewhere, 'mine.db'))).toBe(true);
  // Not in the app folder's history.
  expect((await runCli(['history', '--app', appDir, '--json'])).stdout).toBe(before);
  const shown = await runCli([
    'history',
    id.slice(0, 8),
    '--app',
    appDir,
    '--history',
    path.join(elsewhere, 'mine.db'),
  ]);
  expect([shown.code, shown.stdout]).toEqual([0, expect.stringContaining(`Run ${id}, success`)]);

  const env = { CHARTMOGUL_HISTORY: 'from-env.db' };
  const viaEnv = await runCli(['scenario', TAG_EXAMPLE, ...api, '--json'], { cwd: elsewhere, env });
  const envId = (JSON.parse(viaEnv.stdout) as { id: string }).id;
  const listed = await runCli(['history', '--app', appDir, '--json'], { cwd: elsewhere, env });
  expect((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id)).toEqual([envId]);
  // The flag beats the variable.
  const flagWins = await runCli(['history', '--app', appDir, '--history', 'mine.db', '--json'], {
    cwd: elsewhere,
    env,
  });
  expect((JSON.parse(flagWins.stdout) as { id: string }[]).map((r) => r.id)).toEqual([id]);
  expect(fs.existsSync(defaultFile)).toBe(true);
  expect((await runCli(['scenario', '--help'])).stdout).toContain('--history FILE');
});
