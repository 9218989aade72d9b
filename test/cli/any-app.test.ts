/**
 * The command line on an app that is not ChartMogul (issue 20): `run`, `scenario` and `connection test`
 * with `--app DIR`, its connection given by `--connection k=v`, requests sent to a loopback server by
 * `--base-url`; no sandbox stands in for such an app. On test/functions/fixtures/fn-app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli';
import { closeFunctions } from '../../runtime/functions';
import { startTestServer, type TestServer } from '../communication/helpers';

const FN_APP = path.join(__dirname, '..', 'functions', 'fixtures', 'fn-app');
const KEY = 'nk_RECOGNIZABLE_CLI_KEY_77';
let server: TestServer;
let work: string;
beforeAll(async () => {
  server = await startTestServer((req) =>
    req.path === '/me'
      ? { body: { name: 'Ann' } }
      : { status: 201, body: { id: 'n_9', title: JSON.parse(req.body).title, note: null } },
  );
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'any-app-cli-'));
});
afterAll(async () => {
  await server.close();
  closeFunctions();
  fs.rmSync(work, { recursive: true, force: true });
});

const target = () => ['--app', FN_APP, '--base-url', server.url, '--connection', `apiKey=${KEY}`];

test('run sends the module’s request to --base-url with the connection’s values, and prints its bundle', async () => {
  const run = await runCli([
    'run',
    'createNote',
    '--param',
    'title=plan',
    '--json',
    '--verbose',
    ...target(),
  ]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).bundles).toEqual([{ id: 'n_9', title: 'PLAN' }]);
  expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/notes' });
  expect(server.requests.at(-1)!.headers['x-api-key']).toBe(KEY);
  expect(run.stdout + run.stderr).not.toContain(KEY);
});

test('a scenario of the app runs its steps, named by the app’s Make name', async () => {
  const file = path.join(work, 'notes.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      flow: [{ id: 1, module: 'app#notes-app-ab12cd:createNote', mapper: { title: 'from a scenario' } }],
    }),
  );
  // A copy of the app: the run history goes to the app folder.
  const app = path.join(work, 'fn-app');
  fs.cpSync(FN_APP, app, { recursive: true });
  const run = await runCli(['scenario', file, '--json', ...target(), '--app', app]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ status: 'success', operations: 1 });
  expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ title: 'FROM A SCENARIO' });
});

test('connection test sends the connection’s own request', async () => {
  const run = await runCli(['connection', 'test', ...target()]);
  expect(run.code).toBe(0);
  expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/me' });
  expect(server.requests.at(-1)!.headers['x-api-key']).toBe(KEY);
});

test('without --base-url no sandbox starts for such an app: nothing is written to its folder', async () => {
  const run = await runCli([
    'run',
    'createNote',
    '--param',
    'title=x',
    '--dry-run',
    '--app',
    FN_APP,
    '--connection',
    `apiKey=${KEY}`,
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('POST https://notes.example.com/notes');
  expect(fs.existsSync(path.join(FN_APP, '.sandbox', 'chartmogul.db'))).toBe(false);
});
