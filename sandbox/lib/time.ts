/**
 * Timestamps as ChartMogul accepts them (`2016-01-01`, `2016-01-01 12:00:00`, `… UTC`, ISO 8601 with Z or an
 * offset, `2000-01-01 00:00:00 +0200`) and the two output forms the reference lists: resources use
 * `2016-01-01T12:00:00.000Z`, customer-since and metrics subscription dates `2016-01-01T12:00:00+00:00`.
 * Stored as epoch milliseconds.
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Epoch ms, or undefined when the value is not a timestamp ChartMogul would accept. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const parts = [y, mo, d, h, mi, s].map(Number);
  const ms = Number((frac + '000').slice(0, 3));
  // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999, turning 0050-06-01 into 1950.
  const check = new Date(0);
  check.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
  check.setUTCHours(parts[3], parts[4], parts[5], ms);
  const utc = check.getTime();
  if (
    check.getUTCMonth() !== parts[1] - 1 ||
    check.getUTCDate() !== parts[2] ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  ) {
    return undefined;
  }
  return utc - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string): number {
  if (/^(z|utc)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** `2016-01-01T12:00:00.000Z` (null stays null). */
export function isoMillis(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** `2016-01-01T12:00:00+00:00` (null stays null). */
export function isoOffset(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** `2016-01-01` */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2016-01-01T12:00:00Z` (subscription events; null stays null). */
export function isoSeconds(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
