/**
 * Lets a plain `node` child process load the sandbox's TypeScript sources: each .ts file is transpiled on
 * require with TypeScript's transpileModule (no type check, no build step, no extra dependency). Used by the
 * durability test, which must run the sandbox in a process it can kill with SIGKILL.
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
