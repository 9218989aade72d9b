import fs from 'node:fs';
import path from 'node:path';

/** name and version from this package's package.json (found upward from this file, source or build). */
export function packageInfo(): { name: string; version: string } {
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chartmogul-connector') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'chartmogul-connector', version: 'unknown' };
    dir = parent;
  }
}
