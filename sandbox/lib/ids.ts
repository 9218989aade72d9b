/**
 * ChartMogul-style identifiers: a prefix and a UUID (ds_, cus_, pl_, plg_, inv_, li_, tr_, sub_, acc_). Random by
 * default; with a fixed clock they come from a counter hashed with the clock, so a run is reproducible. The
 * counter lives in the database, so a restarted sandbox never hands out an id twice.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/open';

export interface IdGenerator {
  /** A bare UUID (metrics subscriptions, plan external ids). */
  uuid(): string;
  prefixed(prefix: string): string;
}

export function createIdGenerator(db: Db, seed?: string): IdGenerator {
  if (seed === undefined) {
    return { uuid: () => crypto.randomUUID(), prefixed: (p) => `${p}_${crypto.randomUUID()}` };
  }
  const read = db.prepare(`SELECT value FROM meta WHERE key = 'id_counter'`);
  const write = db.prepare(
    `INSERT INTO meta(key, value) VALUES ('id_counter', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  let counter = Number((read.get() as { value: string } | undefined)?.value ?? 0);
  const uuid = (): string => {
    counter += 1;
    write.run(String(counter));
    const hex = crypto.createHash('sha256').update(`${seed}:${counter}`).digest('hex');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return { uuid, prefixed: (p) => `${p}_${uuid()}` };
}
