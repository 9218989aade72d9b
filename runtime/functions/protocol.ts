/**
 * Messages between the process and the worker thread that holds a function isolate. Payloads travel
 * over a MessageChannel; each side wakes the other by bumping its counter in a shared Int32Array and
 * notifying it, so a blocked side (Atomics.wait) takes the message with receiveMessageOnPort, without
 * an event loop: that is what keeps a call synchronous.
 */
import type { MessagePort } from 'node:worker_threads';

/** Index of the counter the worker bumps (the process waits on it) and the one the process bumps. */
export const TO_HOST = 0;
export const TO_GUEST = 1;

/** What the worker starts from (workerData). */
export interface GuestSetup {
  sources: { name: string; code: string; file: string }[];
  budget: { timeoutMs: number; memoryBytes: number; stackBytes: number };
  builtinNames: string[];
  /** The isolate's value codec (wire.ts), evaluated inside QuickJS. */
  codec: string;
  /** Absolute paths of the QuickJS modules, resolved by the process (the worker runs from a string). */
  modules: { core: string; variant: string; emscripten: string };
  signals: SharedArrayBuffer;
  port: MessagePort;
}

/** Process → worker. */
export type HostMessage =
  | { type: 'call'; name: string; argsText: string; timezone: string }
  | { type: 'load-tests'; code: string; file: string }
  | { type: 'run-test'; index: number }
  | { type: 'builtin-result'; text?: string; error?: string };

/** Worker → process. */
export type GuestMessage =
  | { type: 'ready'; problems: { file: string; message: string }[] }
  | { type: 'result'; text: string; debug: string[] }
  | { type: 'error'; message: string; budget?: 'time' | 'memory'; debug: string[] }
  | { type: 'builtin'; name: string; argsText: string };
