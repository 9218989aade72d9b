/**
 * The first steps of the response pipeline: parse the body by `response.type` (the smallest
 * matching status range wins; `automatic` goes by Content-Type), then decide error vs valid with
 * Make's message and type precedence (make-format.md §4.2) and raise the typed error.
 */
import { parse as parseQuery } from 'node:querystring';
import { ERROR_TYPES, isErrorTypeName, MakeError, RuntimeError } from '../errors';
import type { IncomingResponse } from './http';
import type { Secrets } from './sanitize';
import { parseXml } from './xml';

/** `response.type` for a status: a string, or an object keyed by `*`, `NNN`, `NNN-NNN`. */
export function responseTypeFor(type: unknown, status: number): string {
  if (typeof type === 'string') return type;
  if (!type || typeof type !== 'object') return 'automatic';
  let best: { size: number; value: string } | undefined;
  for (const [key, value] of Object.entries(type as Record<string, unknown>)) {
    const range = parseRange(key);
    if (!range || status < range[0] || status > range[1] || typeof value !== 'string') continue;
    const size = range[1] - range[0];
    if (!best || size < best.size) best = { size, value };
  }
  return best?.value ?? 'automatic';
}

function parseRange(key: string): [number, number] | undefined {
  if (key === '*') return [1, 999];
  const m = /^(\d{3})(?:-(\d{3}))?$/.exec(key.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** The parsed body. An empty body is undefined. */
export function parseBody(res: IncomingResponse, type: string): unknown {
  let kind = type.toLowerCase();
  if (kind === 'automatic') kind = kindFromContentType(res.headers['content-type'], res.body);
  if (kind === 'binary') return res.body;
  const text = res.body.toString('utf8');
  if (kind === 'json') return text.trim() === '' ? undefined : parseAs('JSON', text, res.statusCode);
  if (text === '') return undefined;
  if (kind === 'urlencoded') return { ...parseQuery(text) };
  if (kind === 'xml') return parseAs('XML', text, res.statusCode);
  return text; // text, string, raw
}

const PARSERS = { JSON: JSON.parse, XML: parseXml };

/**
 * The body parsed as `format`. Text that does not parse is kept as text on an error status (the
 * error message then shows what came back) and is a RuntimeError on success. Only the XML parser's
 * reason is quoted: JSON.parse's quotes the body itself, which may hold anything.
 */
function parseAs(format: keyof typeof PARSERS, text: string, statusCode: number): unknown {
  try {
    return PARSERS[format](text);
  } catch (err) {
    if (statusCode >= 400) return text;
    const reason = format === 'XML' ? `: ${(err as Error).message}` : '.';
    throw new RuntimeError(`The response is not valid ${format} (HTTP ${statusCode})${reason}`, {
      statusCode,
      bodyExcerpt: text.slice(0, 200),
    });
  }
}

function kindFromContentType(contentType: string | undefined, body: Buffer): string {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json')) return 'json';
  if (ct.includes('x-www-form-urlencoded')) return 'urlencoded';
  const mediaType = ct.split(';')[0].trim();
  if (mediaType === 'application/xml' || mediaType === 'text/xml') return 'xml';
  if (ct.startsWith('text/') || ct.includes('xml')) return 'text';
  if (ct === '') {
    const first = body.subarray(0, 64).toString('utf8').trimStart()[0];
    return first === '{' || first === '[' ? 'json' : 'text';
  }
  return 'binary';
}

/** Make has no published default; see docs/decisions.md "Engine". */
export function defaultErrorType(status: number): keyof typeof ERROR_TYPES {
  if (status === 401 || status === 403) return 'InvalidAccessTokenError';
  if (status === 429) return 'RateLimitError';
  if (status === 502 || status === 503 || status === 504) return 'ConnectionError';
  return 'RuntimeError';
}

export interface ErrorSpec {
  message?: unknown;
  type?: unknown;
}

/**
 * Builds the typed error. `message`/`type` are already evaluated, in precedence order (first
 * defined wins). The message and the body excerpt are scrubbed of secrets.
 */
export function makeError(
  args: {
    status: number;
    body: unknown;
    messages: unknown[];
    types: unknown[];
    fallbackMessage: string;
    componentId?: string;
  },
  secrets: Secrets,
): MakeError {
  const message = args.messages.find((m) => m !== undefined && m !== null && m !== '');
  const typeName = args.types.find((t) => t !== undefined && t !== null && t !== '');
  const Type = isErrorTypeName(typeName) ? ERROR_TYPES[typeName] : RuntimeError;
  const error = new Type(secrets.scrub(message === undefined ? args.fallbackMessage : String(message)), {
    statusCode: args.status,
    bodyExcerpt: excerpt(args.body, secrets),
    ...(args.componentId ? { componentId: args.componentId } : {}),
  });
  return error;
}

/** Make's default wording when a definition gives no message: the status and what the server said. */
export function defaultErrorMessage(status: number, body: unknown): string {
  let said = '';
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const b = body as Record<string, unknown>;
    const m = xmlMessage(b) ?? b.message ?? b.error ?? b.errors;
    said = typeof m === 'string' ? m : m === undefined ? '' : JSON.stringify(m);
  } else if (typeof body === 'string') {
    said = body;
  }
  said = said.replace(/\s+/g, ' ').trim().slice(0, 300);
  return said ? `[${status}] ${said}` : `[${status}] The server answered with HTTP ${status}.`;
}

/**
 * A body shaped like a parsed XML document (`{ <root>: [node] }`): the root's own text, or its
 * <message>, <error> or <errors> text, else the whole document (shown as JSON), so an XML error
 * without those elements still says what came back. Undefined for any other shape.
 */
function xmlMessage(body: Record<string, unknown>): unknown {
  const keys = Object.keys(body);
  const root = keys.length === 1 ? body[keys[0]] : undefined;
  if (!Array.isArray(root) || root.length !== 1) return undefined;
  const node = root[0];
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  const found = n.message ?? n.error ?? n.errors;
  return found === undefined ? body : xmlText(found);
}

/** An element's text: `['text']` or `[{ _value: 'text', … }]`; anything else as it is. */
function xmlText(value: unknown): unknown {
  if (!Array.isArray(value) || value.length !== 1) return value;
  const only = value[0] as unknown;
  if (typeof only === 'string') return only;
  const v = only && typeof only === 'object' ? (only as Record<string, unknown>)._value : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v : only;
}

const EXCERPT_LENGTH = 500;

export function excerpt(body: unknown, secrets: Secrets): string | undefined {
  if (body === undefined) return undefined;
  const text = Buffer.isBuffer(body)
    ? `<${body.length} bytes>`
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
  const scrubbed = secrets.scrub(text);
  return scrubbed.length > EXCERPT_LENGTH ? `${scrubbed.slice(0, EXCERPT_LENGTH)}…` : scrubbed;
}
