/** Reading the run history: listRuns and getRun, from a given file or the app folder's default. */
import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioRun, ScenarioRunSummary } from '../types';
import { openHistory, type HistoryStore } from './store';
import * as TriggerState from './trigger-state';
import type { StoredTriggerState } from './trigger-state';

export interface HistoryOptions {
  /** The history database file. */
  historyPath?: string;
  /**
   * The app folder whose `.sandbox/history.db` to read. The public listRuns/getRun (runtime/index.ts)
   * default it to the folder loadApp() uses, so the reader lands on the file runScenario wrote.
   */
  appDir?: string;
}

/** How many of the runs an ambiguous id prefix matches are named in the error. */
const AMBIGUOUS_SHOWN = 5;

export function defaultHistoryPath(appDir: string): string {
  return path.join(appDir, '.sandbox', 'history.db');
}

/** The history file the options name: the writer's rule, `defaultHistoryPath(app.dir)`, by default. */
export function historyPathOf(options: HistoryOptions = {}): string {
  if (options.historyPath) return options.historyPath;
  // The app-folder rule belongs to definitions, which the scenario runner does not import (DESIGN).
  if (!options.appDir) throw new Error('Reading the run history needs historyPath or appDir.');
  return defaultHistoryPath(path.resolve(options.appDir));
}

/** The history, when its file exists: reading never creates a database. */
function existingHistory(options: HistoryOptions): HistoryStore | undefined {
  const file = historyPathOf(options);
  return fs.existsSync(file) ? openHistory(file) : undefined;
}

export async function listRuns(
  options: { limit?: number } & HistoryOptions = {},
): Promise<ScenarioRunSummary[]> {
  return existingHistory(options)?.listRuns(options.limit) ?? [];
}

/** A run named by an id prefix that several runs share; `matches` lists some of them. */
export interface AmbiguousRunError extends Error {
  matches: string[];
}

/**
 * One run, by id or unique id prefix, with each module's input and output bundles (secrets masked).
 * Throws when unknown, and when the prefix names several runs (the error's `matches` lists a few).
 */
export async function getRun(runId: string, options: HistoryOptions = {}): Promise<ScenarioRun> {
  const store = existingHistory(options);
  const run = store?.getRun(runId);
  if (run) return run;
  const matches = store?.runIdsStartingWith(runId, AMBIGUOUS_SHOWN + 1) ?? [];
  if (matches.length > 1) {
    const shown = matches.slice(0, AMBIGUOUS_SHOWN).join(', ');
    const more = matches.length > AMBIGUOUS_SHOWN ? ', …' : '';
    throw Object.assign(new Error(`Run id prefix ${runId} matches several runs: ${shown}${more}`), {
      matches: matches.slice(0, AMBIGUOUS_SHOWN),
    }) as AmbiguousRunError;
  }
  throw new Error(`No run ${runId} in the history`);
}

/**
 * The blueprint a run ran (as stored: secrets masked), by id or unique id prefix: the whole scenario,
 * routes and error handlers included, which the module summaries of getRun do not give.
 */
export async function getRunBlueprint(runId: string, options: HistoryOptions = {}): Promise<unknown> {
  const run = await getRun(runId, options);
  return existingHistory(options)?.blueprintOf(run.id);
}

/** A polling trigger's state under a scenario key (undefined when none is kept). */
export async function getTriggerState(
  key: string,
  options: HistoryOptions = {},
): Promise<StoredTriggerState | undefined> {
  const store = existingHistory(options);
  return store && TriggerState.getTriggerState(store, key);
}

/** Keeps a trigger's state under a scenario key; `undefined` removes it (the trigger starts over). */
export async function setTriggerState(
  key: string,
  state: StoredTriggerState | undefined,
  options: HistoryOptions = {},
): Promise<void> {
  TriggerState.setTriggerState(openHistory(historyPathOf(options)), key, state);
}
