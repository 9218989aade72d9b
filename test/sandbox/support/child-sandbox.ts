/**
 * The sandbox in a child process (its sources transpiled by compile-sandbox.ts): a test can SIGKILL it, and a
 * request that blocks it cannot block the test's own event loop (jest's timeout still fires).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { CompiledSandbox } from './compile-sandbox';

export interface ChildSandbox {
  child: ChildProcess;
  url: string;
}

/** Starts sandbox/main.js with `args` and resolves once it prints the URL it listens on. */
export function launchSandbox(compiled: CompiledSandbox, args: string[]): Promise<ChildSandbox> {
  const child = spawn(process.execPath, [compiled.main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: compiled.env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${err}`)));
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
