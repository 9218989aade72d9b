// The shape comparator: does our response have every key the recorded one has, with the same JSON
// type, recursively? Ids and timestamps are compared by format (prefix, UUID shape, timestamp form),
// never by value, because the sandbox mints its own ids and clock.

export interface ShapeDifference {
  /** JSON path into the response, e.g. `$.entries[0].uuid`. */
  path: string;
  problem: string;
}

/** A response body that was not JSON (a gateway's text page, say): compared by status only. */
export class NonJsonBody {
  constructor(readonly text: string) {}
}

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'boolean' || type === 'number' || type === 'string') return type;
  return 'object';
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PREFIXED_ID = new RegExp(`^([a-z]+_)${UUID}$`, 'i');
const BARE_UUID = new RegExp(`^${UUID}$`, 'i');
// Dates and timestamps in every form ChartMogul uses on input or output.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?: ?(?:Z|UTC|[+-]\d{2}:?\d{2}))?$/;

/**
 * The format of a string that carries one, or null for free text. Timestamps are described by their
 * form with digits masked, so `2023-10-30T00:05:45.000Z` and `2016-01-01T12:00:00.000Z` agree while
 * `2016-01-01T12:00:00+00:00` differs.
 */
export function stringFormat(value: string): string | null {
  const prefixed = PREFIXED_ID.exec(value);
  if (prefixed) return `id ${prefixed[1]!.toLowerCase()}<uuid>`;
  if (BARE_UUID.test(value)) return 'uuid';
  // The offset's sign is the account's time zone, not a different form.
  if (TIMESTAMP.test(value)) return `timestamp ${value.replace(/\d/g, 'd').replace(/[+-](dd:?dd)$/, '±$1')}`;
  return null;
}

// External ids are the client's data, whatever they look like (ChartMogul fills a UUID when none is given).
const EXTERNAL_ID_KEY = /(?:^|_)external_ids?$/;

function describe(value: unknown): string {
  const type = jsonType(value);
  if (type === 'string') {
    const format = stringFormat(value as string);
    return format ? `string (${format}) ${JSON.stringify(value)}` : `string ${JSON.stringify(value)}`;
  }
  if (type === 'array') return `array of ${(value as unknown[]).length}`;
  if (type === 'object') return 'object';
  return `${type} ${JSON.stringify(value)}`;
}

function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Every way `ours` falls short of the recorded shape; empty when it matches.
 * Rules: a recorded null says only that the key exists (its type when set is unknown), so any value of
 * ours passes; a recorded non-null demands the same JSON type; strings with a format (id, UUID,
 * timestamp) demand the same format, except under external-id keys, which hold the client's data; recorded arrays are compared item by item as far as both reach,
 * and a recorded non-empty array demands a non-empty one. Extra keys of ours are fine.
 */
export function compareShape(
  recorded: unknown,
  ours: unknown,
  path = '$',
  freeText = false,
): ShapeDifference[] {
  if (recorded instanceof NonJsonBody) return [];
  if (recorded === undefined) {
    return ours === undefined ? [] : [{ path, problem: `expected an empty body, got ${describe(ours)}` }];
  }
  if (ours === undefined) return [{ path, problem: `expected ${describe(recorded)}, got an empty body` }];
  if (recorded === null) return [];

  const expectedType = jsonType(recorded);
  const actualType = jsonType(ours);
  if (expectedType !== actualType) {
    return [{ path, problem: `expected ${describe(recorded)}, got ${describe(ours)}` }];
  }

  if (expectedType === 'string') {
    const expectedFormat = freeText ? null : stringFormat(recorded as string);
    if (expectedFormat !== null && stringFormat(ours as string) !== expectedFormat) {
      return [{ path, problem: `expected ${describe(recorded)}, got ${describe(ours)}` }];
    }
    return [];
  }

  if (expectedType === 'array') {
    const rec = recorded as unknown[];
    const our = ours as unknown[];
    if (rec.length > 0 && our.length === 0) {
      return [{ path, problem: `expected ${describe(recorded)}, got an empty array` }];
    }
    const reach = Math.min(rec.length, our.length);
    const differences: ShapeDifference[] = [];
    for (let i = 0; i < reach; i++)
      differences.push(...compareShape(rec[i], our[i], `${path}[${i}]`, freeText));
    return differences;
  }

  if (expectedType === 'object') {
    const rec = recorded as Record<string, unknown>;
    const our = ours as Record<string, unknown>;
    const differences: ShapeDifference[] = [];
    for (const key of Object.keys(rec)) {
      const keyPath = childPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(our, key)) {
        differences.push({ path: keyPath, problem: `missing key (recorded ${describe(rec[key])})` });
      } else {
        differences.push(...compareShape(rec[key], our[key], keyPath, EXTERNAL_ID_KEY.test(key)));
      }
    }
    return differences;
  }

  return [];
}
