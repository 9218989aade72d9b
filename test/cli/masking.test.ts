/**
 * Issue 16: the CLI masked only a key's raw text. A key with `"` or `\` came out escaped in --json
 * and --verbose, and a 3-character key was not scrubbed at all. Every form a key takes in output
 * (raw, JSON-escaped, URL-encoded, base64, Basic credentials) is masked; a key too short to scrub
 * safely is refused (decisions.md "CLI key masking").
 */
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { runCli } from './run-cli';

const APP = path.join(__dirname, '..', '..');
const KEY = 'cm_"live\\key/ü+é 9';

/** Every way the key can be written out. */
const FORMS = [
  KEY,
  JSON.stringify(KEY).slice(1, -1),
  JSON.stringify(JSON.stringify(KEY)).slice(1, -1),
  encodeURIComponent(KEY),
  Buffer.from(KEY).toString('base64'),
  Buffer.from(`${KEY}:`).toString('base64'),
];

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ apiKeys: [KEY], limits: false });
  const created = await runCli(
    ['run', 'createDataSource', '--app', APP, '--base-url', sb.url, '--param', `name=${KEY} ds`],
    {
      env: { CHARTMOGUL_API_KEY: KEY },
    },
  );
  expect(created.code).toBe(0);
});
afterAll(() => sb.close());

test('the forms are all different (the test checks something)', () => {
  expect(new Set(FORMS).size).toBe(FORMS.length);
});

test('a key with quotes and backslashes is masked in --json and --verbose output, in every form', async () => {
  const out = await runCli(
    ['run', 'listDataSources', '--app', APP, '--base-url', sb.url, '--json', '--verbose'],
    {
      env: { CHARTMOGUL_API_KEY: KEY },
    },
  );
  expect(out.code).toBe(0);
  expect(out.stderr).toContain('"type":"response"');
  expect(JSON.parse(out.stdout)).toEqual(expect.objectContaining({}));
  for (const form of FORMS) expect(out.stdout + out.stderr).not.toContain(form);
  expect(out.stdout).toContain('******** ds');
});

test('iml output that writes the key out in each form is masked', async () => {
  const template = '{{k}}|{{encodeURL(k)}}|{{base64(k)}}|{{base64(k + ":")}}|{{createJSON(createJSON(k))}}';
  for (const json of [false, true]) {
    const out = await runCli(
      ['iml', template, '--context', JSON.stringify({ k: KEY }), ...(json ? ['--json'] : [])],
      {
        env: { CHARTMOGUL_API_KEY: KEY },
      },
    );
    expect(out.code).toBe(0);
    for (const form of FORMS) expect(out.stdout).not.toContain(form);
    expect(out.stdout).toContain('********|********|********|********');
  }
});

test.each([
  [['run', 'listDataSources', '--app', APP, '--api-key', 'Qz7'], {}],
  [['iml', '{{1}}'], { CHARTMOGUL_API_KEY: 'Qz7xY' }],
])('a key shorter than 8 characters is refused as bad usage, without printing it: %j', async (argv, env) => {
  const out = await runCli(argv, { env });
  expect(out.code).toBe(2);
  expect(out.stderr).toContain('at least 8 characters');
  expect(out.stdout + out.stderr).not.toMatch(/Qz7/);
});
