/** `run` and `rpc`: ids checked up front, `--param` text kept as typed, keys masked in all output. */
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { runCli } from './run-cli';

const APP = path.join(__dirname, '..', '..');
// A live-looking key: the sandbox accepts it, and a data source is named after it, so the API's
// answers carry the key back the way a careless real account could.
const KEY = 'cm_live_SECRET123';

let sb: RunningSandbox;
let api: string[];
beforeAll(async () => {
  sb = await startSandbox({ apiKeys: [KEY], limits: false });
  api = ['--app', APP, '--base-url', sb.url, '--api-key', KEY];
  const created = await runCli(['run', 'createDataSource', ...api, '--param', `name=${KEY} ds`]);
  expect(created.code).toBe(0);
});
afterAll(() => sb.close());

test.each([
  [['run', 'listCustomerz'], 'this app has no module listCustomerz (did you mean `listCustomers`?)'],
  [['rpc', 'nope'], 'this app has no RPC nope (list them with `chartmogul-connector rpcs`)'],
])('%j: an id the app lacks is bad usage (exit 2)', async (argv, message) => {
  const { code, stderr } = await runCli([...argv, ...api]);
  expect(code).toBe(2);
  expect(stderr).toContain(message);
  expect(stderr).toContain(`Run \`chartmogul-connector ${argv[0]} --help\``);
});

test('a --param mistake points at the command’s own help', async () => {
  const { code, stderr } = await runCli(['run', 'listCustomers', ...api, '--param', 'novalue']);
  expect(code).toBe(2);
  expect(stderr).toContain('--param needs KEY=VALUE, got `novalue`');
  expect(stderr).toContain('Run `chartmogul-connector run --help` for usage.');
});

test('--param keeps text that is not a number’s own form; number fields still get numbers', async () => {
  const { code, stdout } = await runCli([
    'run',
    'createPlan',
    '--app',
    APP,
    '--api-key',
    KEY,
    '--dry-run',
    '--json',
    ...['data_source_uuid=ds_1', 'name=1.50', 'interval_count=1e1', 'interval_unit=month'].flatMap((p) => [
      '--param',
      p,
    ]),
    '--param',
    'external_id=12345678901234567890',
  ]);
  expect(code).toBe(0);
  const { requests } = JSON.parse(stdout) as { requests: { body: unknown }[] };
  expect(requests[0]!.body).toEqual({
    data_source_uuid: 'ds_1',
    name: '1.50',
    interval_count: 10,
    interval_unit: 'month',
    external_id: '12345678901234567890',
  });
});

test('a key that comes back in response data is masked in plain and --json output, as in the history', async () => {
  const plain = await runCli(['run', 'listDataSources', ...api]);
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain('"name": "******** ds"');
  const json = await runCli(['run', 'listDataSources', ...api, '--json', '--verbose']);
  expect(json.code).toBe(0);
  expect(JSON.stringify(JSON.parse(json.stdout))).toContain('"name":"******** ds"');
  // A key from the environment too; the --verbose log on stderr (masked by the engine) stays clean.
  const fromEnv = await runCli(['run', 'listDataSources', '--app', APP, '--base-url', sb.url, '--verbose'], {
    env: { CHARTMOGUL_API_KEY: KEY },
  });
  expect(fromEnv.code).toBe(0);
  for (const out of [plain, json, fromEnv]) expect(out.stdout + out.stderr).not.toContain(KEY);
  expect(fromEnv.stderr).toContain('"type":"response"');
});
