import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root';

export const MANIFEST_FILE = 'makecomapp.json';

/**
 * The app folder: the nearest folder upward from `start` (default: the current directory) that holds
 * makecomapp.json, falling back to this package's own root (docs/decisions.md, "Definitions").
 */
export function findAppDir(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, MANIFEST_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return packageRoot();
    dir = parent;
  }
}

/** An explicit folder is taken as given (resolved); no folder means `findAppDir()`. */
export function resolveAppDir(dir?: string): string {
  return dir === undefined ? findAppDir() : path.resolve(dir);
}
