/** runtime/types/generated must be what `npm run types` produces from schemas/ right now. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

test('the committed generated types are current', () => {
  // --check regenerates in memory and exits 1 naming the stale files.
  const run = () =>
    execFileSync(process.execPath, [path.join(root, 'scripts', 'generate-types.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  expect(run()).toMatch(/runtime\/types\/generated is current \(\d+ files\)/);
});
