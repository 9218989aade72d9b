/**
 * The process's side of a function isolate: a worker thread running guest.ts, called synchronously.
 * A call posts its request and blocks (Atomics.wait) until the worker answers, serving the IML
 * built-ins the function asks for meanwhile. QuickJS stops a call at the time budget by itself; a
 * call the interpreter cannot interrupt in time (one native operation running long) gets the thread
 * terminated at the budget plus a grace period, and the next call starts a fresh one. Why a thread
 * around the interpreter: docs/decisions.md, "Any Make app".
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { guestMain } from './guest';
import { TO_GUEST, TO_HOST, type GuestMessage, type GuestSetup, type HostMessage } from './protocol';
import { decode, encode, GUEST_CODEC } from './wire';

/** One custom function: its name (the component id) and its code (code.js). */
export interface FunctionSource {
  name: string;
  code: string;
  /** App-relative path of the code, for messages and stack traces. */
  file: string;
}

/** What one call may use. */
export interface FunctionBudget {
  /** Wall-clock time of one call, the IML built-ins it calls included (Make's limit: 10 s). */
  timeoutMs: number;
  /** The isolate's heap: every function's code and data together. */
  memoryBytes: number;
  /** The interpreter's stack (deep recursion fails with a RangeError, not a crash). */
  stackBytes: number;
}

export const DEFAULT_BUDGET: FunctionBudget = {
  timeoutMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 1024 * 1024,
};

/** How long past the budget a call may take before its thread is terminated. */
const GRACE_MS = 1_000;
/** How long a new thread may take to start and load the functions. */
const START_MS = 30_000;

/** IML's built-ins, as the isolate reaches them through `iml.<name>`. */
export type BuiltinCaller = (name: string, args: unknown[], timezone: string) => unknown;

/** A failure of a function inside its isolate (its own error, or a budget run out). */
export class FunctionError extends Error {
  constructor(
    message: string,
    readonly budget?: 'time' | 'memory',
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

export interface LoadProblem {
  file: string;
  message: string;
}

const SOURCE = `(${guestMain.toString()})()`;

function modulePaths(): GuestSetup['modules'] {
  return {
    core: require.resolve('quickjs-emscripten-core'),
    variant: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
    emscripten: require.resolve('@jitl/quickjs-wasmfile-release-sync/emscripten-module'),
  };
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  signals: Int32Array;
}

export class FunctionHost {
  private thread: Thread | undefined;
  private timezone = 'UTC';
  /** What `debug(...)` printed in the functions, oldest first (capped). */
  readonly debug: string[] = [];

  private constructor(
    readonly sources: readonly FunctionSource[],
    readonly budget: FunctionBudget,
    private readonly builtins: BuiltinCaller,
    private readonly builtinNames: readonly string[],
  ) {}

  /** Starts the isolate and loads every function; with problems (syntax, no such function) none is kept. */
  static start(
    sources: readonly FunctionSource[],
    budget: FunctionBudget,
    builtins: BuiltinCaller,
    builtinNames: readonly string[],
  ): { host?: FunctionHost; problems: LoadProblem[] } {
    const host = new FunctionHost(sources, budget, builtins, builtinNames);
    const problems = host.spawn();
    if (problems.length > 0) {
      host.close();
      return { problems };
    }
    return { host, problems };
  }

  get names(): string[] {
    return this.sources.map((s) => s.name);
  }

  /** Calls one function with `this = { timezone }`, as Make does. Synchronous. */
  call(name: string, args: unknown[], context: { timezone: string }): unknown {
    this.timezone = context.timezone;
    return decode(this.request({ type: 'call', name, argsText: encode(args), timezone: context.timezone }));
  }

  /** Loads a test file (`it(name, fn)` calls) and returns the names of its tests. */
  loadTests(code: string, file: string): string[] {
    return JSON.parse(this.request({ type: 'load-tests', code, file })) as string[];
  }

  /** Runs one loaded test; throws its failure. */
  runTest(index: number): void {
    this.request({ type: 'run-test', index });
  }

  /** Ends the thread (a later call starts a new one). */
  close(): void {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) {
      thread.port.close();
      void thread.worker.terminate();
    }
  }

  private spawn(): LoadProblem[] {
    const { port1, port2 } = new MessageChannel();
    const signals = new SharedArrayBuffer(8);
    const setup: GuestSetup = {
      sources: this.sources.map((s) => ({ ...s })),
      budget: this.budget,
      builtinNames: [...this.builtinNames],
      codec: GUEST_CODEC,
      modules: modulePaths(),
      signals,
      port: port2,
    };
    const worker = new Worker(SOURCE, {
      eval: true,
      workerData: setup,
      transferList: [port2],
      // The functions' heap is QuickJS's (its own budget); this bounds the thread's JavaScript.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    worker.on('error', () => undefined); // a dead thread shows as a call that gets no answer
    this.thread = { worker, port: port1, signals: new Int32Array(signals) };
    const ready = this.await(Date.now() + START_MS);
    if (!ready || ready.type !== 'ready') {
      this.close();
      return [{ file: '<isolate>', message: 'the function isolate did not start' }];
    }
    return ready.problems;
  }

  /** Sends one request and blocks until its result, serving built-in calls meanwhile. */
  private request(message: HostMessage): string {
    if (!this.thread) {
      const problems = this.spawn();
      if (problems.length > 0) throw new FunctionError(problems.map((p) => p.message).join('; '));
    }
    const thread = this.thread!;
    const deadline = Date.now() + this.budget.timeoutMs + GRACE_MS;
    thread.port.postMessage(message);
    for (;;) {
      const answer = this.await(deadline);
      if (!answer) {
        this.close();
        throw new FunctionError(`ran longer than its time budget of ${this.budget.timeoutMs} ms`, 'time');
      }
      if (answer.type === 'builtin') {
        this.answerBuiltin(thread, answer);
        continue;
      }
      if (answer.type === 'ready') continue;
      this.keepDebug(answer.debug);
      if (answer.type === 'error') throw new FunctionError(answer.message, answer.budget);
      return answer.text;
    }
  }

  private answerBuiltin(thread: Thread, ask: Extract<GuestMessage, { type: 'builtin' }>): void {
    let reply: HostMessage;
    try {
      if (!this.builtinNames.includes(ask.name)) throw new TypeError(`iml.${ask.name} is not a function`);
      const args = decode(ask.argsText);
      const result = this.builtins(ask.name, Array.isArray(args) ? args : [], this.timezone);
      reply = { type: 'builtin-result', text: encode(result) };
    } catch (err) {
      reply = { type: 'builtin-result', error: err instanceof Error ? err.message : String(err) };
    }
    thread.port.postMessage(reply);
    Atomics.add(thread.signals, TO_GUEST, 1);
    Atomics.notify(thread.signals, TO_GUEST);
  }

  /** The worker's next message, or undefined when none came before the deadline. */
  private await(deadline: number): GuestMessage | undefined {
    const thread = this.thread!;
    let seen = Atomics.load(thread.signals, TO_HOST);
    for (;;) {
      const received = receiveMessageOnPort(thread.port);
      if (received) return received.message as GuestMessage;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(thread.signals, TO_HOST, seen, left);
      seen = Atomics.load(thread.signals, TO_HOST);
    }
  }

  private keepDebug(lines: string[]): void {
    for (const line of lines) if (this.debug.length < 1000) this.debug.push(line);
  }
}
