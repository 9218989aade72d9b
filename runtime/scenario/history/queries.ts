/** Reading the run history: listRuns and getRun, from a given file or the app folder's default. */
import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioRun, ScenarioRunSummary } from '../types';
import { openHistory } from './store';

export interface HistoryOptions {
  /** The history database file. */
  historyPath?: string;
  /** The app folder whose `.sandbox/history.db` to read; default the nearest folder upward holding makecomapp.json. */
  appDir?: string;
}

export function defaultHistoryPath(appDir: string): string {
  return path.join(appDir, '.sandbox', 'history.db');
}

export async function listRuns(
  options: { limit?: number } & HistoryOptions = {},
): Promise<ScenarioRunSummary[]> {
  return openHistory(historyFile(options)).listRuns(options.limit);
}

/** One run with each module's input and output bundles (secrets masked). Throws when unknown. */
export async function getRun(runId: string, options: HistoryOptions = {}): Promise<ScenarioRun> {
  const run = openHistory(historyFile(options)).getRun(runId);
  if (!run) throw new Error(`No run ${runId} in the history`);
  return run;
}

function historyFile(options: HistoryOptions): string {
  return options.historyPath ?? (options.appDir ? defaultHistoryPath(options.appDir) : findHistoryPath());
}

function findHistoryPath(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'makecomapp.json'))) return defaultHistoryPath(dir);
    if (path.dirname(dir) === dir) return defaultHistoryPath(path.resolve(from));
  }
}
