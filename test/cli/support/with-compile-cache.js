'use strict';
/**
 * Usage: node with-compile-cache.js CACHE_FILE MODULE — installs the CLI's compile cache (from the
 * TypeScript source, transpiled on require) over CACHE_FILE, requires MODULE and prints, as one JSON
 * line, MODULE's export and how many modules came from the cache and how many were compiled.
 */
require('./require-ts');

const { installCompileCache } = require('../../../runtime/cli/compile-cache.ts');
const counts = installCompileCache(process.argv[2]);
const exported = require(process.argv[3]);
process.on('exit', () => process.stdout.write(`${JSON.stringify({ exported, ...counts })}\n`));
