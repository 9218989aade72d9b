/**
 * The JSON texts of views (a customer as the API shows it), kept while the database is unchanged: a
 * page of 200 customers is then its keyset query plus 200 texts joined, and a customer GET no SQL at
 * all. The texts are JSON.stringify of the one view function (views/customer.ts), so what is served is
 * byte for byte what building the view again would give. A text is kept as a string and turned into its
 * UTF-8 bytes when it is read again (what a response sends: a page of kept texts is then one copy, not an
 * encoding of 160 kB per request, and a text read once is never encoded twice).
 *
 * Every write (through this connection or any other, sandbox/db/generation.ts) empties the cache. A view
 * depends on nothing else: the clock reaches a customer only through the derivation's writes, which run
 * before a request reads (analytics catchUp). Memory is bounded: the least recently used texts go beyond
 * MAX_BYTES per kind.
 */
import type { Db } from '../db/open';
import type { Page } from '../http/pagination';
import { JsonText, withJsonArray } from '../http/send';
import { generationOf, readsCommittedData, sameGeneration, type Generation } from '../db/generation';

/** ~20,000 customers' texts (about 800 bytes each). */
export const MAX_BYTES = 16 * 1024 * 1024;

/** A view's JSON: a string as built, its UTF-8 bytes once read again. */
export type Text = string | Buffer;

interface Entry {
  text: Text;
  key: string;
  /** Bytes counted for it (characters while it is a string). */
  size: number;
}

/** A view to keep: its id, its public key (a uuid) and the view object. */
export interface Built {
  id: number;
  key: string;
  view: unknown;
}

export class ViewTexts {
  private generation: Generation | undefined;
  /** By id, least recently used first. */
  private readonly texts = new Map<number, Entry>();
  /** The id of a view by its public key, for the views kept. */
  private readonly ids = new Map<string, number>();
  private bytes = 0;
  /**
   * Reads of the cache in this generation. The first read after a write keeps nothing: with writes and reads
   * alternating, texts kept only to be dropped by the next write cost more (the collector moves them to the
   * old generation, then frees them there) than they save; from the second read on, texts are kept.
   */
  private reads = 0;

