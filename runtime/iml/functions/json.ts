/** JSON functions (make-format.md §7.4). */
import { EvalFailure } from '../position';
import { toText } from '../values';
import { FnSpec, fn } from './registry';

export const json: Record<string, FnSpec> = {
  createJSON: fn(1, 1, ([v]) => {
    if (v === undefined) return undefined;
    try {
      return JSON.stringify(v, function (this: Record<string, unknown>, k: string, x: unknown) {
        const original = this[k];
        return Buffer.isBuffer(original) ? original.toString('utf8') : x;
      });
    } catch (e) {
      throw new EvalFailure(`createJSON: ${(e as Error).message}`);
    }
  }),
  parseJSON: fn(1, 1, ([v]) => {
    if (v === undefined || v === null || v === '') return v === '' ? undefined : v;
    try {
      return JSON.parse(toText(v));
    } catch (e) {
      throw new EvalFailure(`parseJSON: ${(e as Error).message}`);
    }
  }),
};
