/**
 * An OAuth 1.0a service provider's check of a received request (RFC 5849 §3.4, read from the RFC,
 * sharing no code with runtime/communication/oauth1.ts): collect the parameters from the
 * Authorization header, the query and a form body, rebuild the signature base string and compare
 * the signature. Pinned by oauth1.test.ts against the RFC's and Twitter's published examples.
 */
import crypto from 'node:crypto';
import type { Recorded } from './helpers';

/** RFC 5849 §3.6, octet by octet of the UTF-8 form. */
export function rfcEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** §3.4.1.3.2 + §3.4.1: the base string from the method, the base URI and decoded name/value pairs. */
export function baseString(method: string, baseUri: string, pairs: [string, string][]): string {
  // Sorting "name=value" strings would misorder "a=" vs "a2=": sort by name, then by value.
  const sorted = pairs
    .map(([n, v]) => [rfcEncode(n), rfcEncode(v)])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`);
  return `${method.toUpperCase()}&${rfcEncode(baseUri)}&${rfcEncode(sorted.join('&'))}`;
}

/** §3.5.1: `OAuth realm="x", oauth_a="b", …` → pairs (values percent-decoded). */
export function authorizationPairs(header: string | undefined): [string, string][] {
  if (!header || !/^OAuth\s/i.test(header)) return [];
  const pairs: [string, string][] = [];
  const re = /([\w.~%-]+)\s*=\s*"([^"]*)"/g;
  for (let m = re.exec(header.slice(6)); m; m = re.exec(header.slice(6)))
    pairs.push([decodeURIComponent(m[1]), decodeURIComponent(m[2])]);
  return pairs;
}

export interface Keys {
  consumerSecret?: string;
  tokenSecret?: string;
  /** RSA-SHA1: the consumer's public key. */
  publicKey?: crypto.KeyObject | string;
}

export interface Verdict {
  ok: boolean;
  /** Every parameter the request carried (header, query, body; oauth_signature included). */
  params: Record<string, string[]>;
  base: string;
  reason?: string;
}

/** The provider's check of one request received by the loopback server. */
export function verify(req: Recorded, keys: Keys, scheme = 'http'): Verdict {
  const header = authorizationPairs(req.headers.authorization as string | undefined);
  const query = [...req.query.entries()];
  const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const body = isForm ? [...new URLSearchParams(req.body).entries()] : [];
  const all = [...header, ...query, ...body];
  const params: Record<string, string[]> = {};
  for (const [n, v] of all) (params[n] ??= []).push(v);
  // §3.4.1.3.1: everything but the signature, and the header's realm.
  const pairs = all.filter(([n], i) => n !== 'oauth_signature' && !(n === 'realm' && i < header.length));
  const baseUri = `${scheme}://${String(req.headers.host).toLowerCase()}${req.path}`;
  const base = baseString(req.method, baseUri, pairs);
  const given = params.oauth_signature?.[0];
  const method = params.oauth_signature_method?.[0];
  if (given === undefined || params.oauth_signature?.length !== 1)
    return { ok: false, params, base, reason: 'no single signature' };
  const key = `${rfcEncode(keys.consumerSecret ?? '')}&${rfcEncode(keys.tokenSecret ?? '')}`;
  let ok: boolean;
  if (method === 'HMAC-SHA1') ok = crypto.createHmac('sha1', key).update(base).digest('base64') === given;
  else if (method === 'HMAC-SHA256')
    ok = crypto.createHmac('sha256', key).update(base).digest('base64') === given;
  else if (method === 'PLAINTEXT') ok = given === key;
  else if (method === 'RSA-SHA1' && keys.publicKey)
    ok = crypto.createVerify('RSA-SHA1').update(base).verify(keys.publicKey, given, 'base64');
  else return { ok: false, params, base, reason: `unknown method ${method}` };
  return ok ? { ok, params, base } : { ok, params, base, reason: 'signature mismatch' };
}
