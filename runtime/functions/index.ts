/**
 * runtime/functions: Make's custom IML functions (the `function` component: `code.js`, `test.js`),
 * run in an isolate on a budget (host.ts, guest.ts) and reached by the app's templates through IML's
 * `functions` run option. One isolate per app folder and code: loading the same app again (the
 * workbench re-reads definitions on every page load) reuses it; changed code replaces it.
 */
import { createHash } from 'node:crypto';
import type { CustomFunctions } from '../types/app';
import type { FunctionBudget, FunctionHost, FunctionSource, LoadProblem } from './host';
import { startFunctions } from './start';

export { DEFAULT_BUDGET, FunctionError } from './host';
export { budgetOf, startFunctions } from './start';
export type { FunctionBudget, FunctionSource, LoadProblem } from './host';
export { testFunctions } from './tests';
export type { FunctionTestResult } from './tests';

const hosts = new Map<string, { key: string; host: FunctionHost; functions: CustomFunctions }>();

function keyOf(sources: readonly FunctionSource[], budget: FunctionBudget): string {
  return createHash('sha256').update(JSON.stringify({ sources, budget })).digest('hex');
}

/**
 * The app's functions, ready to call: the isolate of this app folder when its code and budget are
 * unchanged, else a new one (the old one closed). Problems name the function's file.
 */
export function loadFunctions(
  appDir: string,
  sources: readonly FunctionSource[],
  budget: FunctionBudget,
): { functions?: CustomFunctions; problems: LoadProblem[] } {
  const key = keyOf(sources, budget);
  const known = hosts.get(appDir);
  if (known?.key === key) return { functions: known.functions, problems: [] };
  known?.host.close();
  hosts.delete(appDir);
  const { host, problems } = startFunctions(sources, budget);
  if (!host) return { problems };
  const functions = callerOf(host);
  hosts.set(appDir, { key, host, functions });
  return { functions, problems };
}

function callerOf(host: FunctionHost): CustomFunctions {
  return {
    names: host.names,
    call: (name, args, context) => host.call(name, args, context),
  };
}

/** Closes every isolate this process started (tests, and a CLI that is done). */
export function closeFunctions(): void {
  for (const { host } of hosts.values()) host.close();
  hosts.clear();
}
