/**
 * Make's `oauth` request directive (make-format.md §4.3; Make's schema sources.json#/definitions/
 * oauth-1): OAuth 1.0a signing of the outgoing request, RFC 5849 §3. The request is signed as it
 * leaves (its final URL, Content-Type and body), so the signature covers exactly what is sent:
 * the query and a form body are parsed back into parameters (§3.4.1.3.1), joined with the oauth_*
 * protocol parameters, encoded (§3.6), sorted (§3.4.1.3.2) and signed with HMAC-SHA1 (default),
 * RSA-SHA1 (`private_key`), PLAINTEXT or HMAC-SHA256. The protocol parameters travel in the
 * Authorization header (default), the query or a form body (`transport_method`). Every secret the
 * directive names (consumer_secret, token_secret, private_key, the token, a PLAINTEXT signature) is
 * learnt by the run's Secrets, so logs, errors, dry runs and history mask it.
 */
import crypto from 'node:crypto';
import { RuntimeError } from '../errors';
import { isPlainObject } from '../iml/values';
import type { OutgoingRequest } from './http';
import type { Secrets } from './sanitize';

/** The directive's fields, evaluated (Make's names, verbatim). */
export interface OAuth1Directive {
  consumer_key?: unknown;
  consumer_secret?: unknown;
  private_key?: unknown;
  token?: unknown;
  token_secret?: unknown;
  verifier?: unknown;
  signature_method?: unknown;
  transport_method?: unknown;
  body_hash?: unknown;
  /** Not a key of Make's schema: the runtime gives the temporary-credentials request its callback. */
  callback?: unknown;
}

export interface OAuth1Options {
  /** Values an earlier step gave (a connection's `response.oauth`); the directive's own win. */
  carried?: Record<string, unknown>;
  /** Fixed nonce and timestamp, for tests that pin a published signature. */
  nonce?: string;
  timestamp?: string;
}

const METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'RSA-SHA1', 'PLAINTEXT'] as const;
type SignatureMethod = (typeof METHODS)[number];
const TRANSPORTS = ['header', 'query', 'body'] as const;
type Transport = (typeof TRANSPORTS)[number];
const FORM = 'application/x-www-form-urlencoded';

/** RFC 5849 §3.6: every octet but ALPHA / DIGIT / - . _ ~ is %XX (upper-case hex, UTF-8). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** application/x-www-form-urlencoded pairs, decoded (`+` is a space), empty names dropped. */
function formPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    pairs.push([decodeForm(name), decodeForm(value)]);
  }
  return pairs;
}

