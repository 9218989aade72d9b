/**
 * What the definitions cache keeps beside the checked definitions: texts compiled from a clean load
 * (the parameters' validators as standalone code, registered by runtime/index.ts: this folder cannot
 * import the parameters), so a command the cache serves need not compile them again (issue 23).
 *
 * The texts live in one file beside the cache, `definitions-cache.kept`, and the cache entry holds
 * where each one is (offset, length, sha1): a hit reads only the texts it asks for, not the ~100
 * validators of the whole app. A text whose bytes no longer have their hash is not handed back (the
 * caller compiles it instead) and the cache is dropped, so the next load writes both files again.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { App } from '../types/app';

export interface CacheCompanion {
  /** Its name in the cache. */
  name: string;
  /** The texts to keep, by key, from the app a clean load builds. */
  build(app: App): Record<string, string>;
  /** On a hit: reads one kept text by key (undefined when there is none, or it no longer reads back). */
  use(read: (key: string) => string | undefined): void;
}

/** Where each companion's texts are in the kept file: key → [byte offset, byte length, sha1]. */
export type KeptIndex = Record<string, Record<string, [offset: number, length: number, hash: string]>>;

const companions: CacheCompanion[] = [];

/** Registers a companion (once per name); from then on an entry without its texts is a miss. */
export function keepWithDefinitions(companion: CacheCompanion): void {
  if (!companions.some((c) => c.name === companion.name)) companions.push(companion);
}

export function keptPath(cacheFile: string): string {
  return cacheFile.replace(/\.json$/, '.kept');
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** Whether an entry's index has every registered companion (else the cache is a miss). */
export function keepsEveryCompanion(index: KeptIndex | undefined): boolean {
  return companions.every((c) => index !== undefined && Object.hasOwn(index, c.name));
}

/** Builds every companion's texts and writes them whole (then renamed, 0600); their index. */
export function writeKept(cacheFile: string, build: () => App): KeptIndex {
  const index: KeptIndex = {};
  if (companions.length === 0) return index;
  const app = build();
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const companion of companions) {
    const where: KeptIndex[string] = (index[companion.name] = {});
    for (const [key, text] of Object.entries(companion.build(app))) {
      const bytes = Buffer.from(text, 'utf8');
      where[key] = [offset, bytes.length, sha1(bytes)];
      chunks.push(bytes);
      offset += bytes.length;
    }
  }
  const target = keptPath(cacheFile);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat(chunks), { mode: 0o600 });
  fs.renameSync(temporary, target);
  return index;
}

/** Hands each companion a reader of its kept texts. */
export function useKept(cacheFile: string, index: KeptIndex): void {
  const file = keptPath(cacheFile);
  for (const companion of companions) {
    const where = index[companion.name] ?? {};
    companion.use((key) => {
      const at = Object.hasOwn(where, key) ? where[key] : undefined;
      if (!at) return undefined;
      try {
        const bytes = Buffer.alloc(at[1]);
        const fd = fs.openSync(file, 'r');
        try {
          if (fs.readSync(fd, bytes, 0, at[1], at[0]) !== at[1]) return undefined;
        } finally {
          fs.closeSync(fd);
        }
        if (sha1(bytes) === at[2]) return bytes.toString('utf8');
      } catch {
        // unreadable: as damaged
      }
      // Damaged or replaced since: the caller compiles instead, and the next load rebuilds the cache.
      fs.rmSync(cacheFile, { force: true });
      return undefined;
    });
  }
}
