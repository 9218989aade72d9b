// Maps the ids (and cursors) of a recording to the ones the sandbox minted, and rewrites requests.
// Mappings are learned by walking a recorded response and ours side by side: whatever id sits at the
// same JSON path in both is the same entity.
import { stringFormat } from './shape';

/** A prefixed id (`cus_…`) or a bare UUID: the values worth mapping. */
export function isEntityId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const format = stringFormat(value);
  return format !== null && (format === 'uuid' || format.startsWith('id '));
}

/** The prefix of a prefixed id (`cus_`), or null for a bare UUID or anything else. */
export function idPrefix(value: string): string | null {
  const match = /^([a-z]+_)[0-9a-f]{8}-/i.exec(value);
  return match && isEntityId(value) ? match[1]!.toLowerCase() : null;
}

// Integer ids live under these keys only; elsewhere a number is a quantity and never rewritten.
const NUMERIC_ID_KEY = /^(?:id|.*\[id\])$/;

export class IdMap {
  private readonly forward = new Map<string, string>();
  private readonly backward = new Map<string, string>();

  /** Record that `recorded` is `ours`; a mapping, once made, is never replaced. */
  set(recorded: string | number, ours: string | number): void {
    const from = String(recorded);
    const to = String(ours);
    // Integer ids of different tables (a customer's, an event's) may coincide: only uuids must be one-to-one.
    if (this.forward.has(from) || (typeof ours === 'string' && this.backward.has(to))) return;
    this.forward.set(from, to);
    this.backward.set(to, from);
  }

  get(recorded: string | number): string | undefined {
    return this.forward.get(String(recorded));
  }

  has(recorded: string | number): boolean {
    return this.forward.has(String(recorded));
  }

  /** Learn every id (and cursor) that sits at the same JSON path in both bodies. */
  learn(recorded: unknown, ours: unknown, key = ''): void {
    if (typeof recorded === 'string' && typeof ours === 'string') {
      if (key === 'cursor' || (isEntityId(recorded) && isEntityId(ours))) this.set(recorded, ours);
      return;
    }
    if (typeof recorded === 'number' && typeof ours === 'number') {
      if (NUMERIC_ID_KEY.test(key)) this.set(recorded, ours);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(ours)) {
      const reach = Math.min(recorded.length, ours.length);
      for (let i = 0; i < reach; i++) this.learn(recorded[i], ours[i], key);
      return;
    }
    if (isObject(recorded) && isObject(ours)) {
      for (const [childKey, value] of Object.entries(recorded)) {
        if (childKey in ours) this.learn(value, ours[childKey], childKey);
      }
    }
  }

  /** A deep copy of a request body with every mapped id replaced. */
  rewriteBody(value: unknown, key = ''): unknown {
    if (typeof value === 'string') return this.forward.get(value) ?? value;
    if (typeof value === 'number' && NUMERIC_ID_KEY.test(key)) {
      const mapped = this.forward.get(String(value));
      return mapped !== undefined && /^\d+$/.test(mapped) ? Number(mapped) : value;
    }
    if (Array.isArray(value)) return value.map((item) => this.rewriteBody(item, key));
    if (isObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewriteBody(v, k)]));
    }
    return value;
  }

  /** A path with each mapped segment replaced. */
  rewritePath(path: string): string {
    return path
      .split('/')
      .map((segment) => this.forward.get(segment) ?? segment)
      .join('/');
  }

  rewriteQuery(query: Array<[string, string]>): Array<[string, string]> {
    return query.map(([name, value]) => [name, this.forward.get(value) ?? value]);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every entity id a request names (path segments, query values, body strings), in order of appearance. */
export function idsInRequest(path: string, query: Array<[string, string]>, body: unknown): string[] {
  const found: string[] = [];
  const add = (value: unknown): void => {
    if (isEntityId(value) && !found.includes(value)) found.push(value);
  };
  path.split('/').forEach(add);
  query.forEach(([, value]) => add(value));
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
    else add(value);
  };
  walk(body);
  return found;
}
