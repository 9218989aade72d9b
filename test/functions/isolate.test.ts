/**
 * Custom IML functions run in an isolate (issue 20): what a function may use (JavaScript's built-ins,
 * IML's through `iml`), what it may not (require, process, the network, the file system), and the
 * budgets that stop a bad or hostile one: an endless loop, a long native operation, a memory bomb,
 * deep recursion. Each hostile function is a fixture of this file.
 */
import { budgetOf, FunctionError, startFunctions, type FunctionSource } from '../../runtime/functions';
import type { FunctionHost } from '../../runtime/functions/host';

const BUDGET = budgetOf({ timeoutMs: 300, memoryBytes: 16 * 1024 * 1024 });
const UTC = { timezone: 'UTC' };
const hosts: FunctionHost[] = [];
afterAll(() => hosts.forEach((h) => h.close()));

function start(functions: Record<string, string>): FunctionHost {
  const sources: FunctionSource[] = Object.entries(functions).map(([name, code]) => ({
    name,
    code,
    file: `functions/${name}/code.js`,
  }));
  const { host, problems } = startFunctions(sources, BUDGET);
  expect(problems).toEqual([]);
  hosts.push(host!);
  return host!;
}

describe('what a function may use', () => {
  let host: FunctionHost;
  beforeAll(() => {
    host = start({
      describeArgs: `function describeArgs(a, b) {
        return { zone: this.timezone, date: b instanceof Date ? b.toISOString() : null, bytes: a instanceof Uint8Array ? a.length : null };
      }`,
      useIml: `function useIml(text) { return [iml.upper(text), iml.formatDate('2024-01-02T03:04:05Z', 'YYYY-MM-DD HH:mm'), iml.length(iml.split(text, '-'))]; }`,
      callOther: `function callOther(text) { return iml.useIml(text)[0] + '!'; }`,
      shapes: `function shapes() { return { list: [1, 'two', null, true], nested: { when: new Date(0), bin: new Uint8Array([104, 105]) }, gone: undefined }; }`,
      nothing: `function nothing() {}`,
    });
  });

  test('arguments arrive as values (dates stay dates, binary data a Uint8Array); `this.timezone` is the run’s', () => {
    expect(
      host.call('describeArgs', [Buffer.from('abc'), new Date(5)], { timezone: 'Europe/Prague' }),
    ).toEqual({
      zone: 'Europe/Prague',
      date: '1970-01-01T00:00:00.005Z',
      bytes: 3,
    });
  });

  test('IML’s built-ins are reachable as iml.<name>, with the call’s time zone', () => {
    expect(host.call('useIml', ['a-b-c'], UTC)).toEqual(['A-B-C', '2024-01-02 03:04', 3]);
    expect(host.call('useIml', ['a-b-c'], { timezone: 'Asia/Tokyo' })).toEqual([
      'A-B-C',
      '2024-01-02 12:04',
      3,
    ]);
  });

  test('the app’s other functions too', () => {
    expect(host.call('callOther', ['x'], UTC)).toBe('X!');
  });

  test('results come back as the process’s own values: dates, Buffers, no undefined keys', () => {
    const out = host.call('shapes', [], UTC) as { nested: { when: unknown; bin: unknown } };
    expect(out).toEqual({
      list: [1, 'two', null, true],
      nested: { when: new Date(0), bin: Buffer.from('hi') },
    });
    expect(out.nested.when).toBeInstanceOf(Date);
    expect(Buffer.isBuffer(out.nested.bin)).toBe(true);
    expect(host.call('nothing', [], UTC)).toBeUndefined();
  });

  test('a thrown error comes back with its name and message', () => {
    const failing = start({
      strict: `function strict(x) { if (!x) throw new TypeError('x is required'); return x; }`,
    });
    expect(() => failing.call('strict', [], UTC)).toThrow(new FunctionError('TypeError: x is required'));
    expect(failing.call('strict', [1], UTC)).toBe(1);
  });
});

describe('escape attempts find nothing of the process', () => {
  const probes = start({
    globals: `function globals() {
      return [typeof require, typeof process, typeof module, typeof global, typeof Buffer, typeof fetch,
        typeof XMLHttpRequest, typeof WebSocket, typeof std, typeof os, typeof setTimeout, typeof __dirname];
    }`,
    viaConstructor: `function viaConstructor() {
      const F = (function () {}).constructor;
      const g = F('return this')();
      return [typeof g.process, typeof g.require, Object.keys(g).includes('process')];
    }`,
    viaImport: `function viaImport() { let p; try { p = import('fs'); } catch (e) { return 'threw ' + e.name; } return typeof p; }`,
    viaBridge: `function viaBridge() { try { return __host_iml('constructor', '[]'); } catch (e) { return e.message; } }`,
    pollute: `function pollute() { Object.prototype.polluted = 'yes'; Array.prototype.push = null; return ({}).polluted; }`,
    viaEval: `function viaEval() { return eval('typeof process') + ' ' + eval('typeof require'); }`,
  });
  afterAll(() => probes.close());

  test('no require, process, module, Buffer, network or timers', () => {
    expect(probes.call('globals', [], UTC)).toEqual(Array(12).fill('undefined'));
  });

  test('the Function constructor and eval reach only the isolate’s own globals', () => {
    expect(probes.call('viaConstructor', [], UTC)).toEqual(['undefined', 'undefined', false]);
    expect(probes.call('viaEval', [], UTC)).toBe('undefined undefined');
  });

  test('no module loader: import() gives nothing that loads a module', () => {
    const result = probes.call('viaImport', [], UTC);
    // A promise that can never settle into a module (no loader), or an immediate refusal.
    expect(['object', 'threw SyntaxError', 'threw TypeError']).toContain(
      result === undefined ? 'object' : result,
    );
  });

  test('the bridge to IML answers only IML’s built-in names', () => {
    expect(probes.call('viaBridge', [], UTC)).toMatch(/iml\.constructor is not a function/);
  });

  test('prototype pollution stays inside the isolate', () => {
    expect(probes.call('pollute', [], UTC)).toBe('yes');
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
    expect(typeof Array.prototype.push).toBe('function');
  });
});

