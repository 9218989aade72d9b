/**
 * runtime/definitions: reads makecomapp.json and the JSONC files it names, validates each against
 * schemas/ and runs the cross-file checks, then builds the App.
 */
import type { App, Problem } from '../types/app';
import { resolveAppDir } from './app-dir';
import { buildApp } from './build-app';
import { CHECKS } from './checks';
import { InvalidDefinitionsError } from './invalid-definitions-error';
import type { LoadedDefinitions, NamedCheck } from './loaded';
import { readDefinitions } from './read-definitions';

export { findAppDir, resolveAppDir } from './app-dir';
export { InvalidDefinitionsError, formatProblem } from './invalid-definitions-error';
export { didYouMean } from './did-you-mean';
export type { DefinitionCheck, DefinitionFile, LoadedDefinitions, NamedCheck } from './loaded';

/** Runs each check; a check that throws is reported as a problem rather than hiding the others. */
export function runChecks(loaded: LoadedDefinitions, checks: NamedCheck[] = CHECKS): Problem[] {
  const problems: Problem[] = [];
  for (const check of checks) {
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

function inspect(dir?: string): { problems: Problem[]; loaded?: LoadedDefinitions; dir: string } {
  const appDir = resolveAppDir(dir);
  const { loaded, problems } = readDefinitions(appDir);
  if (loaded) problems.push(...runChecks(loaded));
  return loaded ? { problems, loaded, dir: appDir } : { problems, dir: appDir };
}

/**
 * Every problem in the app's definitions ([] when clean): syntax, schema and cross-file checks.
 * `dir` defaults to the nearest folder upward from the current directory holding makecomapp.json.
 */
export async function validateApp(dir?: string): Promise<Problem[]> {
  return inspect(dir).problems;
}

/** Loads and validates the app; throws InvalidDefinitionsError listing every problem when invalid. */
export async function loadApp(dir?: string): Promise<App> {
  const { problems, loaded, dir: appDir } = inspect(dir);
  if (problems.length > 0 || !loaded) throw new InvalidDefinitionsError(appDir, problems);
  return buildApp(loaded);
}
