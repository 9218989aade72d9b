/** The built-in function library: every family's table merged into one lookup. */
import { general } from './general';
import { strings } from './string';
import { arrays } from './array';
import { dates } from './date';
import { math } from './math';
import { json } from './json';
import type { FnSpec } from './registry';

export type { FnSpec } from './registry';

const FUNCTIONS: Record<string, FnSpec> = Object.assign(
  Object.create(null) as Record<string, FnSpec>,
  general,
  strings,
  arrays,
  dates,
  math,
  json,
);

export function isFunctionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export function lookupFunction(name: string): FnSpec {
  return FUNCTIONS[name];
}

export function arityOf(name: string): [number, number] {
  const f = FUNCTIONS[name];
  return [f.min, f.max];
}

/** Names of every built-in, for documentation and the coverage test. */
export function functionNames(): string[] {
  return Object.keys(FUNCTIONS).sort();
}
