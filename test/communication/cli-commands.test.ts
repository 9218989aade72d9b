/** `run`, `rpc` and `connection test` on the project's own definitions against a loopback server. */
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { startTestServer, TestServer } from './helpers';

// The first command loads the whole public API (server, sandbox, SQLite) under ts-jest: slow on a busy machine.
jest.setTimeout(120_000);

const APP = path.join(__dirname, '..', '..');
const KEY = 'cli_SECRET_key_777777';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
});

const common = () => ['--app', APP, '--base-url', server.url, '--api-key', KEY];

test('run MODULE --param prints the bundles; --json gives the ModuleResult', async () => {
  server.handle = () => ({ body: { uuid: 'cus_1', name: 'Acme' } });
  const plain = await runCli(['run', 'getCustomer', '--param', 'customer_uuid=cus_1', ...common()]);
  expect(plain.code).toBe(0);
  expect(JSON.parse(plain.stdout)).toEqual([{ uuid: 'cus_1', name: 'Acme' }]);
  expect(server.requests[0].path).toBe('/v1/customers/cus_1');
  const json = await runCli(['run', 'getCustomer', '--param', 'customer_uuid=cus_1', '--json', ...common()]);
  expect(JSON.parse(json.stdout)).toMatchObject({
    moduleId: 'getCustomer',
    type: 'action',
    operations: 1,
    bundles: [{ name: 'Acme' }],
  });
});

test('run --dry-run prints each request and a curl line with the key masked; nothing is sent', async () => {
  const out = await runCli([
    'run',
    'getCustomer',
    '--param',
    'customer_uuid=cus_1',
    '--dry-run',
    ...common(),
  ]);
  expect(out.code).toBe(0);
  expect(out.stdout).toContain(`GET ${server.url}/v1/customers/cus_1`);
  expect(out.stdout).toContain("-H 'Authorization: ***'");
  expect(out.stdout + out.stderr).not.toContain(KEY);
  expect(server.requests).toHaveLength(0);
});

test('run with bad input exits 2 naming the field; nothing is sent', async () => {
  const out = await runCli(['run', 'getCustomer', ...common()]);
  expect(out.code).toBe(2);
  expect(out.stderr).toContain('customer_uuid');
  expect(server.requests).toHaveLength(0);
});

test('rpc prints value and label columns', async () => {
  server.handle = () => ({
    body: {
      plans: [
        { uuid: 'pl_1', name: 'Gold' },
        { uuid: 'pl_2', name: 'Silver' },
      ],
      has_more: false,
    },
  });
  const out = await runCli(['rpc', 'rpcPlans', ...common()]);
  expect(out.code).toBe(0);
  expect(out.stdout).toBe('pl_1  Gold\npl_2  Silver\n');
});

test('connection test prints the label; a refused key exits 1 with the typed message; --verbose never shows the key', async () => {
  server.handle = () => ({ body: { name: 'Acme Inc' } });
  const ok = await runCli(['connection', 'test', '--verbose', ...common()]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('Connection OK: Acme Inc');
  expect(ok.stderr).toContain('"type":"request"');
  expect(ok.stdout + ok.stderr).not.toContain(KEY);
  expect(ok.stdout + ok.stderr).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
  server.handle = () => ({ status: 401, body: { message: 'No valid API key provided' } });
  const bad = await runCli(['connection', 'test', ...common()]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('[401] No valid API key provided');
});