describe('budgets stop a bad or hostile function, and the next call works', () => {
  const bad = start({
    spin: `function spin() { for (;;) {} }`,
    grind: `function grind() { const a = new Array(1e6).fill('xxxxxxxxxx'); for (;;) a.join(','); }`,
    hoard: `function hoard() { const all = []; for (;;) all.push(new Uint8Array(1 << 20)); }`,
    huge: `function huge() { return new Uint8Array(64 * 1024 * 1024).length; }`,
    dive: `function dive(n) { return dive(n + 1) + 1; }`,
    ok: `function ok(x) { return x + 1; }`,
  });
  afterAll(() => bad.close());

  test('an endless loop stops at the time budget', () => {
    expect(() => bad.call('spin', [], UTC)).toThrow(/ran longer than its time budget of 300 ms/);
    expect(bad.call('ok', [1], UTC)).toBe(2);
  });

  test('a loop of long native operations, which the interpreter cannot interrupt, loses its thread', () => {
    let caught: unknown;
    try {
      bad.call('grind', [], UTC);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FunctionError);
    expect((caught as FunctionError).budget).toBe('time');
    expect(bad.call('ok', [2], UTC)).toBe(3);
  });

  test('one allocation past the memory budget fails at once', () => {
    expect(() => bad.call('huge', [], UTC)).toThrow(/^used more than its memory budget of 16 MB$/);
    expect(bad.call('ok', [3], UTC)).toBe(4);
  });

  test('a memory bomb is held to the memory budget and stopped by the time budget', () => {
    // Near its heap limit QuickJS collects garbage before every allocation that fails, so a bomb of
    // many allocations crawls; the heap never grows past the budget, and the clock ends the call.
    expect(() => bad.call('hoard', [], UTC)).toThrow(/time budget of 300 ms|memory budget of 16 MB/);
    expect(bad.call('ok', [3], UTC)).toBe(4);
  });

  test('with time to spare, a growing heap ends at the memory budget', () => {
    const roomy = startFunctions(
      [
        {
          name: 'grow',
          code: 'function grow() { const all = []; for (;;) all.push(new Array(1 << 17)); }',
          file: 'g.js',
        },
      ],
      budgetOf({ timeoutMs: 20_000, memoryBytes: 16 * 1024 * 1024 }),
    ).host!;
    hosts.push(roomy);
    expect(() => roomy.call('grow', [], UTC)).toThrow(/^used more than its memory budget of 16 MB$/);
  });

  test('endless recursion stops at the stack limit', () => {
    expect(() => bad.call('dive', [0], UTC)).toThrow(/RangeError|InternalError/);
    expect(bad.call('ok', [4], UTC)).toBe(5);
  });
});

describe('problems at load name the function’s file', () => {
  test('a syntax error', () => {
    const { host, problems } = startFunctions(
      [{ name: 'broken', code: 'function broken( {', file: 'f/broken.js' }],
      BUDGET,
    );
    expect(host).toBeUndefined();
    expect(problems).toEqual([{ file: 'f/broken.js', message: expect.stringMatching(/^SyntaxError: /) }]);
  });

  test('code that defines no function of the component’s name', () => {
    const { problems } = startFunctions(
      [{ name: 'wanted', code: 'function other() {}', file: 'f/wanted.js' }],
      BUDGET,
    );
    expect(problems).toEqual([
      { file: 'f/wanted.js', message: 'TypeError: defines no function named wanted' },
    ]);
  });

  test('code that never finishes loading', () => {
    const { problems } = startFunctions(
      [{ name: 'stuck', code: 'for (;;) {}\nfunction stuck() {}', file: 'f/stuck.js' }],
      BUDGET,
    );
    expect(problems).toEqual([{ file: 'f/stuck.js', message: 'ran longer than its time budget of 300 ms' }]);
  });

  test('a function defined with const works like a declared one', () => {
    const host = start({ arrow: 'const arrow = (x) => x * 3;' });
    expect(host.call('arrow', [2], UTC)).toBe(6);
  });
});
