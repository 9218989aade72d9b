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

/** The families as Make's mapping panel groups its functions, in its order. */
const CATEGORIES: [string, Record<string, FnSpec>][] = [
  ['General', general],
  ['Math', math],
  ['Text and binary', strings],
  ['Date and time', dates],
  ['Array', arrays],
  ['JSON', json],
];

/**
 * Every built-in by category, with how many arguments it takes (for an editor's function list);
 * `max` null: any number.
 */
export function functionCatalog(): {
  category: string;
  functions: { name: string; min: number; max: number | null }[];
}[] {
  return CATEGORIES.map(([category, family]) => ({
    category,
    functions: Object.keys(family)
      .sort()
      .map((name) => ({
        name,
        min: family[name].min,
        max: Number.isFinite(family[name].max) ? family[name].max : null,
      })),
  }));
}
