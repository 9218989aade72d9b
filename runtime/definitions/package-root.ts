import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The folder holding this package's package.json (and schemas/). Found by walking up from this file,
 * so it works both from the sources (runtime/definitions) and from the build (dist/runtime/definitions).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`chartmogul-connector: cannot find the package root above ${__dirname}`);
    dir = parent;
  }
}
