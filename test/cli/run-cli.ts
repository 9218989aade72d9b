/** Runs the CLI in-process with in-memory streams; returns the exit code and what it printed. */
import { Readable } from 'node:stream';
import { main } from '../../runtime/cli/main';
import type { CliIo, OutputStream } from '../../runtime/cli/io';

export class MemoryStream implements OutputStream {
  text = '';
  constructor(public isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  signal?: AbortSignal;
  stdout?: MemoryStream;
  stderr?: MemoryStream;
}

export function testIo(options: CliOptions = {}): CliIo & { stdout: MemoryStream; stderr: MemoryStream } {
  return {
    stdout: options.stdout ?? new MemoryStream(),
    stderr: options.stderr ?? new MemoryStream(),
    stdin: Readable.from([options.stdin ?? '']),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const io = testIo(options);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}
