/**
 * Hooks and their delivery queue in the run history (schema.ts). A delivery's items are queued in one
 * transaction before the caller gets its answer; a worker takes them one at a time, oldest first.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { HistoryStore } from '../history/store';

export interface HookRow {
  id: string;
  pathId: string;
  url: string;
  scenarioKey: string;
  app: string;
  webhook: string;
  module: string;
  type: 'web' | 'web-shared';
  parameters: Record<string, unknown>;
  data: Record<string, unknown>;
  uid: string | null;
  attached: boolean;
  createdAt: string;
}

export interface QueuedItem {
  seq: number;
  delivery: string;
  hookId: string;
  scenarioKey: string;
  receivedAt: string;
  item: unknown;
}

interface Row {
  id: string;
  path_id: string;
  url: string;
  scenario_key: string;
  app: string;
  webhook: string;
  module: string;
  type: 'web' | 'web-shared';
  parameters: string;
  data: string;
  uid: string | null;
  attached: number;
  created_at: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A hook id as Make's hook URLs carry them: 32 lower-case letters and digits (about 165 bits). */
export function newHookId(): string {
  let id = '';
  while (id.length < 32) {
    for (const byte of randomBytes(48)) {
      // 252 = 7 × 36: bytes above it would favour the first letters.
      if (byte < 252 && id.length < 32) id += ALPHABET[byte % 36];
    }
  }
  return id;
}

/** A path id looks like one of ours; anything else is answered 404 before any lookup. */
export const HOOK_ID = /^[a-z0-9]{32}$/;

function fromRow(r: Row): HookRow {
  return {
    id: r.id,
    pathId: r.path_id,
    url: r.url,
    scenarioKey: r.scenario_key,
    app: r.app,
    webhook: r.webhook,
    module: r.module,
    type: r.type,
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    data: JSON.parse(r.data) as Record<string, unknown>,
    uid: r.uid,
    attached: r.attached === 1,
    createdAt: r.created_at,
  };
}

export class HookStore {
  constructor(private readonly history: HistoryStore) {}

  private get db() {
    return this.history.db;
  }

  insert(hook: HookRow): void {
    this.db
      .prepare(
        `INSERT INTO hooks (id, path_id, url, scenario_key, app, webhook, module, type, parameters, data, uid, attached, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hook.id,
        hook.pathId,
        hook.url,
        hook.scenarioKey,
        hook.app,
        hook.webhook,
        hook.module,
        hook.type,
        JSON.stringify(hook.parameters),
        JSON.stringify(hook.data),
        hook.uid,
        hook.attached ? 1 : 0,
        hook.createdAt,
      );
  }

  markAttached(id: string, data: Record<string, unknown>): void {
    this.db.prepare('UPDATE hooks SET attached = 1, data = ? WHERE id = ?').run(JSON.stringify(data), id);
  }

  get(id: string): HookRow | undefined {
    const r = this.db.prepare('SELECT * FROM hooks WHERE id = ?').get(id) as Row | undefined;
    return r && fromRow(r);
  }

  forScenario(key: string): HookRow | undefined {
    const r = this.db.prepare('SELECT * FROM hooks WHERE scenario_key = ?').get(key) as Row | undefined;
    return r && fromRow(r);
  }

  /** The hooks a URL path serves: one for a dedicated webhook, every user's for a shared one. */
  atPath(pathId: string): HookRow[] {
    return (
      this.db.prepare('SELECT * FROM hooks WHERE path_id = ? ORDER BY created_at').all(pathId) as Row[]
    ).map(fromRow);
  }

  /** The URL path shared by every hook of a shared webhook (made on first use, then kept). */
  sharedPath(app: string, webhook: string): string | undefined {
    const r = this.db
      .prepare(`SELECT path_id FROM hooks WHERE app = ? AND webhook = ? AND type = 'web-shared' LIMIT 1`)
      .get(app, webhook) as { path_id: string } | undefined;
    return r?.path_id;
  }

  list(): HookRow[] {
    return (this.db.prepare('SELECT * FROM hooks ORDER BY created_at, id').all() as Row[]).map(fromRow);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM hooks WHERE id = ?').run(id).changes > 0;
  }

  /** Queues a delivery's items for each hook it is for, in one transaction; returns the delivery id. */
  enqueue(hooks: HookRow[], items: unknown[], receivedAt: string): string {
    const delivery = randomUUID();
    const insert = this.db.prepare(
      `INSERT INTO hook_deliveries (delivery, hook_id, scenario_key, received_at, item, status) VALUES (?, ?, ?, ?, ?, 'queued')`,
    );
    this.db.transaction(() => {
      for (const hook of hooks)
        for (const item of items)
          insert.run(delivery, hook.id, hook.scenarioKey, receivedAt, JSON.stringify(item));
    })();
    return delivery;
  }

  /** The oldest queued item of a scenario, not taken yet. */
  nextQueued(scenarioKey: string): QueuedItem | undefined {
    const r = this.db
      .prepare(
        `SELECT seq, delivery, hook_id, scenario_key, received_at, item FROM hook_deliveries
         WHERE scenario_key = ? AND status = 'queued' ORDER BY seq LIMIT 1`,
      )
      .get(scenarioKey) as
      | {
          seq: number;
          delivery: string;
          hook_id: string;
          scenario_key: string;
          received_at: string;
          item: string;
        }
      | undefined;
    if (!r) return undefined;
    return {
      seq: r.seq,
      delivery: r.delivery,
      hookId: r.hook_id,
      scenarioKey: r.scenario_key,
      receivedAt: r.received_at,
      item: JSON.parse(r.item),
    };
  }

  /**
   * Marks an item taken by a run. Called inside the transaction that starts the run's journal entry,
   * so an item is either still queued or belongs to a run: never both, never neither. The item itself
   * leaves the queue then: the run's journal holds it from there on, masked.
   */
  take(seq: number, runId: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE hook_deliveries SET status = 'taken', run_id = ?, item = 'null' WHERE seq = ? AND status = 'queued'`,
        )
        .run(runId, seq).changes === 1
    );
  }

  /** Items still queued: per scenario key, or all. */
  queued(scenarioKey?: string): number {
    const r = (
      scenarioKey === undefined
        ? this.db.prepare(`SELECT COUNT(*) AS n FROM hook_deliveries WHERE status = 'queued'`).get()
        : this.db
            .prepare(`SELECT COUNT(*) AS n FROM hook_deliveries WHERE status = 'queued' AND scenario_key = ?`)
            .get(scenarioKey)
    ) as { n: number };
    return r.n;
  }

  /** Scenario keys with queued items (what a server drains at start). */
  keysWithQueued(): string[] {
    return (
      this.db
        .prepare(
          `SELECT DISTINCT scenario_key FROM hook_deliveries WHERE status = 'queued' ORDER BY scenario_key`,
        )
        .all() as { scenario_key: string }[]
    ).map((r) => r.scenario_key);
  }
}
