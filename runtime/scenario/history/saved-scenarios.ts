/**
 * Saved scenarios: what the workbench page autosaves, one row per scenario key (DESIGN "Scenario
 * identity": in the page, the id of the scenario the server saved), in the run history's database so
 * a scenario outlives a reload, another port and a restart. Each save bumps a revision; a save that
 * names an older revision than the stored one is refused (another window saved since), so two pages
 * never overwrite each other's work without a word.
 */
import { historyPathOf, type HistoryOptions } from './queries';
import { openHistory, type HistoryStore } from './store';
import fs from 'node:fs';

export interface SavedScenarioSummary {
  key: string;
  name: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Where the scenario came from, as the saver said (e.g. `{ runId }` for a copy of a History run). */
  origin?: Record<string, unknown>;
}

export interface SavedScenario extends SavedScenarioSummary {
  blueprint: unknown;
}

export interface SaveScenarioInput {
  blueprint: unknown;
  origin?: Record<string, unknown>;
  /** The revision the saver last read; absent: save whatever is stored. */
  revision?: number;
}

/** A save based on an older revision than the stored one. */
export class ScenarioConflictError extends Error {
  constructor(
    readonly key: string,
    readonly current: number,
  ) {
    super(`Scenario ${key} was saved elsewhere since (revision ${current}); reload it before saving`);
    this.name = 'ScenarioConflictError';
  }
}

interface Row {
  key: string;
  name: string;
  blueprint: string;
  origin: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

/** The history, its table in place (the `page-saved-scenarios` migration); undefined when reading a file that does not exist. */
function historyFor(options: HistoryOptions, create: boolean): HistoryStore | undefined {
  const file = historyPathOf(options);
  if (!create && !fs.existsSync(file)) return undefined;
  return openHistory(file);
}

function summaryOf(row: Row): SavedScenarioSummary {
  const summary: SavedScenarioSummary = {
    key: row.key,
    name: row.name,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.origin) summary.origin = JSON.parse(row.origin) as Record<string, unknown>;
  return summary;
}

const nameOf = (blueprint: unknown): string => {
  const name = (blueprint as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name : 'Untitled scenario';
};

/** The saved scenarios, most recently saved first. */
export async function listSavedScenarios(
  options: { limit?: number } & HistoryOptions = {},
): Promise<SavedScenarioSummary[]> {
  const store = historyFor(options, false);
  if (!store) return [];
  const rows = store
    .statement('SELECT * FROM saved_scenarios ORDER BY updated_at DESC, rowid DESC LIMIT ?')
    .all(options.limit ?? 100) as Row[];
  return rows.map(summaryOf);
}

/** One saved scenario with its blueprint, or undefined when none has that key. */
export async function getSavedScenario(
  key: string,
  options: HistoryOptions = {},
): Promise<SavedScenario | undefined> {
  const store = historyFor(options, false);
  const row = store?.statement('SELECT * FROM saved_scenarios WHERE key = ?').get(key) as Row | undefined;
  return row ? { ...summaryOf(row), blueprint: JSON.parse(row.blueprint) } : undefined;
}

/** Stores a scenario under its key (a new one, or the next revision); throws ScenarioConflictError. */
export async function saveScenario(
  key: string,
  input: SaveScenarioInput,
  options: HistoryOptions & { now?: Date } = {},
): Promise<SavedScenarioSummary> {
  const store = historyFor(options, true)!;
  const now = (options.now ?? new Date()).toISOString();
  return store.db.transaction((): SavedScenarioSummary => {
    const stored = store.statement('SELECT * FROM saved_scenarios WHERE key = ?').get(key) as Row | undefined;
    if (stored && input.revision !== undefined && input.revision !== stored.revision)
      throw new ScenarioConflictError(key, stored.revision);
    const row: Row = {
      key,
      name: nameOf(input.blueprint),
      blueprint: JSON.stringify(input.blueprint),
      origin: input.origin ? JSON.stringify(input.origin) : (stored?.origin ?? null),
      revision: (stored?.revision ?? 0) + 1,
      created_at: stored?.created_at ?? now,
      updated_at: now,
    };
    store
      .statement(
        `INSERT INTO saved_scenarios (key, name, blueprint, origin, revision, created_at, updated_at)
       VALUES (@key, @name, @blueprint, @origin, @revision, @created_at, @updated_at)
       ON CONFLICT (key) DO UPDATE SET name = @name, blueprint = @blueprint, origin = @origin,
         revision = @revision, updated_at = @updated_at`,
      )
      .run(row);
    return summaryOf(row);
  })();
}

/** Forgets a saved scenario; whether there was one. */
export async function deleteSavedScenario(key: string, options: HistoryOptions = {}): Promise<boolean> {
  const store = historyFor(options, false);
  return Boolean(store && store.statement('DELETE FROM saved_scenarios WHERE key = ?').run(key).changes > 0);
}
