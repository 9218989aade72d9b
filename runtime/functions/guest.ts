/**
 * The worker thread's program: one QuickJS isolate (WebAssembly, its own heap and globals) holding
 * the app's functions. `guestMain` is started from its source text (host.ts), so it must stay
 * self-contained: no imports, no names from this file's scope; only `require` of Node's own modules
 * and of the QuickJS paths the process resolved.
 *
 * Inside the isolate there is no `require`, no module loader, no network, no file system, no process:
 * only JavaScript's built-in objects, `iml.<name>` (IML's built-ins, run by the process, and the
 * app's other functions) and `debug(...)`. A call runs on the time budget (QuickJS's interrupt
 * handler; the process kills the whole thread when even that does not come back) and the heap on the
 * memory budget; a call that ran out of either leaves a freshly built isolate behind.
 */
import type { GuestMessage, GuestSetup, HostMessage } from './protocol';

export function guestMain(): void {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const setup = threads.workerData as GuestSetup;
  const core = require(setup.modules.core) as typeof import('quickjs-emscripten-core');
  const releaseSync = (require(setup.modules.variant) as { default: object }).default;
  const port = setup.port;
  const signals = new Int32Array(setup.signals);
  const TO_HOST = 0;
  const TO_GUEST = 1;
  type Context = import('quickjs-emscripten-core').QuickJSContext;
  type Runtime = import('quickjs-emscripten-core').QuickJSRuntime;
  type Handle = import('quickjs-emscripten-core').QuickJSHandle;

  let runtime: Runtime;
  let context: Context;
  let deadline = Infinity;
  let timedOut = false;
  let debug: string[] = [];
  let tests: Handle | undefined;

  const send = (message: GuestMessage): void => {
    port.postMessage(message);
    Atomics.add(signals, TO_HOST, 1);
    Atomics.notify(signals, TO_HOST);
  };

  /** Blocks until the process answers a built-in call (the isolate is waiting inside it). */
  const ask = (message: GuestMessage): HostMessage => {
    let seen = Atomics.load(signals, TO_GUEST);
    send(message);
    for (;;) {
      const received = threads.receiveMessageOnPort(port);
      if (received) return received.message as HostMessage;
      Atomics.wait(signals, TO_GUEST, seen);
      seen = Atomics.load(signals, TO_GUEST);
    }
  };

  const fail = (error: unknown): { message: string; budget?: 'time' | 'memory' } => {
    const e = error as { name?: string; message?: string } | undefined;
    const message = String(e?.message ?? e);
    if (timedOut)
      return { message: `ran longer than its time budget of ${setup.budget.timeoutMs} ms`, budget: 'time' };
    if (/out of memory/i.test(message)) {
      const mb = Math.round(setup.budget.memoryBytes / 1024 / 1024);
      return { message: `used more than its memory budget of ${mb} MB`, budget: 'memory' };
    }
    return { message: `${e?.name ?? 'Error'}: ${message}` };
  };

  /** Runs one step on the time budget; its string result, or the failure. */
  const run = (step: () => ReturnType<Context['evalCode']>): { text: string } | { error: unknown } => {
    deadline = Date.now() + setup.budget.timeoutMs;
    timedOut = false;
    let result: ReturnType<Context['evalCode']>;
    try {
      result = step();
    } finally {
      deadline = Infinity;
    }
    if (result.error) {
      const error = context.dump(result.error) as unknown;
      result.error.dispose();
      return { error };
    }
    const value = result.value;
    const text = context.typeof(value) === 'string' ? context.getString(value) : '';
    value.dispose();
    return { text };
  };

  const hostFunctions = (): void => {
    const bridge = context.newFunction('__host_iml', (nameH, argsH) => {
      const answer = ask({
        type: 'builtin',
        name: context.getString(nameH),
        argsText: context.getString(argsH),
      });
      if (answer.type !== 'builtin-result' || answer.error !== undefined)
        throw new TypeError(answer.type === 'builtin-result' ? String(answer.error) : 'no answer');
      return context.newString(answer.text ?? '');
    });
    context.setProp(context.global, '__host_iml', bridge);
    bridge.dispose();
    const print = context.newFunction('debug', (...args) => {
      if (debug.length < 1000)
        debug.push(
          args
            .map((h) => String(context.dump(h)))
            .join(' ')
            .slice(0, 10_000),
        );
    });
    context.setProp(context.global, 'debug', print);
    print.dispose();
  };

  const prelude = (): string => `${setup.codec}
const __functions = Object.create(null);
let __timezone = 'UTC';
const iml = Object.create(null);
for (const name of ${JSON.stringify(setup.builtinNames)}) {
  iml[name] = function (...args) { return __decode(__host_iml(name, __encode(args))); };
}
for (const name of ${JSON.stringify(setup.sources.map((s) => s.name))}) {
  iml[name] = function (...args) { return __functions[name].apply({ timezone: __timezone }, args); };
}
function __invoke(name, argsText, timezone) {
  __timezone = timezone;
  return __encode(__functions[name].apply({ timezone: timezone }, __decode(argsText)));
}`;

  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

  /** A fresh runtime and context with the budgets, the prelude and every function's code. */
  const start = (
    module: import('quickjs-emscripten-core').QuickJSWASMModule,
  ): { file: string; message: string }[] => {
    runtime = module.newRuntime();
    runtime.setMemoryLimit(setup.budget.memoryBytes);
    runtime.setMaxStackSize(setup.budget.stackBytes);
    runtime.setInterruptHandler(() => {
      if (Date.now() <= deadline) return false;
      timedOut = true;
      return true;
    });
    context = runtime.newContext();
    tests = undefined;
    hostFunctions();
    const problems: { file: string; message: string }[] = [];
    const load = (code: string, file: string): boolean => {
      const outcome = run(() => context.evalCode(code, file, { type: 'global' }));
      if ('error' in outcome) problems.push({ file, message: fail(outcome.error).message });
      return !('error' in outcome);
    };
    load(prelude(), '<prelude>');
    for (const source of setup.sources) {
      if (!IDENTIFIER.test(source.name)) {
        problems.push({ file: source.file, message: `\`${source.name}\` is not a JavaScript name` });
        continue;
      }
      if (!load(source.code, source.file)) continue;
      const n = source.name;
      load(
        `if (typeof ${n} !== 'function') throw new TypeError('defines no function named ${n}');\n` +
          `__functions[${JSON.stringify(n)}] = ${n};`,
        source.file,
      );
    }
    return problems;
  };

  const restart = (module: import('quickjs-emscripten-core').QuickJSWASMModule): void => {
    tests?.dispose();
    context.dispose();
    runtime.dispose();
    start(module);
  };

  const reply = (
    module: import('quickjs-emscripten-core').QuickJSWASMModule,
    outcome: { text: string } | { error: unknown },
  ): void => {
    const lines = debug;
    debug = [];
    if ('text' in outcome) {
      send({ type: 'result', text: outcome.text, debug: lines });
      return;
    }
    const failure = fail(outcome.error);
    if (failure.budget) restart(module);
    send({ type: 'error', ...failure, debug: lines });
  };

  const callGlobal = (name: string, ...args: string[]): ReturnType<Context['evalCode']> => {
    const fn = context.getProp(context.global, name);
    const handles = args.map((a) => context.newString(a));
    try {
      return context.callFunction(fn, context.undefined, ...handles);
    } finally {
      fn.dispose();
      for (const h of handles) h.dispose();
    }
  };

  /** test.js as Make's VS Code harness runs it: `it(name, fn)` registers, `assert` checks. */
  const TEST_HARNESS = `
const __tests = [];
function it(name, fn) { __tests.push({ name: String(name), fn: fn }); }
function __fail(message, fallback) { throw new Error(message === undefined ? fallback : String(message)); }
function __same(a, b) {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every(function (k) { return __same(a[k], b[k]); });
}
function __show(v) { try { return JSON.stringify(v); } catch (e) { return String(v); } }
const assert = function (value, message) { if (!value) __fail(message, 'expected a truthy value, got ' + __show(value)); };
assert.ok = assert;
assert.equal = function (a, b, m) { if (a != b) __fail(m, __show(a) + ' == ' + __show(b)); };
assert.notEqual = function (a, b, m) { if (a == b) __fail(m, __show(a) + ' != ' + __show(b)); };
assert.strictEqual = function (a, b, m) { if (a !== b) __fail(m, __show(a) + ' === ' + __show(b)); };
assert.notStrictEqual = function (a, b, m) { if (a === b) __fail(m, __show(a) + ' !== ' + __show(b)); };
assert.deepEqual = assert.deepStrictEqual = function (a, b, m) { if (!__same(a, b)) __fail(m, __show(a) + ' deep-equals ' + __show(b)); };
assert.notDeepEqual = assert.notDeepStrictEqual = function (a, b, m) { if (__same(a, b)) __fail(m, __show(a) + ' does not deep-equal ' + __show(b)); };
assert.throws = function (fn, expected, m) {
  try { fn(); } catch (e) { return; }
  __fail(typeof expected === 'string' ? expected : m, 'expected the function to throw');
};
function __run_test(index) {
  const test = __tests[Number(index)];
  test.fn.call({ timezone: __timezone });
  return '';
}
function __test_names() { return JSON.stringify(__tests.map(function (t) { return t.name; })); }
`;

  const serve = (module: import('quickjs-emscripten-core').QuickJSWASMModule, message: HostMessage): void => {
    if (message.type === 'call') {
      reply(
        module,
        run(() => callGlobal('__invoke', message.name, message.argsText, message.timezone)),
      );
    } else if (message.type === 'load-tests') {
      const loaded = run(() => context.evalCode(TEST_HARNESS, '<tests>', { type: 'global' }));
      if ('error' in loaded) return reply(module, loaded);
      // As in Make's harness, the tests call each function with `this = { timezone }`: the
      // functions' names inside the test file are their `iml.<name>` forms (same line numbers).
      const names = setup.sources.map((s) => s.name).filter((n) => IDENTIFIER.test(n));
      const wrapped =
        `(function (${names.join(', ')}) {${message.code}\n}).apply(undefined, ` +
        `[${names.map((n) => `iml.${n}`).join(', ')}]);`;
      const code = run(() => context.evalCode(wrapped, message.file, { type: 'global' }));
      if ('error' in code) return reply(module, code);
      reply(
        module,
        run(() => callGlobal('__test_names')),
      );
    } else if (message.type === 'run-test') {
      reply(
        module,
        run(() => callGlobal('__run_test', String(message.index))),
      );
    }
  };

  core
    .newQuickJSWASMModuleFromVariant({
      ...(releaseSync as object),
      importModuleLoader: () =>
        Promise.resolve((require(setup.modules.emscripten) as { default: never }).default),
    } as never)
    .then((module) => {
      const problems = start(module);
      send({ type: 'ready', problems });
      port.on('message', (message: HostMessage) => serve(module, message));
    })
    .catch((err: unknown) => {
      send({
        type: 'ready',
        problems: [{ file: '<isolate>', message: `QuickJS did not start: ${String(err)}` }],
      });
    });
}
