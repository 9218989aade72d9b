/**
 * runtime/definitions: reads makecomapp.json and the JSONC files it names, validates each against
 * schemas/ and runs the cross-file checks, then builds the App.
 */
import type { App, CustomFunctions, Problem } from '../types/app';
import type * as Functions from '../functions';
import type { FunctionBudget } from '../functions';
import { resolveAppDir } from './app-dir';
import { buildApp } from './build-app';
import type * as Checks from './checks';
import { definedComponents } from './checks/manifest-pointers';
import { readCached, writeCached } from './compiled-cache';
import { InvalidDefinitionsError } from './invalid-definitions-error';
import type { LoadedDefinitions, NamedCheck } from './loaded';
import type * as ReadDefinitions from './read-definitions';

// The reader (jsonc, the schemas' validators), the checks and the custom functions' isolate are loaded
// when a load needs them: a load served by the cache of checked definitions needs none of them.
const reader = () => require('./read-definitions') as typeof ReadDefinitions;
const checks = () => require('./checks') as typeof Checks;
const functionsModule = () => require('../functions') as typeof Functions;

/** How loadApp and validateApp read an app (beyond DESIGN; docs/decisions.md "Contract"). */
export interface LoadOptions {
  /** What one custom function call may use (default: 10 s as Make, 64 MB, 1 MB of stack). */
  functionBudget?: Partial<FunctionBudget>;
  /** Code for custom functions whose code file is absent, by function name (the conformance stubs). */
  functionStubs?: Record<string, string>;
  /**
   * Keep the checked definitions of a load without problems in `<app>/.sandbox/definitions-cache.json`
   * and take them from there while no file, option or loader code differs (the CLI's cold start;
   * default off). Any difference reads and checks everything again.
   */
  cache?: boolean;
}

export { findAppDir, resolveAppDir } from './app-dir';
export { InvalidDefinitionsError, formatProblem } from './invalid-definitions-error';
export { didYouMean } from './did-you-mean';
export { keepWithDefinitions } from './cache-companions';
export type { CacheCompanion } from './cache-companions';
export type { DefinitionCheck, DefinitionFile, LoadedDefinitions, NamedCheck } from './loaded';

/** Runs each check; a check that throws is reported as a problem rather than hiding the others. */
export function runChecks(loaded: LoadedDefinitions, named: NamedCheck[] = checks().CHECKS): Problem[] {
  const problems: Problem[] = [];
  for (const check of named) {
    try {
      problems.push(...check.run(loaded));
    } catch (err) {
      problems.push({
        file: 'makecomapp.json',
        pointer: '',
        message: `check ${check.name} failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  return problems;
}

interface Inspection {
  problems: Problem[];
  loaded?: LoadedDefinitions;
  functions?: CustomFunctions;
  dir: string;
}

function inspect(dir: string | undefined, options: LoadOptions): Inspection {
  const appDir = resolveAppDir(dir);
  const startedAt = Date.now();
  // Stubs stand in for missing files (the conformance check): such a load is never cached.
  const cacheable = options.cache === true && options.functionStubs === undefined;
  const cached = cacheable ? readCached(appDir, options.functionBudget) : undefined;
  const { loaded, problems, manifestText } = cached
    ? { loaded: cached, problems: [] as Problem[], manifestText: undefined }
    : reader().readDefinitions(appDir, options);
  if (!loaded) return { problems, dir: appDir };
  if (!cached) problems.push(...runChecks(loaded));
  const inspection: Inspection = { problems, loaded, dir: appDir };
  const functions = startFunctions(loaded, options);
  if (functions.functions) inspection.functions = functions.functions;
  problems.push(...functions.problems);
  if (cacheable && !cached && problems.length === 0 && manifestText !== undefined)
    writeCached(loaded, manifestText, options.functionBudget, startedAt);
  return inspection;
}

/**
 * The app's custom functions in their isolate, once every one has its code: evaluating the code is
 * what finds a syntax error or a file that defines no function of its name.
 */
function startFunctions(
  loaded: LoadedDefinitions,
  options: LoadOptions,
): { functions?: CustomFunctions; problems: Problem[] } {
  const sources = definedComponents(loaded, 'function').map(([name]) => {
    const file = loaded.componentFile('function', name, 'code');
    return { name, file: file?.path ?? `functions/${name}`, code: file?.text };
  });
  if (sources.length === 0) return { problems: [] };
  const missing = sources.filter((s) => s.code === undefined);
  if (missing.length > 0) {
    // A function without code is already reported (or its file is); the others wait for it.
    return { problems: [] };
  }
  const { budgetOf, loadFunctions } = functionsModule();
  const { functions, problems } = loadFunctions(
    loaded.dir,
    sources.map((s) => ({ name: s.name, file: s.file, code: s.code! })),
    budgetOf(options.functionBudget),
  );
  return {
    ...(functions ? { functions } : {}),
    problems: problems.map((p) => ({ file: p.file, pointer: '', message: p.message })),
  };
}

/**
 * Every problem in the app's definitions ([] when clean): syntax, schema and cross-file checks.
 * `dir` defaults to the nearest folder upward from the current directory holding makecomapp.json.
 */
export async function validateApp(dir?: string, options: LoadOptions = {}): Promise<Problem[]> {
  return inspect(dir, options).problems;
}

/** Loads and validates the app; throws InvalidDefinitionsError listing every problem when invalid. */
export async function loadApp(dir?: string, options: LoadOptions = {}): Promise<App> {
  const { problems, loaded, functions, dir: appDir } = inspect(dir, options);
  if (problems.length > 0 || !loaded) throw new InvalidDefinitionsError(appDir, problems);
  const app = buildApp(loaded);
  if (functions) app.customFunctions = functions;
  return app;
}
