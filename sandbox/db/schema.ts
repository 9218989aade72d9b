/**
 * The sandbox's tables. Every list is served by keyset pagination over an index that starts with the list's
 * filter column and ends with its sort key (filtered lists included: plans and invoices by data source,
 * subscriptions by customer), so a page costs the same at record 100,000 as at record 1.
 * Children cascade: deleting a data source removes its customers, plans and invoices.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS row_counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS data_sources (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, system TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS data_sources_system ON data_sources(system);

CREATE TABLE IF NOT EXISTS customers (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '', country TEXT, state TEXT, city TEXT, zip TEXT, website_url TEXT, owner TEXT,
  lead_created_at INTEGER, free_trial_started_at INTEGER,
  lead_status TEXT NOT NULL DEFAULT 'New Lead', status TEXT NOT NULL DEFAULT 'New Lead',
  since INTEGER, since_key INTEGER NOT NULL, mrr INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]', custom TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS customers_order ON customers(since_key, id);
CREATE INDEX IF NOT EXISTS customers_source ON customers(data_source_id, since_key, id);
CREATE INDEX IF NOT EXISTS customers_status ON customers(status, since_key, id);
CREATE INDEX IF NOT EXISTS customers_email ON customers(email, since_key, id);

CREATE TABLE IF NOT EXISTS customer_identities (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL, UNIQUE(data_source_id, external_id));
CREATE INDEX IF NOT EXISTS identities_customer ON customer_identities(customer_id);
CREATE INDEX IF NOT EXISTS identities_external ON customer_identities(external_id, customer_id);

CREATE TABLE IF NOT EXISTS plans (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL, name TEXT NOT NULL, interval_count INTEGER NOT NULL, interval_unit TEXT NOT NULL,
  created_at INTEGER NOT NULL, UNIQUE(data_source_id, external_id));
CREATE INDEX IF NOT EXISTS plans_external ON plans(external_id, id);
CREATE INDEX IF NOT EXISTS plans_source ON plans(data_source_id, id);

CREATE TABLE IF NOT EXISTS plan_groups (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS plan_group_plans (
  group_id INTEGER NOT NULL REFERENCES plan_groups(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE, PRIMARY KEY(group_id, plan_id));
CREATE INDEX IF NOT EXISTS plan_group_plans_plan ON plan_group_plans(plan_id);

CREATE TABLE IF NOT EXISTS subscriptions (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, metrics_uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL, set_external_id TEXT, cancellation_dates TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, connected_to INTEGER, UNIQUE(customer_id, external_id));
CREATE INDEX IF NOT EXISTS subscriptions_connected ON subscriptions(connected_to);
CREATE INDEX IF NOT EXISTS subscriptions_customer ON subscriptions(customer_id, id);

CREATE TABLE IF NOT EXISTS invoices (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL, date INTEGER NOT NULL, due_date INTEGER, currency TEXT NOT NULL,
  created_at INTEGER NOT NULL, UNIQUE(data_source_id, external_id));
CREATE INDEX IF NOT EXISTS invoices_customer ON invoices(customer_id, id);
CREATE INDEX IF NOT EXISTS invoices_external ON invoices(external_id, id);
CREATE INDEX IF NOT EXISTS invoices_source ON invoices(data_source_id, id);

CREATE TABLE IF NOT EXISTS line_items (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL, external_id TEXT, type TEXT NOT NULL,
  subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL,
  plan_uuid TEXT, service_period_start INTEGER, service_period_end INTEGER, amount_in_cents INTEGER NOT NULL,
  tax_amount_in_cents INTEGER NOT NULL DEFAULT 0, quantity INTEGER, data TEXT NOT NULL,
  UNIQUE(data_source_id, external_id));
CREATE INDEX IF NOT EXISTS line_items_invoice ON line_items(invoice_id, id);
CREATE INDEX IF NOT EXISTS line_items_subscription ON line_items(subscription_id, service_period_start);

CREATE TABLE IF NOT EXISTS transactions (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  data_source_id INTEGER NOT NULL, external_id TEXT, type TEXT NOT NULL, result TEXT NOT NULL, date INTEGER NOT NULL,
  data TEXT NOT NULL, UNIQUE(data_source_id, external_id));
CREATE INDEX IF NOT EXISTS transactions_invoice ON transactions(invoice_id, id);
`;

/** Tables whose total row count is kept by triggers, so a list's total_pages costs nothing at any size. */
export const COUNTED_TABLES = ['customers', 'plans', 'plan_groups', 'invoices'];

export function countTriggers(): string {
  return COUNTED_TABLES.map(
    (t) => `
INSERT OR IGNORE INTO row_counts(name, n) VALUES ('${t}', (SELECT COUNT(*) FROM ${t}));
CREATE TRIGGER IF NOT EXISTS ${t}_count_insert AFTER INSERT ON ${t} BEGIN
  UPDATE row_counts SET n = n + 1 WHERE name = '${t}'; END;
CREATE TRIGGER IF NOT EXISTS ${t}_count_delete AFTER DELETE ON ${t} BEGIN
  UPDATE row_counts SET n = n - 1 WHERE name = '${t}'; END;`,
  ).join('\n');
}

/** Every data table, children first (used by reset); tables added by migrations included. */
export const DATA_TABLES = [
  'json_imports',
  'subscription_events',
  'contacts',
  'customer_notes',
  'tasks',
  'opportunities',
  'transactions',
  'line_items',
  'invoices',
  'subscriptions',
  'plan_group_plans',
  'plan_groups',
  'plans',
  'customer_identities',
  'customers',
  'data_sources',
];
