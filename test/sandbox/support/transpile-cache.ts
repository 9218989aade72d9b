/**
 * TypeScript → CommonJS transpiles of the tests' child-process copies (the CLI, the sandbox), kept in a
 * cache under the OS temp folder keyed by the source text, the compiler options and TypeScript's
 * version: a file is transpiled once per content however many suites (and runs, and worktrees) need it.
 * Transpiling all of runtime/ and sandbox/ took ~10 s of every suite that ran the real CLI. An entry is
 * written to a temporary name and renamed into place, so a reader never sees half of one; entries not
 * written for a week are removed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ts from 'typescript';

/** What the output depends on besides the source; TypeScript itself is loaded only on a miss (~1 s). */
const OPTIONS = 'module commonjs, target es2022, esModuleInterop';
const TS_VERSION = (require('typescript/package.json') as { version: string }).version;
const KEY_PREFIX = `${TS_VERSION}\n${OPTIONS}\n`;
const CACHE_DIR = path.join(os.tmpdir(), 'chartmogul-connector-transpiled');
const MAX_AGE_MS = 7 * 86_400_000;
let pruned = false;

/** The JavaScript of one TypeScript file (`source` is its text, `fileName` its path, for messages). */
export function transpiled(source: string, fileName: string): string {
  if (!pruned) prune();
  const key = crypto.createHash('sha256').update(KEY_PREFIX).update(source).digest('hex');
  const entry = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(entry, 'utf8');
  } catch {
    // Not cached yet (or pruned meanwhile): transpile and keep it.
  }
  const typescript = require('typescript') as typeof ts;
  const { outputText } = typescript.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const temporary = `${entry}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temporary, outputText);
    fs.renameSync(temporary, entry);
  } catch {
    // A cache that cannot be written only costs the next suite a transpile.
    fs.rmSync(temporary, { force: true });
  }
  return outputText;
}

function prune(): void {
  pruned = true;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const oldest = Date.now() - MAX_AGE_MS;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    try {
      if (fs.statSync(file).mtimeMs < oldest) fs.rmSync(file, { force: true });
    } catch {
      // Removed by another suite meanwhile.
    }
  }
}
