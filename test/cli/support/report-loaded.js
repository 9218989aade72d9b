'use strict';
/**
 * Preload (node -r) for process tests: at exit, writes the files the process loaded from node_modules
 * (package-relative, one a line) to the file REPORT_LOADED names.
 */
const fs = require('node:fs');

process.on('exit', () => {
  const loaded = Object.keys(require.cache)
    .filter((f) => f.includes('node_modules'))
    .map((f) => f.slice(f.lastIndexOf('node_modules') + 'node_modules/'.length).replace(/\\/g, '/'));
  fs.writeFileSync(process.env.REPORT_LOADED, `${loaded.join('\n')}\n`);
});
