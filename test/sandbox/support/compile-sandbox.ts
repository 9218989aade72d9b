/**
 * Transpiles sandbox/ (TypeScript → CommonJS, no type check) into a temporary folder so a test can run the
 * sandbox in a plain `node` child process that it can kill with SIGKILL. Bare module names resolve through
 * NODE_PATH to the project's node_modules. Takes well under a second; no build step, no dist/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

export interface CompiledSandbox {
  /** The entry to run with node (sandbox/main.js). */
  main: string;
  /** Environment for the child process. */
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function compileSandbox(): CompiledSandbox {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-js-'));
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const from = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'conformance') walk(from);
        continue;
      }
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const target = path.join(out, path.relative(ROOT, from)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const { outputText } = ts.transpileModule(fs.readFileSync(from, 'utf8'), {
        fileName: from,
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      });
      fs.writeFileSync(target, outputText);
    }
  };
  walk(path.join(ROOT, 'sandbox'));
  return {
    main: path.join(out, 'sandbox', 'main.js'),
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    dispose: () => fs.rmSync(out, { recursive: true, force: true }),
  };
}
