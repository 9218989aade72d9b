/** Values besides the connection's that a run must never store or report (a hook's id and URL). */
import { setOwn } from '../../iml/values';
import { jsonNeedles, type Masker } from '../history/mask';

const MASK = '********';

export function withSecrets(masker: Masker, secrets: string[] | undefined): Masker {
  const list = (secrets ?? []).filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (list.length === 0) return masker;
  const text = (t: string) => list.reduce((out, s) => (out.includes(s) ? out.split(s).join(MASK) : out), t);
  const mask = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (depth > 64 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      setOwn(out, text(k), mask(v, depth + 1));
    return out;
  };
  const own = jsonNeedles(list);
  const needles = () => {
    const inner = masker.needles?.();
    return inner && own ? [...inner, ...own] : undefined;
  };
  return Object.assign((value: unknown) => mask(masker(value), 0), { needles });
}
