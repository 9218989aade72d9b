/**
 * Secrets never reach the run history: values of Authorization-like keys are replaced wholesale, and
 * the connection's key and secret (and the Basic credentials built from them) and the secret values
 * of its saved data (plain, URL-encoded, base64) are cut out of any text.
 */
import type { ConnectionOptions } from '../../communication/connection-data';
import { connectionSecrets } from '../../communication/connection-data';
import { setOwn } from '../../iml/values';

const MASK = '********';
const SECRET_KEYS =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|secret[-_]?key|password)$/i;

export type Masker = (value: unknown) => unknown;

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
  return (value) => mask(value, 0);
}

/** A masker that follows the connection as the run learns it (its saved data arrives on first use). */
export function liveMasker(
  current: () => Partial<ConnectionOptions> | undefined,
  secretNames?: ReadonlySet<string>,
): Masker {
  let seen: Partial<ConnectionOptions> | undefined;
  let masker: Masker | undefined;
  return (value) => {
    const connection = current();
    if (!masker || connection !== seen) {
      seen = connection;
      masker = createMasker(connection, secretNames);
    }
    return masker(value);
  };
}
