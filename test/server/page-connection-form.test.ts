/**
 * The workbench's generated connection form (runtime/server/public/js/connection-form.js) checks its
 * values with the module forms' rules (validate.js `checkFields`, as plain values). Here those checks
 * are compared with the runtime's own (runtime/parameters `prepareParameters`, which a connection's
 * requests go through) on connection specs of this repository's apps and on the field types Make
 * lets a connection have: the page flags exactly the fields the runtime would refuse.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BundleValidationError } from '../../runtime/errors';
import { checkPatterns, prepareParameters } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';
import { js } from './page-module';

const ROOT = path.resolve(__dirname, '../..');
const readSpecs = (file: string): ParameterSpec[] =>
  JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

const CHARTMOGUL = readSpecs('connector/connections/chartmogul/chartmogul.params.iml.json');
const OAUTH = readSpecs('test/fixtures/oauth-app/connections/oauth2/oauth2.params.iml.json');
const TYPES: ParameterSpec[] = [
  {
    name: 'region',
    type: 'select',
    required: true,
    options: [
      { label: 'EU', value: 'eu' },
      { label: 'US', value: 'us' },
    ],
  },
  { name: 'workspace', type: 'text', validate: { pattern: '^[a-z0-9-]+$', max: 20 } },
  { name: 'port', type: 'uinteger', validate: { min: 1, max: 65535 } },
  { name: 'email', type: 'email' },
  { name: 'sandboxed', type: 'boolean' },
  { name: 'token', type: 'password', required: true, validate: { min: 8 } },
];

const CASES: [string, ParameterSpec[], Record<string, unknown>][] = [
  ['ChartMogul: nothing', CHARTMOGUL, {}],
  ['ChartMogul: a key', CHARTMOGUL, { apiKey: 'k' }],
  ['ChartMogul: a token and secret', CHARTMOGUL, { apiKey: 'k', secretKey: 's' }],
  ['ChartMogul: a secret alone', CHARTMOGUL, { secretKey: 's' }],
  ['OAuth: nothing', OAUTH, {}],
  ['OAuth: an id alone', OAUTH, { clientId: 'c' }],
  ['OAuth: both', OAUTH, { clientId: 'c', clientSecret: 's' }],
  [
    'types: all good',
    TYPES,
    { region: 'eu', workspace: 'acme-1', port: 443, email: 'a@b.co', sandboxed: true, token: '12345678' },
  ],
  ['types: nothing', TYPES, {}],
  ['types: an unknown option', TYPES, { region: 'mars', token: '12345678' }],
  ['types: pattern and length', TYPES, { region: 'us', workspace: 'Acme Corp', token: 'short' }],
  ['types: too long', TYPES, { region: 'us', workspace: 'a'.repeat(21), token: '12345678' }],
  ['types: out of range', TYPES, { region: 'us', port: 70000, token: '12345678' }],
  ['types: not whole', TYPES, { region: 'us', port: 1.5, token: '12345678' }],
  ['types: negative', TYPES, { region: 'us', port: -1, token: '12345678' }],
  // Checked as typed (too short), not passed over as a mapping to resolve at run time.
  ['types: a braced secret is a value, not a template', TYPES, { region: 'eu', token: '{{a}}' }],
];

/** The fields the runtime refuses, by name (its paths name array items Make's way; none here). */
function runtimeFlags(specs: ParameterSpec[], values: Record<string, unknown>): string[] {
  try {
    prepareParameters({}, specs, values);
    return [];
  } catch (err) {
    if (!(err instanceof BundleValidationError)) throw err;
    return err.problems.map((p) => p.field).sort();
  }
}

/**
 * The page's checkFields (as plain values) on every case, in one child process where its browser
 * modules load. A pattern's verdict comes from the server (POST /api/check): here a stand-in for fetch
 * answers with the runtime's checkPatterns, and the checks run again once the answers are in.
 */
function pageFlags(cases: [ParameterSpec[], Record<string, unknown>][]): { path: string }[][] {
  const href = (file: string) =>
    js(pathToFileURL(path.resolve(__dirname, '../../runtime/server/public/js', file)).href);
  const patterns: { pattern: string; value: string }[] = [];
  for (const [specs, values] of cases)
    for (const spec of specs) {
      const pattern = (spec.validate as { pattern?: string } | undefined)?.pattern;
      const value = values[spec.name as string];
      if (pattern && typeof value === 'string') patterns.push({ pattern, value });
    }
  const verdicts = checkPatterns(patterns);
  const answers = Object.fromEntries(patterns.map((p, i) => [JSON.stringify(p), verdicts[i]]));
  const script = `
    const answers = ${js(answers)};
    globalThis.fetch = async (url, init) => {
      const body = JSON.parse(init.body);
      const patterns = (body.patterns ?? []).map((p) => answers[JSON.stringify(p)]);
      const reply = { templates: [], dates: [], patterns };
      return { ok: true, status: 200, text: async () => JSON.stringify(reply) };
    };
    const m = await import(${href('validate.js')});
    const checks = await import(${href('checks.js')});
    const run = () => ${js(cases)}.map(([s, v]) => m.checkFields(s, v, '', undefined, true));
    run();
    await checks.settle();
    process.stdout.write(JSON.stringify(run()));`;
  const out = execFileSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

test('the page’s connection checks flag exactly the fields the runtime refuses', () => {
  const page = pageFlags(CASES.map(([, specs, values]) => [specs, values]));
  const compared = CASES.map(([name, specs, values], i) => ({
    name,
    page: page[i].map((p) => p.path).sort(),
    runtime: runtimeFlags(specs, values),
  }));
  for (const c of compared)
    expect({ name: c.name, flags: c.page }).toEqual({ name: c.name, flags: c.runtime });
  // Not a comparison of two empty lists: most cases are refused.
  expect(compared.filter((c) => c.runtime.length > 0).length).toBeGreaterThanOrEqual(10);
});
