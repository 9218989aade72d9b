/** JSON functions (make-format.md §7.4). */
import { EvalFailure } from '../position';
import { toText } from '../values';
import { FnSpec, fn } from './registry';

/** Binary data inside the value (which then needs the slower replacer to serialize as text). */
function containsBinary(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  // Any typed-array view counts (cheaper to test than Buffer itself): the replacer leaves other
  // views as JSON.stringify writes them, so only the speed of those rare values changes.
  if (ArrayBuffer.isView(v)) return true;
  if (depth > 100 || v instanceof Date) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object' && containsBinary(x, depth + 1)) return true;
    }
    return false;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object' && containsBinary(x, depth + 1)) return true;
  }
  return false;
}

export const json: Record<string, FnSpec> = {
  createJSON: fn(1, 1, (v) => {
    if (v === undefined) return undefined;
    try {
      if (!containsBinary(v, 0)) return JSON.stringify(v);
      return JSON.stringify(v, function (this: Record<string, unknown>, k: string, x: unknown) {
        const original = this[k];
        return Buffer.isBuffer(original) ? original.toString('utf8') : x;
      });
    } catch (e) {
      throw new EvalFailure(`createJSON: ${(e as Error).message}`);
    }
  }),
  parseJSON: fn(1, 1, (v) => {
    if (v === undefined || v === null || v === '') return v === '' ? undefined : v;
    try {
      return JSON.parse(toText(v));
    } catch (e) {
      throw new EvalFailure(`parseJSON: ${(e as Error).message}`);
    }
  }),
};
