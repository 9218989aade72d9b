/** Table-driven IML cases: each row is a template, its context and the expected value. */
import { evaluate, EvaluateOptions } from '../../runtime/iml';
import { ImlError } from '../../runtime/errors';

export interface Row {
  /** Template (any JSON value). */
  t: unknown;
  /** Expected value (compared with toEqual); use `err` instead for an expected ImlError. */
  out?: unknown;
  /** Expected ImlError message fragment and, optionally, its 1-based column. */
  err?: string;
  col?: number;
  ctx?: unknown;
  opts?: EvaluateOptions;
  /** Row label; defaults to the template text. */
  name?: string;
}

export function label(r: Row): string {
  return r.name ?? (typeof r.t === 'string' ? r.t : JSON.stringify(r.t));
}

/** Runs the rows in one dialect; every row must either equal `out` or throw an ImlError matching `err`. */
export function runTable(
  title: string,
  rows: Row[],
  defaults: { dialect: 'app' | 'scenario'; ctx?: unknown; opts?: EvaluateOptions },
): void {
  describe(title, () => {
    test.each(rows.map((r) => [label(r), r] as const))('%s', (_name, r) => {
      const opts = { dialect: defaults.dialect, ...defaults.opts, ...r.opts };
      const ctx = r.ctx === undefined ? defaults.ctx : r.ctx;
      if (r.err !== undefined) {
        let caught: unknown;
        try {
          evaluate(r.t, ctx, opts);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ImlError);
        expect((caught as ImlError).message).toContain(r.err);
        if (r.col !== undefined) expect((caught as ImlError).position?.column).toBe(r.col);
        return;
      }
      expect(evaluate(r.t, ctx, opts)).toEqual(r.out);
    });
  });
}
