/** Runs every bench/<area>/index.ts (compiled), or only the areas named on the command line. */
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const areas = fs
    .readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, 'index.js')))
    .map((d) => d.name)
    .filter((a) => only.length === 0 || only.includes(a));
  for (const area of areas) {
    process.stdout.write(`\n## ${area}\n`);
    const mod = require(path.join(__dirname, area, 'index.js')) as { main: () => Promise<void> };
    await mod.main();
  }
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
