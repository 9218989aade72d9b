/** Billing tables and columns added after the baseline: subscription events. */
import type { Migration } from '../migrations';

/**
 * Subscription events with integer ids that are never reused (AUTOINCREMENT), as ChartMogul's are.
 * Fields echoed exactly as sent (`"quantity": ""` stays a string) live in `data`; filters have columns.
 */
export const billingSubscriptionEvents: Migration = {
  name: 'billing-subscription-events',
  up: (db) =>
    db.exec(`
CREATE TABLE subscription_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  customer_external_id TEXT NOT NULL, subscription_external_id TEXT NOT NULL, plan_external_id TEXT,
  event_type TEXT NOT NULL, event_date INTEGER NOT NULL, effective_date INTEGER NOT NULL, external_id TEXT,
  data TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE(data_source_id, external_id));
CREATE INDEX subscription_events_source ON subscription_events(data_source_id, id);
CREATE INDEX subscription_events_customer ON subscription_events(customer_id, id);
CREATE INDEX subscription_events_customer_external ON subscription_events(customer_external_id, id);
CREATE INDEX subscription_events_subscription ON subscription_events(subscription_external_id, id);
CREATE INDEX subscription_events_plan ON subscription_events(plan_external_id, id);
CREATE INDEX subscription_events_external ON subscription_events(external_id, id);
CREATE INDEX subscription_events_type ON subscription_events(event_type, id);
CREATE INDEX subscription_events_event_date ON subscription_events(event_date, id);
CREATE INDEX subscription_events_effective_date ON subscription_events(effective_date, id);`),
};

/**
 * What the 2025–26 invoice edit endpoints add: a settable invoice status (voided, written_off; null while
 * it is computed from the transactions), the collection method, and a disabled state (with when and by
 * whom) on invoices, line items and transactions.
 */
export const billingEditState: Migration = {
  name: 'billing-edit-state',
  up: (db) =>
    db.exec(`
ALTER TABLE invoices ADD COLUMN status TEXT;
ALTER TABLE invoices ADD COLUMN collection_method TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE invoices ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN disabled_at INTEGER;
ALTER TABLE invoices ADD COLUMN disabled_by TEXT;
ALTER TABLE line_items ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_items ADD COLUMN disabled_at INTEGER;
ALTER TABLE line_items ADD COLUMN disabled_by TEXT;
ALTER TABLE transactions ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transactions ADD COLUMN disabled_at INTEGER;
ALTER TABLE transactions ADD COLUMN disabled_by TEXT;
CREATE INDEX invoices_disabled ON invoices(disabled);`),
};
