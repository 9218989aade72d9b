import { UsageError } from '../errors';

/** `--port` of a command that listens: 0–65535 (0 = any free port), `fallback` when not given. */
export function parsePort(text: string | undefined, fallback: number, command: string): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, got ${text}`, command);
  return port;
}

/** Resolves when the signal aborts (Ctrl-C); never, without one. */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