function decodeForm(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** §3.4.1.2: scheme and host lower-case, the default port left out, no query or fragment. */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const port =
    u.port && !((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443'));
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${port ? `:${u.port}` : ''}${u.pathname}`;
}

/** §3.4.1: METHOD&uri&normalised-parameters, each part percent-encoded. */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const normalised = params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalised)].join('&');
}

/** §3.4.2–3.4.4: the signature of a base string. `secret` is the consumer secret, or the RSA key. */
export function signBaseString(
  method: SignatureMethod,
  base: string,
  secret: string,
  tokenSecret: string,
): string {
  const key = `${percentEncode(secret)}&${percentEncode(tokenSecret)}`;
  switch (method) {
    case 'PLAINTEXT':
      return key;
    case 'HMAC-SHA1':
      return crypto.createHmac('sha1', key).update(base).digest('base64');
    case 'HMAC-SHA256':
      return crypto.createHmac('sha256', key).update(base).digest('base64');
    case 'RSA-SHA1':
      return crypto.createSign('RSA-SHA1').update(base).sign(secret, 'base64');
  }
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], fallback: T): T {
  const given = text(v);
  if (given === undefined) return fallback;
  const found = allowed.find((a) => a.toLowerCase() === given.toLowerCase());
  if (!found) throw new RuntimeError(`oauth.${field}: "${given}" is not one of ${allowed.join(', ')}.`);
  return found;
}

function headerOf(req: OutgoingRequest, name: string): string | undefined {
  const key = Object.keys(req.headers).find((h) => h.toLowerCase() === name);
  return key === undefined ? undefined : req.headers[key];
}

/**
 * Signs `req` in place with the evaluated `oauth` directive and teaches `secrets` its secrets.
 * Throws RuntimeError naming the field when the directive cannot sign (RSA-SHA1 without a key,
 * body transport on a request without a form body, an unknown method).
 */
export function signOAuth1(
  req: OutgoingRequest,
  directive: unknown,
  secrets: Secrets,
  fixed: OAuth1Options = {},
): void {
  if (!isPlainObject(directive)) return;
  const unsigned = { url: req.url, body: req.body, headers: { ...req.headers } };
  // A retry goes with a new nonce: providers refuse one they have seen (RFC 5849 §3.3).
  req.beforeRetry = () => {
    Object.assign(req, unsigned, { headers: { ...unsigned.headers } });
    signOAuth1(req, directive, secrets, { carried: fixed.carried });
  };
  const d = { ...fixed.carried, ...directive } as OAuth1Directive;
  const method = oneOf('signature_method', d.signature_method, METHODS, 'HMAC-SHA1');
  const transport = oneOf<Transport>('transport_method', d.transport_method, TRANSPORTS, 'header');
  const consumerSecret = text(d.consumer_secret) ?? '';
  const privateKey = text(d.private_key);
  const tokenSecret = text(d.token_secret) ?? '';
  for (const secret of [consumerSecret, privateKey, tokenSecret, text(d.token)]) secrets.add(secret);
  // An empty key is the provider's to refuse, as an empty API key is (and a dry run still renders).
  const consumerKey = text(d.consumer_key) ?? '';
  if (method === 'RSA-SHA1' && privateKey === undefined)
    throw new RuntimeError('oauth.private_key is needed for RSA-SHA1.');

  const contentType = (headerOf(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  const isForm = contentType === FORM && typeof req.body === 'string';
  if (transport === 'body' && (!isForm || req.method !== 'POST'))
    throw new RuntimeError(
      `oauth.transport_method "body" needs a POST with a ${FORM} body (type: urlencoded).`,
    );

  const protocol: [string, string][] = [['oauth_consumer_key', consumerKey]];
  const token = text(d.token);
  if (token !== undefined) protocol.push(['oauth_token', token]);
  protocol.push(
    ['oauth_signature_method', method],
    ['oauth_timestamp', fixed.timestamp ?? String(Math.floor(Date.now() / 1000))],
    ['oauth_nonce', fixed.nonce ?? crypto.randomBytes(16).toString('hex')],
    ['oauth_version', '1.0'],
  );
  const callback = text(d.callback);
  if (callback !== undefined) protocol.push(['oauth_callback', callback]);
  const verifier = text(d.verifier);
  if (verifier !== undefined) protocol.push(['oauth_verifier', verifier]);
  const bodyHash = bodyHashOf(d.body_hash, method, isForm, req.body);
  if (bodyHash !== undefined) protocol.push(['oauth_body_hash', bodyHash]);

  const u = new URL(req.url);
  const params = [
    ...formPairs(u.search.slice(1)),
    ...(isForm ? formPairs(req.body as string) : []),
    ...protocol,
  ];
  const base = signatureBaseString(req.method, req.url, params);
  const signature = signBaseString(method, base, privateKey ?? consumerSecret, tokenSecret);
  if (method === 'PLAINTEXT') for (const form of [signature, percentEncode(signature)]) secrets.add(form);
  protocol.push(['oauth_signature', signature]);

  place(req, transport, protocol);
}

/** §3.5: the protocol parameters in the Authorization header, the query or the form body. */
function place(req: OutgoingRequest, transport: Transport, protocol: [string, string][]): void {
  const pairs = protocol.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  const joined = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  if (transport === 'header') {
    for (const h of Object.keys(req.headers)) if (h.toLowerCase() === 'authorization') delete req.headers[h];
    req.headers.Authorization = `OAuth ${pairs.map(([k, v]) => `${k}="${v}"`).join(', ')}`;
  } else if (transport === 'query') {
    const hash = req.url.indexOf('#');
    const head = hash < 0 ? req.url : req.url.slice(0, hash);
    const tail = hash < 0 ? '' : req.url.slice(hash);
    req.url = `${head}${head.includes('?') ? '&' : '?'}${joined}${tail}`;
  } else {
    req.body = req.body === '' ? joined : `${req.body as string}&${joined}`;
  }
}

/**
 * oauth_body_hash (the OAuth Request Body Hash draft): a string is sent as given; `true` hashes a
 * body that is not a form (a form's parameters are signed already) with the signature's digest.
 */
function bodyHashOf(
  given: unknown,
  method: SignatureMethod,
  isForm: boolean,
  body: Buffer | string | undefined,
): string | undefined {
  if (typeof given === 'string') return given === '' ? undefined : given;
  if (given !== true || isForm) return undefined;
  if (method === 'PLAINTEXT')
    throw new RuntimeError('oauth.body_hash cannot be used with PLAINTEXT signatures.');
  return crypto
    .createHash(method === 'HMAC-SHA256' ? 'sha256' : 'sha1')
    .update(body ?? '')
    .digest('base64');
}
