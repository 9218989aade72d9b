/**
 * Turning evaluated request directives into bytes: URLs (baseUrl, target, encodeUrl), query strings,
 * Make's Title-Case header names and request bodies by `type`.
 */
import { randomBytes } from 'node:crypto';
import { BundleValidationError, FieldProblem, RuntimeError } from '../errors';
import { setOwn } from '../iml/values';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Without its trailing slashes. A loop, not `/\/+$/`: that regex retries at every slash of a long
 * run that does not end the text, quadratic in a hostile URL (issue 16).
 */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

/** `url` against `baseUrl`: a relative url is appended (one slash between them); an absolute one bypasses it. */
export function joinUrl(baseUrl: string | undefined, url: string): string {
  if (ABSOLUTE.test(url) || !baseUrl) return url;
  let start = 0;
  while (url.charCodeAt(start) === 47) start++;
  return `${trimTrailingSlashes(baseUrl)}/${start === 0 ? url : url.slice(start)}`;
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces `baseOrigin` by `target` (an origin, optionally with a path prefix) in a URL that starts with it. */
export function retarget(url: string, baseOrigin: string | undefined, target: string | undefined): string {
  if (!target || !baseOrigin) return url;
  if (originOf(url) !== baseOrigin) return url;
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, trimTrailingSlashes(target));
}

/** Only characters encodeUrl leaves alone, and no `%` (whose escapes it must check). */
const NOTHING_TO_ENCODE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]*$/;

/** encodeUrl: percent-encodes what may not appear in a URL, leaving reserved characters and %XX escapes alone. */
export function encodeUrl(url: string): string {
  // Most URLs need nothing: one test of the text is several times cheaper than the replace's scan.
  if (NOTHING_TO_ENCODE.test(url)) return url;
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]|%(?![0-9A-Fa-f]{2})/gu, (c) =>
    encodeURIComponent(c),
  );
}

/** A query string: arrays repeat the key, undefined is dropped, nested objects use brackets. */
export function encodeQuery(qs: Record<string, unknown> | undefined): string {
  if (!qs) return '';
  const keys = Object.keys(qs);
  if (keys.length === 0) return '';
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) return value.forEach((v) => add(key, v));
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
      return;
    }
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalarText(value))}`);
  };
  for (const k of keys) add(k, qs[k]);
  return parts.join('&');
}

export function appendQuery(url: string, query: string): string {
  if (!query) return url;
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}${query}${hash >= 0 ? url.slice(hash) : ''}`;
}

function scalarText(value: unknown): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Make normalizes header names to Title-Case: `x-api-KEY` → `X-Api-Key`. */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * A header name as it goes on the wire (Title-Case), or null when it is not a token. An app sends
 * the same few header names on every request: each is checked and cased once (a profile of request
 * building had the regex replace at 4 % of it).
 */
function wireName(name: string): string | null {
  let wire = WIRE_NAMES.get(name);
  if (wire === undefined) {
    // A refused name fails its request, and a long one is nobody's usual header: neither is kept.
    if (!TOKEN.test(name)) return null;
    wire = titleCase(name);
    if (name.length > 256) return wire;
    if (WIRE_NAMES.size >= 1000) WIRE_NAMES.clear();
    WIRE_NAMES.set(name, wire);
  }
  return wire;
}

const WIRE_NAMES = new Map<string, string>();

/** An HTTP field name: a token (RFC 9110 §5.6.2), nothing else reaches the wire as written. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node accepts in a field value (tab, visible ASCII, obs-text): no line breaks, nothing past U+00FF. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The headers as they go on the wire, names in Title-Case. Names differing only in case are one
 * header and the later wins (the definition's own keys come after a spread, so a user's
 * `aUTHORIZATION` cannot replace the connection's). A name that is not a token (`authorization `) or
 * a value Node could not send is refused before anything is sent (decisions.md "Header names on the
 * wire"): the HTTP client would trim or reject it, and the request shown would not be the one sent.
 */
export function encodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  let problems: FieldProblem[] | undefined;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    const text =
      typeof value === 'string'
        ? value
        : Array.isArray(value)
          ? value.map(scalarText).join(', ')
          : scalarText(value);
    const wire = wireName(name);
    if (wire === null)
      (problems ??= []).push({
        field: 'headers',
        message: `header name ${JSON.stringify(name)} is not a valid HTTP header name`,
      });
    else if (INVALID_VALUE.test(text))
      (problems ??= []).push({
        field: 'headers',
        message: `header ${name} has a line break or a character HTTP cannot carry`,
      });
    else setOwn(out, wire, text);
  }
  if (problems) throw new BundleValidationError(problems);
  return out;
}

export interface EncodedBody {
  body?: Buffer | string;
  contentType?: string;
}

/** Encodes the evaluated `body` by the request `type`; GET and HEAD send none. */
export function encodeBody(method: string, type: string | undefined, body: unknown): EncodedBody {
  if (method === 'GET' || method === 'HEAD' || body === undefined) return {};
  switch (type === undefined ? 'json' : type.toLowerCase()) {
    case 'json':
      return { body: JSON.stringify(body), contentType: 'application/json' };
    case 'urlencoded':
      return {
        body: isObject(body) ? encodeQuery(body) : scalarText(body),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart/form-data':
      return encodeMultipart(isObject(body) ? body : { value: body });
    case 'text':
    case 'string':
    case 'raw':
      return {
        body:
          typeof body === 'string'
            ? body
            : Buffer.isBuffer(body)
              ? body.toString('utf8')
              : JSON.stringify(body),
        contentType: 'text/plain; charset=utf-8',
      };
    case 'binary':
      return {
        body: Buffer.isBuffer(body)
          ? body
          : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
        contentType: 'application/octet-stream',
      };
    default:
      throw new RuntimeError(`Unknown request type "${type}".`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** multipart/form-data; a file part is `{ value, options: { filename, contentType } }`. */
function encodeMultipart(fields: Record<string, unknown>): EncodedBody {
  const boundary = `----chartmogul-connector-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  const part = (name: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) return value.forEach((v) => part(name, v));
    let data: Buffer;
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"`;
    if (isObject(value) && 'value' in value) {
      const options = isObject(value.options) ? value.options : {};
      if (options.filename !== undefined) head += `; filename="${quote(String(options.filename))}"`;
      head += `\r\nContent-Type: ${String(options.contentType ?? 'application/octet-stream')}`;
      data = Buffer.isBuffer(value.value) ? value.value : Buffer.from(scalarOrJson(value.value));
    } else {
      data = Buffer.isBuffer(value) ? value : Buffer.from(scalarOrJson(value));
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`), data, Buffer.from('\r\n'));
  };
  for (const [k, v] of Object.entries(fields)) part(k, v);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function scalarOrJson(v: unknown): string {
  return typeof v === 'object' && v !== null && !(v instanceof Date) ? JSON.stringify(v) : scalarText(v);
}

function quote(s: string): string {
  return s.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
}
