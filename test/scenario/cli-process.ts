/**
 * The real `chartmogul-connector` command in a child process, so a test can stop it with a signal or
 * kill -9 it. runtime/ and sandbox/ are transpiled (TypeScript → CommonJS, no type check; unchanged
 * files come from test/sandbox/support's transpile cache) into a temp folder laid out as the package
 * is (bin/, dist/, package.json, schemas/ linked), so the test depends on neither dist/ nor a build
 * step. Bare module names resolve through NODE_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transpileTree } from '../sandbox/support/compile-sandbox';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CompiledCli {
  /** bin/chartmogul-connector.js of the compiled copy. */
  bin: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function compileCli(): CompiledCli {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-js-'));
  for (const part of ['runtime', 'sandbox'])
    transpileTree(path.join(ROOT, part), path.join(out, 'dist', part));
  fs.mkdirSync(path.join(out, 'bin'));
  fs.copyFileSync(
    path.join(ROOT, 'bin', 'chartmogul-connector.js'),
    path.join(out, 'bin', 'chartmogul-connector.js'),
  );
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'schemas'), path.join(out, 'schemas'));
  return {
    bin: path.join(out, 'bin', 'chartmogul-connector.js'),
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    dispose: () => fs.rmSync(out, { recursive: true, force: true }),
  };
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + signal number when a signal ended it). */
  exited: Promise<number>;
}

export function spawnCli(cli: CompiledCli, args: string[], cwd: string): CliProcess {
  const child = spawn(process.execPath, [cli.bin, ...args], {
    cwd,
    env: cli.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0))),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}
