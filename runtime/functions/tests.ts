/**
 * `chartmogul-connector functions test`: each function's test.js, run as Make's VS Code extension
 * runs it (`it(name, fn)` and `assert`, every function of the app and `iml.<name>` in scope), in a
 * fresh isolate of its own on the same budget, so a test cannot change what the app's calls see.
 */
import type { App } from '../types/app';
import { FunctionError, type FunctionBudget } from './host';
import { budgetOf, startFunctions } from './start';

export interface FunctionTestResult {
  /** The function whose test.js holds the test. */
  function: string;
  /** The test's name (`it`'s first argument); '' when the file failed before naming any. */
  test: string;
  ok: boolean;
  /** Why it failed. */
  message?: string;
  /** What `debug(...)` printed during it. */
  debug: string[];
}

export function testFunctions(
  app: App,
  options: { names?: string[]; budget?: Partial<FunctionBudget> } = {},
): FunctionTestResult[] {
  const sources = (app.functions ?? []).map((f) => ({
    name: f.id,
    code: f.code,
    file: f.files.code ?? f.id,
  }));
  const results: FunctionTestResult[] = [];
  for (const fn of app.functions ?? []) {
    if (options.names && !options.names.includes(fn.id)) continue;
    if (fn.test === undefined) {
      const why = fn.files.test ? `${fn.files.test} does not exist` : 'makecomapp.json names no test file';
      results.push({ function: fn.id, test: '', ok: false, message: `no tests: ${why}`, debug: [] });
      continue;
    }
    const { host, problems } = startFunctions(sources, budgetOf(options.budget));
    if (!host) {
      for (const p of problems)
        results.push({ function: fn.id, test: '', ok: false, message: `${p.file}: ${p.message}`, debug: [] });
      continue;
    }
    try {
      let names: string[];
      try {
        names = host.loadTests(fn.test, fn.files.test ?? `${fn.id} test`);
      } catch (err) {
        results.push({
          function: fn.id,
          test: '',
          ok: false,
          message: (err as Error).message,
          debug: host.debug.splice(0),
        });
        continue;
      }
      names.forEach((test, index) => {
        try {
          host.runTest(index);
          results.push({ function: fn.id, test, ok: true, debug: host.debug.splice(0) });
        } catch (err) {
          results.push({
            function: fn.id,
            test,
            ok: false,
            message: (err as Error).message,
            debug: host.debug.splice(0),
          });
          // A budget run out leaves a fresh isolate: the tests are loaded again for the next one.
          if (err instanceof FunctionError && err.budget)
            host.loadTests(fn.test!, fn.files.test ?? `${fn.id} test`);
        }
      });
    } finally {
      host.close();
    }
  }
  return results;
}
