/**
 * The derivation's tables, as named migrations (listed in sandbox/db/migrations.ts). Every per-customer row
 * cascades from its customer, so deleting a customer, a data source or merging one away removes its derived
 * state; the daily totals that metrics read are kept by triggers on the movements table, so they follow every
 * insert, update and delete — including those cascades — without a second bookkeeping path.
 */
import type { Db } from '../../db/open';
import type { Migration } from '../../db/migrations';
import { DAILY_COLUMNS } from '../metrics/totals';
import { dailyUpdateSql } from './daily';

const ensureDay = (row: 'NEW' | 'OLD') =>
  `INSERT INTO analytics_daily(day) VALUES (${row}.day) ON CONFLICT(day) DO NOTHING;`;

function createTables(db: Db): void {
  db.exec(`
CREATE TABLE analytics_subscriptions (
  id INTEGER PRIMARY KEY REFERENCES subscriptions(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  chain_id INTEGER NOT NULL, listed INTEGER NOT NULL, active INTEGER NOT NULL, mrr INTEGER NOT NULL,
  plan_uuid TEXT, quantity INTEGER NOT NULL, start_at INTEGER, end_at INTEGER, created_at INTEGER NOT NULL);
CREATE INDEX analytics_subscriptions_customer ON analytics_subscriptions(customer_id, listed, id);

CREATE TABLE analytics_steps (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, chain_id INTEGER NOT NULL, member_id INTEGER NOT NULL, at INTEGER NOT NULL,
  mrr INTEGER NOT NULL, live INTEGER NOT NULL, plan_uuid TEXT, currency TEXT NOT NULL);
CREATE INDEX analytics_steps_customer ON analytics_steps(customer_id, seq);

CREATE TABLE analytics_movements (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  chain_id INTEGER NOT NULL, member_id INTEGER NOT NULL, seq INTEGER NOT NULL,
  at INTEGER NOT NULL, day INTEGER NOT NULL, type TEXT NOT NULL, amount INTEGER NOT NULL,
  mrr_after INTEGER NOT NULL, description TEXT NOT NULL, plan_uuid TEXT,
  invoice_amount INTEGER NOT NULL, currency TEXT NOT NULL,
  customers_delta INTEGER NOT NULL, new_customer INTEGER NOT NULL, churn_same INTEGER NOT NULL,
  streak_start INTEGER, visible INTEGER NOT NULL);
CREATE INDEX analytics_movements_all ON analytics_movements(visible, at, id);
CREATE INDEX analytics_movements_type ON analytics_movements(visible, type, at, id);
CREATE INDEX analytics_movements_customer ON analytics_movements(customer_id, visible, at, id);
CREATE INDEX analytics_movements_churn ON analytics_movements(customers_delta, day);

CREATE TABLE analytics_daily (
  day INTEGER PRIMARY KEY, ${DAILY_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')});

CREATE TRIGGER analytics_movements_insert AFTER INSERT ON analytics_movements BEGIN
  ${ensureDay('NEW')} ${dailyUpdateSql('NEW', '+')} END;
CREATE TRIGGER analytics_movements_delete AFTER DELETE ON analytics_movements BEGIN
  ${dailyUpdateSql('OLD', '-')} END;
CREATE TRIGGER analytics_movements_update AFTER UPDATE ON analytics_movements BEGIN
  ${dailyUpdateSql('OLD', '-')} ${ensureDay('NEW')} ${dailyUpdateSql('NEW', '+')} END;

CREATE TABLE analytics_pending (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE, at INTEGER NOT NULL);
CREATE INDEX analytics_pending_at ON analytics_pending(at);

CREATE TABLE analytics_exports (
  id TEXT PRIMARY KEY, activity_type TEXT, start_at INTEGER, end_at INTEGER,
  created_at INTEGER NOT NULL, created_real INTEGER NOT NULL, completed_at INTEGER, expires_at INTEGER,
  file BLOB);
`);
  // Customers written before the derivation existed get their derived state at the next start.
  requestFullDerivation(db);
}

function createWebhookTables(db: Db): void {
  db.exec(`
CREATE TABLE analytics_webhook_destinations (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, url TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE analytics_webhook_deliveries (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  destination_id INTEGER NOT NULL REFERENCES analytics_webhook_destinations(id) ON DELETE CASCADE,
  movement_uuid TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
  next_attempt_at INTEGER, last_status INTEGER, last_error TEXT, created_at INTEGER NOT NULL,
  delivered_at INTEGER, UNIQUE(destination_id, movement_uuid));
CREATE INDEX analytics_webhook_deliveries_due ON analytics_webhook_deliveries(status, next_attempt_at);
CREATE INDEX analytics_webhook_deliveries_movement ON analytics_webhook_deliveries(movement_uuid);
`);
}

const FULL_DERIVATION = 'analytics_rederive_all';

export function requestFullDerivation(db: Db): void {
  db.prepare(`INSERT OR REPLACE INTO meta(key, value) VALUES ('${FULL_DERIVATION}', '1')`).run();
}

/** Whether a full derivation was requested (and clears the request when `clear`). */
export function fullDerivationRequested(db: Db, clear = false): boolean {
  const row = db.prepare(`SELECT 1 FROM meta WHERE key = '${FULL_DERIVATION}'`).get();
  if (row && clear) db.prepare(`DELETE FROM meta WHERE key = '${FULL_DERIVATION}'`).run();
  return row !== undefined;
}

export const analyticsDerivedState: Migration = { name: 'analytics-derived-state', up: createTables };
export const analyticsWebhooks: Migration = { name: 'analytics-webhooks', up: createWebhookTables };

/**
 * The churn index covers `streak_start` too: counting a window's customers who joined and churned in it (the
 * metrics summary) then reads the index alone, not a row per churn.
 */
export const analyticsChurnIndex: Migration = {
  name: 'analytics-churn-index',
  up: (db) =>
    db.exec(`DROP INDEX analytics_movements_churn;
CREATE INDEX analytics_movements_churn ON analytics_movements(customers_delta, day, streak_start);`),
};

/** Derived tables emptied by a full derivation (webhook destinations and deliveries are not derived). */
export const DERIVED_TABLES = [
  'analytics_movements',
  'analytics_steps',
  'analytics_subscriptions',
  'analytics_pending',
  'analytics_daily',
];
