/**
 * A delivery's body, read the way the receiver takes it (docs/decisions.md "Triggers, round 3"):
 * at most the hook's byte limit on the wire AND once decoded (gzip, deflate, br; a zip bomb is a
 * 413), then JSON nested at most MAX_HOOK_DEPTH levels, a URL-encoded form, or nothing. Every refusal
 * names the problem and its place, never the body's bytes: a delivery may carry secrets.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { positionAt } from '../../iml/position';
import { ownProp, setOwn } from '../../iml/values';
import { jsonProblem } from './json-check';

/** Make's limit on a webhook's payload. */
export const MAX_HOOK_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Deepest nesting of a JSON delivery: the runtime's bound on a value handed to an app's functions
 * (functions/wire.ts), so whatever a hook accepts can travel on; real webhooks nest under 20.
 */
export const MAX_HOOK_DEPTH = 200;

/** A body the receiver refuses; nothing is queued. */
export class BodyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${message}; nothing was queued`);
  }
}

type Decoder = (buffer: Buffer, options: zlib.ZlibOptions | zlib.BrotliOptions) => Promise<Buffer>;

const DECODERS: Record<string, Decoder> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/** The body as it came, at most `limit` bytes (a larger one is refused as soon as it is). */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit, ''));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit, ''));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body with its Content-Encoding undone, last applied first; each step's output bounded by `limit`. */
export async function decodeBody(req: IncomingMessage, raw: Buffer, limit: number): Promise<Buffer> {
  const encodings = String(req.headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  let body = raw;
  for (const encoding of encodings.reverse()) {
    const decode = DECODERS[encoding];
    if (!decode)
      throw new BodyRefusal(
        415,
        'UnsupportedMediaType',
        `The body's Content-Encoding ${/^[\w.+-]{1,40}$/.test(encoding) ? `"${encoding}"` : 'given'} is not one a hook reads (gzip, deflate, br)`,
      );
    if (body.length === 0) continue;
    try {
      body = await decode(body, { maxOutputLength: limit });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit, ', decoded');
      throw new BodyRefusal(400, 'MalformedBody', `The body is not valid ${encoding}`);
    }
  }
  return body;
}

/** JSON, a URL-encoded form, or nothing; any other body is refused with 415. */
export function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) return parseJson(text);
  if (type === 'application/x-www-form-urlencoded') return formOf(new URLSearchParams(text));
  throw new BodyRefusal(
    415,
    'UnsupportedMediaType',
    `A hook reads application/json or application/x-www-form-urlencoded bodies, not ${type || 'an untyped body'}`,
  );
}

function parseJson(text: string): unknown {
  const found = jsonProblem(text, MAX_HOOK_DEPTH);
  if (found) {
    const { line, column } = positionAt(text, found.offset);
    const where = `at line ${line}, column ${column}`;
    if (found.kind === 'depth')
      throw new BodyRefusal(400, 'NestedTooDeep', `The body is ${found.problem} (${where})`);
    throw new BodyRefusal(400, 'MalformedJson', `The body is not valid JSON: ${found.problem} ${where}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The check above is the stricter reader; should JSON.parse still object, its message (which
    // quotes the body) stays out of the answer.
    throw new BodyRefusal(400, 'MalformedJson', 'The body is not valid JSON');
  }
}

/** Form fields and query parameters: a repeated name gives an array. */
export function formOf(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    // Own values only: a field named __proto__ is data, never the object's prototype.
    const before = ownProp(out, k);
    setOwn(out, k, before === undefined ? v : Array.isArray(before) ? [...before, v] : [before, v]);
  }
  return out;
}

function tooLarge(limit: number, decoded: string): BodyRefusal {
  return new BodyRefusal(413, 'PayloadTooLarge', `A delivery may be at most ${limit} bytes${decoded}`, {
    Connection: 'close',
  });
}
