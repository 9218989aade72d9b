import { getEventListeners } from 'node:events';

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
 * The real process, with an abort signal fired by SIGINT or SIGTERM. A command that listens to the
 * signal gets to close cleanly; when none listens, or at the second Ctrl-C, the process exits 130.
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted || getEventListeners(controller.signal, 'abort').length === 0)
      process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
