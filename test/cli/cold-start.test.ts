/**
 * The cold start of a command the definitions cache serves (issue 23), as a real process: the first
 * run of a copied app reads and checks everything and keeps it in .sandbox/; the next run is served
 * from there and validates parameters with the standalone code kept beside it, without loading ajv.
 * Both runs must print the same, for parameters that pass and for ones that fail validation.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyApp } from '../scenario/fixtures';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(__dirname, 'support', 'cli-from-sources.js');
const REPORT = path.join(__dirname, 'support', 'report-loaded.js');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-start-'));
  copyApp(REPO, dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in the app copy; what it printed, its exit code and the node_modules files it loaded. */
function cli(args: string[]): { code: number | null; stdout: string; stderr: string; loaded: string[] } {
  const report = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const run = spawnSync(process.execPath, ['-r', REPORT, CLI, ...args, '--api-key', 'cold-start-test-key'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, REPORT_LOADED: report },
  });
  const loaded = fs.readFileSync(report, 'utf8').split('\n').filter(Boolean);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, loaded };
}

const ajvItself = (loaded: string[]) => loaded.filter((f) => /^ajv\/dist\/(ajv|core|compile\/)/.test(f));

// createCustomer has a pattern (country), a date-time (lead_created_at), custom attributes whose
// value's type depends on a nested field's shown-condition, and required fields.
const INVALID = [
  'run',
  'createCustomer',
  '--dry-run',
  '--param',
  'external_id=cus-1',
  '--param',
  'country=USA',
  '--param',
  'lead_created_at=yesterday',
  '--param',
  'custom=[{"type":"Integer","key":"seats","value":"many"}]',
];
const VALID = [
  'run',
  'createCustomer',
  '--dry-run',
  '--param',
  'data_source_uuid=ds_00000000-0000-0000-0000-000000000000',
  '--param',
  'external_id=cus-1',
  '--param',
  'custom=[{"type":"Integer","key":"seats","value":"12"}]',
];

test('a run served by the cache validates without ajv and prints what the first run printed', () => {
  const first = [cli(INVALID), cli(VALID)];
  expect(fs.existsSync(path.join(dir, '.sandbox', 'definitions-cache.kept'))).toBe(true);
  const second = [cli(INVALID), cli(VALID)];
  // The first run read the app (ajv validates definitions and compiles parameter schemas).
  expect(ajvItself(first[0]!.loaded)).not.toEqual([]);
  for (const run of second) expect(ajvItself(run.loaded)).toEqual([]);
  expect(second.map(({ code, stdout, stderr }) => ({ code, stdout, stderr }))).toEqual(
    first.map(({ code, stdout, stderr }) => ({ code, stdout, stderr })),
  );
  // The invalid run names each failing field; the valid one renders its request.
  expect(second[0]!.code).not.toBe(0);
  for (const field of ['Data Source', 'Country', 'Lead Created At', 'custom[1].value'])
    expect(second[0]!.stderr + second[0]!.stdout).toContain(field);
  expect(second[1]!.code).toBe(0);
  expect(second[1]!.stdout).toContain('"seats"');
});
