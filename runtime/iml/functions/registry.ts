/** The shape of a built-in function and helpers shared by the function families. */
import type { Env } from '../env';

/** An argument not yet evaluated: `if`, `ifempty` and `switch` evaluate only what they need. */
export type Thunk = () => unknown;

export interface EagerFn {
  min: number;
  max: number;
  lazy?: false;
  fn: (args: unknown[], env: Env) => unknown;
  /**
   * Set by passEmpty: the function without its empty-subject check, so the compiler can inline the
   * check and call this directly (a call V8 can inline, unlike one through the shared wrapper).
   */
  whenPresent?: (args: unknown[], env: Env) => unknown;
}
export interface LazyFn {
  min: number;
  max: number;
  lazy: true;
  fn: (args: Thunk[], env: Env) => unknown;
}
export type FnSpec = EagerFn | LazyFn;

export function fn(min: number, max: number, f: (args: unknown[], env: Env) => unknown): EagerFn {
  return { min, max, fn: f };
}

/**
 * "Empty in, empty out": a transforming function whose subject (first argument) is null or undefined
 * returns it unchanged, so an unfilled optional field stays unfilled (decisions.md, IML).
 */
export function passEmpty(min: number, max: number, f: (args: unknown[], env: Env) => unknown): EagerFn {
  return {
    min,
    max,
    fn: (args, env) => (args[0] === null || args[0] === undefined ? args[0] : f(args, env)),
    whenPresent: f,
  };
}
