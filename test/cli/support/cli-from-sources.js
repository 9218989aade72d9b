'use strict';
/**
 * The command line as bin/chartmogul-connector.js runs it, but from the TypeScript sources (each .ts
 * transpiled on require, no type check): a test can run the real process, signals included, without
 * depending on dist/ or a build step. Usage: node cli-from-sources.js ARGS…
 */
require('./require-ts');

const { main } = require('../../../runtime/cli/main.ts');
const exit = main(process.argv.slice(2));
// main() has installed its SIGINT/SIGTERM handlers by now (synchronously): tell a waiting test.
if (process.env.CLI_READY_MARKER) process.stderr.write(`${process.env.CLI_READY_MARKER}\n`);
exit.then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`chartmogul-connector: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
