/**
 * Object templates with only static keys and no spread (the usual request object) compile to one
 * generated function that evaluates each value in order and stores it under its key. Each value's
 * function then has a call site of its own, which V8 can inline, where a loop over the entries makes
 * one call site shared by every value (never inlined). As in compiler.ts, the generated source holds
 * only fixed fragments and slot numbers: keys and value functions reach it through arrays.
 */
import type { Dialect } from './ast';
import { Entry, Fn, setEntry } from './compiler';
import { wrapUnexpected } from './position';
import { Env } from './env';

/** Own data property even for the key "__proto__" (never a prototype change). */
export function define(out: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  else out[key] = v;
}

/** The same result as template.ts's general object path for static keys and no spread. */
export function compileStaticRecord(keys: string[], values: Fn[], dialect: Dialect): Fn {
  const stores = keys.map((key, i) =>
    key === '__proto__'
      ? `v = f${i}(c, run, env); if (v !== undefined) D(out, k[${i}], v);`
      : `v = f${i}(c, run, env); if (v !== undefined) out[k[${i}]] = v;`,
  );
  const decls = values.map((_f, i) => `const f${i} = f[${i}];`).join(' ');
  const src =
    `"use strict"; ${decls}\n` +
    `const record = function record(c, run, env) { if (env === undefined) env = NE(c, run);\n` +
    `const out = {}; let v;\n${stores.join('\n')}\nreturn out; };\n` +
    // The public entry (per record, so its call stays monomorphic): failures leave as ImlErrors.
    `return [record, function recordEntry(c, run) { try { return record(c, run, undefined); } ` +
    `catch (e) { throw W(e, undefined); } }];`;
  const NE = (c: unknown, run: Parameters<Fn>[1]) => new Env(c, dialect, run);
  // The source is built from fixed fragments only (see the file comment).
  const factory = new Function('k', 'f', 'D', 'NE', 'W', src) as (
    k: string[],
    f: Fn[],
    D: typeof define,
    ne: typeof NE,
    w: typeof wrapUnexpected,
  ) => [Fn, Entry];
  const [record, entry] = factory(keys, values, define, NE, wrapUnexpected);
  setEntry(record, entry);
  return record;
}
