/** The shape of a built-in function and the builders the function families use. */
import type { Env } from '../env';

/**
 * A function the compiled code calls directly with positional arguments, `f(a, b)` rather than
 * `f([a, b])`: no argument array per call, and a call V8 can inline into the template's function.
 * Optional arguments the template leaves out arrive as undefined.
 */
export interface EagerFn {
  min: number;
  max: number;
  lazy?: false;
  /** `(a, b, …)`, or `(env, a, b, …)` when `usesEnv` (time zone, clock). */
  call: (...args: never[]) => unknown;
  usesEnv: boolean;
  /**
   * "Empty in, empty out": a subject (first argument) that is null or undefined is returned
   * unchanged, so an unfilled optional field stays unfilled (decisions.md, IML). The compiler
   * checks this inline before the call.
   */
  passesEmpty: boolean;
}

/** `if`, `ifempty`, `switch`: evaluate only what they need, so the compiler inlines them. */
export interface LazyFn {
  min: number;
  max: number;
  lazy: true;
}
export type FnSpec = EagerFn | LazyFn;

type Positional = (...args: unknown[]) => unknown;

export function fn(min: number, max: number, f: Positional): EagerFn {
  return { min, max, call: f, usesEnv: false, passesEmpty: false };
}

export function passEmpty(min: number, max: number, f: Positional): EagerFn {
  return { min, max, call: f, usesEnv: false, passesEmpty: true };
}

/** passEmpty for functions that read the evaluation's settings (the date family). */
export function passEmptyWithEnv(
  min: number,
  max: number,
  f: (env: Env, ...args: unknown[]) => unknown,
): EagerFn {
  return { min, max, call: f, usesEnv: true, passesEmpty: true };
}

export function lazy(min: number, max: number): LazyFn {
  return { min, max, lazy: true };
}
