/**
 * The JSON texts of views (a customer as the API shows it), kept while the database is unchanged: a
 * page of 200 customers is then its keyset query plus 200 texts joined, and a customer GET no SQL at
 * all. The texts are JSON.stringify of the one view function (views/customer.ts), kept as UTF-8 bytes (what
 * the response sends: no encoding per request), so what is served is byte for byte what building the view
 * again would give. Every write (through this connection or any
 * other, sandbox/db/generation.ts) empties the cache; a view depends on nothing else — the clock reaches
 * a customer only through the derivation's writes, which run before a request reads (analytics catchUp).
 * Memory is bounded: the least recently used texts go beyond MAX_BYTES per kind.
 */
import type { Db } from '../db/open';
import { generationOf, readsCommittedData, sameGeneration, type Generation } from '../db/generation';

/** ~20,000 customers' texts (about 800 bytes each). */
export const MAX_BYTES = 16 * 1024 * 1024;

export class ViewTexts {
  private generation: Generation | undefined;
  /** By id, least recently used first. */
  private readonly texts = new Map<number, { text: Buffer; key: string }>();
  /** The id of a view by its public key (a uuid), for the views kept. */
  private readonly ids = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly db: Db,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  /** The kept texts of views `ids` (undefined where none is), if the database has not changed since. */
  getAll(ids: readonly number[]): (Buffer | undefined)[] {
    this.checkGeneration();
    return ids.map((id) => this.touch(id));
  }

  /** The kept text of the view with public key `key` (a uuid). */
  getByKey(key: string): Buffer | undefined {
    this.checkGeneration();
    const id = this.ids.get(key);
    return id === undefined ? undefined : this.touch(id);
  }

  /**
   * The text of `view`, kept for view `id` (public key `key`) when it was read from committed data in the
   * generation the cache holds: never a view read inside a transaction that wrote and may roll back.
   */
  keep(id: number, key: string, view: unknown): Buffer {
    const text = Buffer.from(JSON.stringify(view));
    if (!readsCommittedData(this.db) || !sameGeneration(this.generation, generationOf(this.db))) return text;
    this.forget(id);
    this.texts.set(id, { text, key });
    this.ids.set(key, id);
    this.bytes += text.length;
    for (const [oldest] of this.texts) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
    return text;
  }

  /** How many texts are kept (for tests and the bench). */
  get size(): number {
    return this.texts.size;
  }

  private checkGeneration(): void {
    const now = generationOf(this.db);
    if (sameGeneration(this.generation, now)) return;
    this.texts.clear();
    this.ids.clear();
    this.bytes = 0;
    this.generation = now;
  }

  private touch(id: number): Buffer | undefined {
    const entry = this.texts.get(id);
    if (entry === undefined) return undefined;
    this.texts.delete(id);
    this.texts.set(id, entry);
    return entry.text;
  }

  private forget(id: number): void {
    const entry = this.texts.get(id);
    if (entry === undefined) return;
    this.texts.delete(id);
    this.ids.delete(entry.key);
    this.bytes -= entry.text.length;
  }
}

const caches = new WeakMap<Db, Map<string, ViewTexts>>();

/** The kept texts of one kind of view (`customer`) of the database. */
export function viewTexts(db: Db, kind: string): ViewTexts {
  let perDb = caches.get(db);
  if (!perDb) caches.set(db, (perDb = new Map()));
  let texts = perDb.get(kind);
  if (!texts) perDb.set(kind, (texts = new ViewTexts(db)));
  return texts;
}
