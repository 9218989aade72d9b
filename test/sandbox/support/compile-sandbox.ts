/**
 * Transpiles sandbox/ (TypeScript → CommonJS, no type check) into a temporary folder so a test can run the
 * sandbox in a plain `node` child process that it can kill with SIGKILL. Bare module names resolve through
 * NODE_PATH to the project's node_modules. No build step, no dist/; files transpiled before (same text)
 * come from ./transpile-cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transpiled } from './transpile-cache';

const ROOT = path.resolve(__dirname, '../../..');

export interface CompiledSandbox {
  /** The entry to run with node (sandbox/main.js). */
  main: string;
  /** Environment for the child process. */
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

/**
 * Transpiles every .ts file under `from` into the same place under `to` (`.js`), skipping folders named
 * in `skip`, and copies .json files (modules import some). Shared with the CLI's child-process tests.
 */
export function transpileTree(from: string, to: string, skip: string[] = []): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) transpileTree(source, target, skip);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const outputText = transpiled(fs.readFileSync(source, 'utf8'), source);
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
    } else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

export function compileSandbox(): CompiledSandbox {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-js-'));
  transpileTree(path.join(ROOT, 'sandbox'), path.join(out, 'sandbox'), ['conformance']);
  return {
    main: path.join(out, 'sandbox', 'main.js'),
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    dispose: () => fs.rmSync(out, { recursive: true, force: true }),
  };
}
