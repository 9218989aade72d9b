/**
 * Keeping secrets out of logs, errors and dry-run output. A Secrets set collects every credential a
 * run touches (the connection's values, the credential part of Authorization headers and its
 * decoded Basic parts, values the definition's `log.sanitize` names) and scrubs them from any text,
 * in plain, base64 and URL-encoded form.
 */
import { setOwn } from '../iml/values';
export const MASK = '***';

/** Header names whose values are always credentials, whatever `log.sanitize` says. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'set-cookie',
]);

export class Secrets {
  private values = new Set<string>();
  private headerValues = new Set<string>();
  private pattern: RegExp | undefined;

  /** Adds a secret and the encoded forms it may travel in. Short values (< 4 chars) are not masked. */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < 4 || this.values.has(value)) return;
    for (const form of formsOf(value)) this.values.add(form);
    this.pattern = undefined;
  }

  /** Learns the credentials inside a header value (`Basic <b64>`, `Bearer <token>`, a raw key). */
  addHeaderValue(value: unknown): void {
    // A header value learned here before had its parts learned with it (every request of a run sends the
    // same one). Its own set: a value that is a secret already (a connection field) still has its parts learned.
    if (typeof value !== 'string' || this.headerValues.has(value)) return;
    this.headerValues.add(value);
    this.add(value);
    const m = /^\s*(\w+)\s+(\S+)\s*$/.exec(value);
    if (!m) return;
    this.add(m[2]);
    if (m[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(m[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      this.add(decoded);
      if (colon >= 0) {
        this.add(decoded.slice(0, colon));
        this.add(decoded.slice(colon + 1));
      }
    }
  }

  /** Replaces every known secret in the text by ***. */
  scrub(text: string): string {
    if (this.values.size === 0) return text;
    if (!this.pattern) {
      const sorted = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(sorted.join('|'), 'g');
    }
    return text.replace(this.pattern, MASK);
  }

  /** Deep copy of a JSON-like value with secrets scrubbed from every string. */
  scrubValue<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v)) as T;
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setOwn(out, k, this.scrubValue(v));
      return out as T;
    }
    return value;
  }
}

/**
 * The forms a secret may travel in. Every module execution starts a Secrets set and learns the same
 * connection key and Authorization header again: their encodings are worked out once per value.
 */
function formsOf(value: string): readonly string[] {
  let forms = FORMS.get(value);
  if (!forms) {
    forms = [
      value,
      encodeURIComponent(value),
      Buffer.from(value).toString('base64'),
      Buffer.from(`${value}:`).toString('base64'),
    ];
    if (FORMS.size >= 256) FORMS.clear();
    FORMS.set(value, forms);
  }
  return forms;
}

const FORMS = new Map<string, readonly string[]>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A `log.sanitize` path (`request.headers.authorization`, ``request.headers.`X-Key` ``,
 * `response.body.access_token`) split into lower-cased segments.
 */
export function parseSanitizePath(path: string): string[] {
  const parts: string[] = [];
  const re = /`([^`]*)`|([^.]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) parts.push((m[1] ?? m[2]).toLowerCase());
  return parts;
}

/** Masks the values the sanitize paths point at inside `root` (`request` or `response`), case-insensitively. */
export function maskPaths<T>(root: 'request' | 'response', value: T, paths: string[][]): T {
  let out: unknown = value;
  for (const path of paths) {
    if (path[0] !== root) continue;
    out = maskAt(out, path.slice(1));
  }
  return out as T;
}

function maskAt(value: unknown, path: string[]): unknown {
  if (!path.length) return value === undefined ? value : MASK;
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  for (const key of Object.keys(copy)) {
    if (key.toLowerCase() === path[0]) copy[key] = maskAt(copy[key], path.slice(1));
  }
  return copy;
}

/** Headers with credential headers masked. */
export function maskHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? MASK : v;
  return out;
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/**
 * Scrubs a thrown error in place (message, stack, body excerpt, and its causes), so an error built
 * anywhere — an IML message quoting a value, a transport failure — never carries a credential.
 */
export function scrubError(err: unknown, secrets: Secrets): unknown {
  for (
    let e = err, depth = 0;
    e instanceof Error && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    e.message = secrets.scrub(e.message);
    if (e.stack) e.stack = secrets.scrub(e.stack);
    const withExcerpt = e as { bodyExcerpt?: unknown };
    if (typeof withExcerpt.bodyExcerpt === 'string')
      withExcerpt.bodyExcerpt = secrets.scrub(withExcerpt.bodyExcerpt);
  }
  return err;
}
