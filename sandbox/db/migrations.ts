/**
 * Schema changes after the baseline in schema.ts (the tables as of the first release with a database file).
 * Each change is a named migration, applied once, in list order, in a transaction of its own, and recorded
 * by name in `schema_migrations` — so a database written by any earlier version opens and keeps its data,
 * and changes made in parallel merge as two lists of names (docs/decisions.md, "Round 2: who owns what").
 * Append new migrations at the end; never rename, reorder or edit one that has shipped.
 */
import type { Db } from './open';
import { crmContacts, crmFilterIndexes, crmNotes, crmOpportunities, crmTasks } from './changes/crm';
import { billingEditState, billingSubscriptionEvents } from './changes/billing';
import { importJsonImports } from './changes/imports';
import { analyticsChurnIndex, analyticsDerivedState, analyticsWebhooks } from '../analytics/store/schema';

export interface Migration {
  /** Unique and stable: `<area>-<what>`, e.g. `crm-contacts`. */
  name: string;
  up(db: Db): void;
}

/** Every migration, oldest first. Areas add theirs at the end, one line each (merges stay line-wise). */
// prettier-ignore
export const MIGRATIONS: Migration[] = [
  crmContacts,
  crmNotes,
  crmTasks,
  crmOpportunities,
  billingSubscriptionEvents,
  billingEditState,
  importJsonImports,
  analyticsDerivedState,
  analyticsWebhooks,
  analyticsChurnIndex,
  crmFilterIndexes,
];

export function applyMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.name)) throw new Error(`sandbox migration "${m.name}" is listed twice`);
    seen.add(m.name);
  }
  const applied = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const ran: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    try {
      db.transaction(() => {
        m.up(db);
        db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
          m.name,
          new Date().toISOString(),
        );
      })();
    } catch (e) {
      throw new Error(`sandbox migration "${m.name}" failed: ${(e as Error).message}`, { cause: e });
    }
    ran.push(m.name);
  }
  return ran;
}
