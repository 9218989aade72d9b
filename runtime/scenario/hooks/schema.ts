/**
 * The history tables of webhooks (docs/decisions.md "Round 2: who owns what"): hooks and the durable
 * queue of delivered items, keyed by the scenario key. Applied through the history's named migrations.
 */
import type { Migration } from '../history/migrations';

export const HOOK_MIGRATIONS: Migration[] = [
  {
    name: 'hooks-hooks',
    up: (db) =>
      db.exec(`
CREATE TABLE hooks (
  id TEXT PRIMARY KEY,          -- the hook's own id (hooks delete ID); for web hooks also its URL's path
  path_id TEXT NOT NULL,        -- what /hooks/:id matches (a shared webhook's URL is one for all its hooks)
  url TEXT NOT NULL,            -- the URL the service was given (attach) or the user was shown
  scenario_key TEXT NOT NULL,
  app TEXT NOT NULL,
  webhook TEXT NOT NULL,
  module TEXT NOT NULL,
  type TEXT NOT NULL,           -- web | web-shared
  parameters TEXT NOT NULL,     -- JSON: the hook's parameters
  data TEXT NOT NULL,           -- JSON: what attach saved (webhook.*), needed again by detach
  uid TEXT,                     -- web-shared: whose deliveries (the connection's uid)
  attached INTEGER NOT NULL,    -- 1 once attach ran (0: none to run, or not yet)
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX hooks_scenario ON hooks (scenario_key);
CREATE INDEX hooks_path ON hooks (path_id);
CREATE TABLE hook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery TEXT NOT NULL,       -- one request's id: its items share it
  hook_id TEXT NOT NULL,
  scenario_key TEXT NOT NULL,
  received_at TEXT NOT NULL,
  item TEXT NOT NULL,           -- JSON: one item, one scenario run
  status TEXT NOT NULL,         -- queued | taken
  run_id TEXT
);
CREATE INDEX hook_deliveries_queue ON hook_deliveries (scenario_key, status, seq);
`),
  },
];
