import { getEventListeners } from 'node:events';
import os from 'node:os';

/** Where a command reads and writes: the process by default, in-memory streams in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** True on a terminal; progress bars draw only then. */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read by `--params -`. */
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Long-running commands (sandbox, start, scenario --every) stop when this aborts. */
  signal?: AbortSignal;
}

/**
 * The real process, with an abort signal fired by SIGINT or SIGTERM (its reason: the signal's name). A
 * command that listens to the signal gets to close cleanly; when none listens, or at the second signal,
 * the process exits at once with 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted || getEventListeners(controller.signal, 'abort').length === 0)
      process.exit(signalExitCode(signal));
    controller.abort(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Read on first use: setting up the process's stdin costs a few ms, and only `--params -` reads it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}

/** 128 + the signal's number, as shells report a process a signal ended; 130 (Ctrl-C) when unknown. */
export function signalExitCode(reason: unknown): number {
  const number = typeof reason === 'string' ? os.constants.signals[reason as NodeJS.Signals] : undefined;
  return 128 + (number ?? os.constants.signals.SIGINT);
}
