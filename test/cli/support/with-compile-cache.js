'use strict';
/**
 * Usage: node with-compile-cache.js CACHE_FILE MODULE — installs the CLI's compile cache (from the
 * TypeScript source, transpiled on require) over CACHE_FILE, requires MODULE and prints, as one JSON
 * line, MODULE's export and how many modules came from the cache and how many were compiled.
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

const { installCompileCache } = require('../../../runtime/cli/compile-cache.ts');
const counts = installCompileCache(process.argv[2]);
const exported = require(process.argv[3]);
process.on('exit', () => process.stdout.write(`${JSON.stringify({ exported, ...counts })}\n`));