  constructor(
    private readonly db: Db,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  /**
   * Begins reading a page: whether kept texts may serve it or texts built now would be kept. When neither
   * (the first read after a write), the page is best read and serialized whole, as if nothing were kept.
   */
  beginRead(): boolean {
    this.checkGeneration();
    return this.texts.size > 0 || this.keeping();
  }

  /** The kept texts of views `ids` (undefined where none is), if the database has not changed since. */
  getAll(ids: readonly number[]): (Buffer | undefined)[] {
    this.checkGeneration(false);
    return ids.map((id) => this.touch(id));
  }

  /** The kept text of the view with public key `key` (a uuid). */
  getByKey(key: string): Buffer | undefined {
    this.checkGeneration();
    const id = this.ids.get(key);
    return id === undefined ? undefined : this.touch(id);
  }

  /**
   * The texts of `built`, kept when they were read from committed data in the generation the cache holds:
   * never views read inside a transaction that wrote and may roll back.
   */
  keepAll(built: readonly Built[]): string[] {
    const texts = built.map((b) => JSON.stringify(b.view));
    if (!this.keeping()) return texts;
    built.forEach((b, i) => this.add(b.id, { text: texts[i], key: b.key, size: texts[i].length }));
    return texts;
  }

  /** Whether views built now would be kept (else a page may as well be serialized whole, as it is). */
  keeping(): boolean {
    return (
      this.reads >= 2 && readsCommittedData(this.db) && sameGeneration(this.generation, generationOf(this.db))
    );
  }

  keep(id: number, key: string, view: unknown): string {
    return this.keepAll([{ id, key, view }])[0];
  }

  /** How many texts are kept now (none once the database changed). */
  get size(): number {
    this.checkGeneration(false);
    return this.texts.size;
  }

  private checkGeneration(read = true): void {
    const now = generationOf(this.db);
    if (read) this.reads += 1;
    if (sameGeneration(this.generation, now)) return;
    this.texts.clear();
    this.ids.clear();
    this.bytes = 0;
    this.generation = now;
    this.reads = read ? 1 : 0;
  }

  private add(id: number, entry: Entry): void {
    this.forget(id);
    this.texts.set(id, entry);
    this.ids.set(entry.key, id);
    this.bytes += entry.size;
    for (const [oldest] of this.texts) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
  }

  private touch(id: number): Buffer | undefined {
    const entry = this.texts.get(id);
    if (entry === undefined) return undefined;
    this.texts.delete(id);
    if (typeof entry.text === 'string') {
      entry.text = Buffer.from(entry.text);
      this.bytes += entry.text.length - entry.size;
      entry.size = entry.text.length;
    }
    this.texts.set(id, entry);
    return entry.text;
  }

  private forget(id: number): void {
    const entry = this.texts.get(id);
    if (entry === undefined) return;
    this.texts.delete(id);
    this.ids.delete(entry.key);
    this.bytes -= entry.size;
  }
}

/** A page's entries: JSON texts (kept, or kept now), or views to serialize with the page as a whole. */
export type PageEntries = { texts: Text[] } | { views: Record<string, unknown>[] };

/**
 * The entries of a page whose keyset query gave `ids`, in that order: the texts kept since the last write,
 * the others built by `build` (each missing id's public key and view, read together) and kept; or, when
 * nothing of the page is kept and nothing would be (the first read after a write), the views themselves.
 */
export function pageEntries(
  kept: ViewTexts,
  ids: readonly number[],
  build: (missing: number[]) => Map<number, { key: string; view: () => Record<string, unknown> }>,
): PageEntries {
  const texts: (Text | undefined)[] = kept.getAll(ids);
  const missing = ids.filter((_, i) => texts[i] === undefined);
  if (missing.length === 0) return { texts: texts as Text[] };
  const built = build(missing);
  if (missing.length === ids.length && !kept.keeping())
    return { views: ids.map((id) => built.get(id)!.view()) };
  const views = missing.map((id) => ({ id, key: built.get(id)!.key, view: built.get(id)!.view() }));
  const byId = new Map(kept.keepAll(views).map((text, i) => [views[i].id, text]));
  return { texts: texts.map((text, i) => text ?? byId.get(ids[i])!) };
}

/** A kind of view whose texts are kept, as its pages read it. */
export interface KeptKind<Row extends { id: number }> {
  texts: ViewTexts;
  /** The rows with these ids, in any order. */
  byIds(ids: number[]): Row[];
  /** The public key and the view of each row (the rows of one page, read together). */
  views(rows: Row[]): Map<number, { key: string; view: () => Record<string, unknown> }>;
}

/**
 * A page and its entries. With texts kept (or to keep), the seek reads the page's ids alone and pageEntries
 * does the rest; otherwise (the first read after a write) it reads the whole rows and the page is serialized
 * whole, as without a cache: ids and then rows by id cost more than the one seek.
 */
export function readPage<Row extends { id: number }>(
  kind: KeptKind<Row>,
  seek: { rows: () => Page<Row>; ids: () => Page<{ id: number }> },
): { page: Page<{ id: number }>; entries: PageEntries } {
  if (!kind.texts.beginRead()) {
    const page = seek.rows();
    const views = kind.views(page.items);
    return { page, entries: { views: page.items.map((row) => views.get(row.id)!.view()) } };
  }
  const page = seek.ids();
  const ids = page.items.map((row) => row.id);
  return { page, entries: pageEntries(kind.texts, ids, (missing) => kind.views(kind.byIds(missing))) };
}

/**
 * The body of a page, `body(entries)`, its entries (the first key) given as views or spliced in as texts.
 */
export function pageBody(
  entries: PageEntries,
  body: (entries: unknown[]) => Record<string, unknown>,
): JsonText | Record<string, unknown> {
  return 'views' in entries ? body(entries.views) : withJsonArray(body([]), 'entries', entries.texts);
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
