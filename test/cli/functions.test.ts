/** `functions` and `functions test`: list the app's custom IML functions and run their tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli';
import { closeFunctions } from '../../runtime/functions';

const FN_APP = path.join(__dirname, '..', 'functions', 'fixtures', 'fn-app');
const copies: string[] = [];
afterAll(() => {
  closeFunctions();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

test('functions lists each function and its code file', async () => {
  const { code, stdout } = await runCli(['functions', '--app', FN_APP]);
  expect(code).toBe(0);
  expect(stdout).toBe(
    'buildNote  functions/build-note/build-note.code.js\ntidy       functions/tidy/tidy.code.js\n',
  );
});

test('functions test runs every test and exits 0 when all pass', async () => {
  const { code, stdout } = await runCli(['functions', 'test', '--app', FN_APP]);
  expect(code).toBe(0);
  expect(stdout.split('\n')).toEqual([
    'ok   buildNote: upper-cases the title and splits the tags',
    'ok   buildNote: formats the day in the time zone of the call',
    'ok   tidy: drops empty values',
    '3 tests: 3 passed, 0 failed',
    '',
  ]);
});

test('functions test NAME --json: one function, failures exit 1 with the message', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-cli-'));
  copies.push(dir);
  fs.cpSync(FN_APP, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'functions/tidy/tidy.test.js'),
    "it('keeps null', () => { assert.strictEqual(tidy({ a: null }).a, null, 'null is dropped'); });\n",
  );
  const { code, stdout } = await runCli(['functions', 'test', 'tidy', '--app', dir, '--json']);
  expect(code).toBe(1);
  expect(JSON.parse(stdout)).toEqual({
    passed: 0,
    failed: 1,
    results: [
      { function: 'tidy', test: 'keeps null', ok: false, message: 'Error: null is dropped', debug: [] },
    ],
  });
});

test('an unknown function name or subcommand is a usage error', async () => {
  expect((await runCli(['functions', 'test', 'nope', '--app', FN_APP])).stderr).toContain(
    'no function named nope',
  );
  const other = await runCli(['functions', 'run', '--app', FN_APP]);
  expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('unknown subcommand "run"')]);
});

test('an app without functions says so', async () => {
  const { code, stdout } = await runCli(['functions', '--app', path.join(__dirname, '..', '..')]);
  expect([code, stdout]).toEqual([0, 'The app has no custom functions.\n']);
});
