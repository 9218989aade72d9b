/**
 * Secrets never reach the run history: values of Authorization-like keys are replaced wholesale, and
 * the connection's key and secret (and the Basic credentials built from them) and the secret values
 * of its saved data (plain, URL-encoded, base64) are cut out of any text.
 */
import type { ConnectionOptions } from '../../communication/connection-data';
import { connectionSecrets } from '../../communication/connection-data';
import { setOwn } from '../../iml/values';

const MASK = '********';
/** Keys whose values are credentials, whatever they hold. */
const SECRET_KEY_NAMES =
  'authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|secret[-_]?key|password';
const SECRET_KEYS = new RegExp(`^(${SECRET_KEY_NAMES})$`, 'i');

export interface Masker {
  (value: unknown): unknown;
  /**
   * What the masker cuts out of text, as each appears inside JSON text (maskedJson's quick check), or
   * undefined when that check cannot be trusted (a secret JSON would escape): then it always masks.
   */
  needles?: () => readonly string[] | undefined;
}

/** Secrets shorter than this are not masked inside text: masking "a" would garble every bundle. */
const MIN_SECRET_LENGTH = 4;

/**
 * `secretNames`: the password-typed parameters of the app's connections (secretParameterNames); any
 * parameter whose name names a credential is a secret too, as are the saved data's secret values.
 */
export function createMasker(
  connection?: Partial<ConnectionOptions>,
  secretNames?: ReadonlySet<string>,
): Masker {
  const secrets = new Set<string>();
  const add = (s: string | undefined) => {
    if (s && s.length >= MIN_SECRET_LENGTH) secrets.add(s);
  };
  const key = connection?.apiKey;
  const secret = connection?.secretKey;
  add(key);
  add(secret);
  if (key) {
    for (const pair of [`${key}:`, `${key}:${key}`, `${key}:${secret ?? ''}`])
      add(Buffer.from(pair).toString('base64'));
  }
  for (const value of connection ? connectionSecrets(connection as ConnectionOptions, secretNames) : []) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) add(form);
  }
  const list = [...secrets].sort((a, b) => b.length - a.length);
  const needles = jsonNeedles(list);
  const maskText = (text: string) => list.reduce((t, s) => (t.includes(s) ? t.split(s).join(MASK) : t), text);

  const mask = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return maskText(value);
    if (depth > 64 || value === null || typeof value !== 'object') return value;
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      setOwn(
        out,
        k,
        SECRET_KEYS.test(k) && v !== undefined && v !== null && v !== '' ? MASK : mask(v, depth + 1),
      );
    }
    return out;
  };
  return Object.assign((value: unknown) => mask(value, 0), { needles: () => needles });
}

/**
 * The secrets as they appear in JSON text, or undefined if JSON escapes any of them: escaping is per
 * character, so a secret JSON leaves alone appears in the text of any string holding it as itself.
 */
export function jsonNeedles(secrets: readonly string[]): readonly string[] | undefined {
  return secrets.every((s) => JSON.stringify(s) === `"${s}"`) ? secrets : undefined;
}

/** A key SECRET_KEYS names, as JSON.stringify writes keys (those names hold nothing JSON escapes). */
const SECRET_KEY_IN_JSON = new RegExp(`"(${SECRET_KEY_NAMES})":`, 'i');

/**
 * `JSON.stringify(mask(value))`, without copying the value when nothing in it needs masking (the run
 * journal writes two of these per module execution): the value's own JSON text is kept when the value is
 * plain JSON data (what JSON.stringify writes of it is what the masker would keep), no secret occurs in
 * that text and no key names a credential. Anything else goes through the masker.
 */
export function maskedJson(mask: Masker, value: unknown): string | undefined {
  const needles = mask.needles?.();
  if (needles !== undefined && isPlainData(value, 0)) {
    const text = JSON.stringify(value);
    if (text === undefined) return text;
    if (!SECRET_KEY_IN_JSON.test(text) && !needles.some((n) => text.includes(n))) return text;
  }
  return JSON.stringify(mask(value));
}

/**
 * Strings, numbers, booleans, null, arrays and objects with no prototype but Object's, within the
 * masker's depth and with no toJSON of their own: what JSON.stringify writes of these is the masker's copy.
 */
function isPlainData(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (depth > 63) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if ('toJSON' in value) return false;
  for (const k in value) if (!isPlainData((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** A masker that follows the connection as the run learns it (its saved data arrives on first use). */
export function liveMasker(
  current: () => Partial<ConnectionOptions> | undefined,
  secretNames?: ReadonlySet<string>,
): Masker {
  let seen: Partial<ConnectionOptions> | undefined;
  let masker: Masker | undefined;
  const now = (): Masker => {
    const connection = current();
    if (!masker || connection !== seen) {
      seen = connection;
      masker = createMasker(connection, secretNames);
    }
    return masker;
  };
  return Object.assign((value: unknown) => now()(value), { needles: () => now().needles?.() });
}
