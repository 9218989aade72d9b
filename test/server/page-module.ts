/**
 * Runs an expression over one of the workbench page's modules (runtime/server/public/js/*.js, browser
 * ES modules that jest's CommonJS cannot import) in a child node process, and returns its JSON value.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PUBLIC_JS = path.resolve(__dirname, '../../runtime/server/public/js');

/** `expression` sees the module as `m`, e.g. `m.checkFields(specs, values)` (arguments as JSON text). */
export function inPageModule<T>(file: string, expression: string, env: NodeJS.ProcessEnv = {}): T {
  const href = pathToFileURL(path.join(PUBLIC_JS, file)).href;
  const script = `import(${JSON.stringify(href)}).then((m) => { const r = ${expression}; process.stdout.write(JSON.stringify(r === undefined ? { undefined: true } : { value: r })); })`;
  // The page's files are ES modules in a CommonJS package: node says so on stderr each time; not news.
  const out = execFileSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  const result = JSON.parse(out) as { value?: T; undefined?: true };
  return result.value as T;
}

/** A value as JavaScript source for an `inPageModule` expression. */
export const js = (value: unknown): string => JSON.stringify(value);
