#!/usr/bin/env node
'use strict';
// Thin launcher: the command line lives in runtime/cli (compiled to dist/ by `npm install`).
let cli;
try {
  // Before anything else is loaded: the process's modules compile with V8's cached code (issue 23).
  const { compileCachePath, installCompileCache } = require('../dist/runtime/cli/compile-cache.js');
  installCompileCache(compileCachePath(require('node:path').join(__dirname, '..')));
  cli = require('../dist/runtime/cli/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write(
      'chartmogul-connector: not built yet; run `npm install` (or `npm run build`) first\n',
    );
    process.exit(1);
  }
  throw err;
}
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`chartmogul-connector: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
