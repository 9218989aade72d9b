/**
 * Custom IML functions as part of an app (issue 20): loaded with it, callable from every template of
 * its definitions (request and response alike), their problems reported at load, their test.js run by
 * testFunctions. On test/functions/fixtures/fn-app, an app of our own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadApp, validateApp } from '../../runtime/definitions';
import { runModule } from '../../runtime/communication';
import { closeFunctions, testFunctions } from '../../runtime/functions';
import { startTestServer, type TestServer } from '../communication/helpers';

const FIXTURE = path.join(__dirname, 'fixtures', 'fn-app');
const KEY = 'nk_RECOGNIZABLE_NOTES_KEY_42';
const copies: string[] = [];

function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-app-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req) => ({
    status: 201,
    body: { id: 'n_1', title: JSON.parse(req.body).title, note: '', tags: [] },
  }));
});
afterAll(async () => {
  await server.close();
  closeFunctions();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

test('loadApp lists the functions with their code and tests', async () => {
  const app = await loadApp(FIXTURE);
  expect(app.functions?.map((f) => [f.id, f.files.code, f.test !== undefined])).toEqual([
    ['buildNote', 'functions/build-note/build-note.code.js', true],
    ['tidy', 'functions/tidy/tidy.code.js', true],
  ]);
  expect(app.customFunctions?.names).toEqual(['buildNote', 'tidy']);
});

test('a request template calls a function, with the run’s time zone', async () => {
  const app = await loadApp(FIXTURE);
  const result = await runModule(app, 'createNote', {
    parameters: { title: 'plan', tags: 'a, b', when: '2024-03-01T23:30:00Z' },
    connection: { apiKey: KEY },
    timezone: 'Europe/Prague',
    dryRun: true,
  });
  expect(result.requests[0]!.body).toEqual({
    title: 'PLAN',
    zone: 'Europe/Prague',
    tags: ['a', 'b'],
    day: '2024-03-02',
  });
  expect(JSON.stringify(result.requests)).not.toContain(KEY);
});

test('a response template calls a function on the real answer', async () => {
  const app = await loadApp(FIXTURE);
  const result = await runModule(app, 'createNote', {
    parameters: { title: 'plan' },
    connection: { apiKey: KEY },
    target: server.url,
  });
  expect(result.bundles).toEqual([{ id: 'n_1', title: 'PLAN' }]);
  expect(server.requests.at(-1)!.headers['x-api-key']).toBe(KEY);
});

test('loading the same app again reuses its isolate; changed code gets a new one', async () => {
  const dir = copy();
  const first = await loadApp(dir);
  expect((await loadApp(dir)).customFunctions).toBe(first.customFunctions);
  fs.appendFileSync(path.join(dir, 'functions/tidy/tidy.code.js'), '\n// edited\n');
  const edited = await loadApp(dir);
  expect(edited.customFunctions).not.toBe(first.customFunctions);
  expect(edited.customFunctions!.call('tidy', [{ a: 1, b: '' }], { timezone: 'UTC' })).toEqual({ a: 1 });
});

describe('problems at load', () => {
  test('a syntax error names the function’s file', async () => {
    const dir = copy();
    fs.writeFileSync(
      path.join(dir, 'functions/tidy/tidy.code.js'),
      'function tidy(value) {\n  return {;\n}\n',
    );
    expect(await validateApp(dir)).toEqual([
      { file: 'functions/tidy/tidy.code.js', pointer: '', message: expect.stringMatching(/^SyntaxError: /) },
    ]);
  });

  test('a template calling a function the app does not have', async () => {
    const dir = copy();
    const file = path.join(dir, 'modules/create-note/create-note.communication.iml.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tidy(body)', 'tidyUp(body)'));
    expect(await validateApp(dir)).toEqual([
      {
        file: 'modules/create-note/create-note.communication.iml.json',
        pointer: '/response/output',
        message: "Unknown function 'tidyUp' (1:3)",
      },
    ]);
  });

  test('absent code is a missing file, unless the caller supplies a stub for it', async () => {
    const dir = copy();
    fs.rmSync(path.join(dir, 'functions/tidy/tidy.code.js'));
    expect(await validateApp(dir)).toEqual([
      {
        file: 'makecomapp.json',
        pointer: '/components/function/tidy/codeFiles/code',
        message: 'names `functions/tidy/tidy.code.js`, which does not exist',
      },
    ]);
    const app = await loadApp(dir, {
      functionStubs: { tidy: 'function tidy(v) { return { stub: true }; }' },
    });
    expect(app.customFunctions!.call('tidy', [{}], { timezone: 'UTC' })).toEqual({ stub: true });
  });

  test('the budget is the caller’s to set', async () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, 'functions/tidy/tidy.code.js'), 'function tidy() { for (;;) {} }');
    const app = await loadApp(dir, { functionBudget: { timeoutMs: 200 } });
    await expect(
      runModule(app, 'createNote', {
        parameters: { title: 'x' },
        connection: { apiKey: KEY },
        target: server.url,
      }),
    ).rejects.toThrow(/^buildNote: ran longer than its time budget of 200 ms \(at 1:3\)$/); // via iml.tidy
  });
});

describe('testFunctions runs each function’s test.js', () => {
  test('every test of the fixture passes', async () => {
    const app = await loadApp(FIXTURE);
    expect(testFunctions(app).map((r) => [r.function, r.test, r.ok])).toEqual([
      ['buildNote', 'upper-cases the title and splits the tags', true],
      ['buildNote', 'formats the day in the time zone of the call', true],
      ['tidy', 'drops empty values', true],
    ]);
  });

  test('a failing assertion, a throwing test and debug output are reported per test', async () => {
    const dir = copy();
    fs.writeFileSync(
      path.join(dir, 'functions/tidy/tidy.test.js'),
      [
        "it('keeps zero', () => { debug('checking', 0); assert.deepStrictEqual(tidy({ a: 0 }), { a: 0 }); });",
        "it('drops nothing', () => { assert.deepStrictEqual(tidy({ a: null }), { a: null }); });",
        "it('explodes', () => { null.x; });",
      ].join('\n'),
    );
    const results = testFunctions(await loadApp(dir), { names: ['tidy'] });
    expect(results).toEqual([
      { function: 'tidy', test: 'keeps zero', ok: true, debug: ['checking 0'] },
      {
        function: 'tidy',
        test: 'drops nothing',
        ok: false,
        message: expect.stringContaining('{}'),
        debug: [],
      },
      {
        function: 'tidy',
        test: 'explodes',
        ok: false,
        message: expect.stringMatching(/^TypeError: /),
        debug: [],
      },
    ]);
  });

  test('a test that never ends fails at the budget, and the tests after it still run', async () => {
    const dir = copy();
    fs.writeFileSync(
      path.join(dir, 'functions/tidy/tidy.test.js'),
      "it('hangs', () => { for (;;) {} });\nit('after', () => { assert.ok(tidy({}) !== null); });",
    );
    const results = testFunctions(await loadApp(dir), { names: ['tidy'], budget: { timeoutMs: 200 } });
    expect(results.map((r) => [r.test, r.ok, r.message])).toEqual([
      ['hangs', false, 'ran longer than its time budget of 200 ms'],
      ['after', true, undefined],
    ]);
  });
});
