/**
 * Make's built-in tool modules that transform bundles without HTTP: the iterator (BasicFeeder), Set
 * variable (SetVariable2) and Parse JSON. Each takes the mapped input and returns its output bundles.
 * The router and the aggregator shape the flow itself and live in the runner.
 */
import { DataError } from '../errors';
import type { ScenarioNode } from './blueprint';
import type { Bundle } from './types';

type Builtin = (input: Record<string, unknown>) => Bundle[];

/** Wraps a value as a bundle: objects keep their fields, anything else becomes `{value}`. */
function asBundle(item: unknown): Bundle {
  return typeof item === 'object' && item !== null && !Array.isArray(item)
    ? { ...(item as Bundle) }
    : { value: item };
}

/** Iterator: one bundle per array element, with Make's 1-based `__IMTINDEX__` and `__IMTLENGTH__`. */
export const iterate: Builtin = (input) => {
  const value = input.array;
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => ({ ...asBundle(item), __IMTINDEX__: i + 1, __IMTLENGTH__: items.length }));
};

/** Set variable: `{name, value}` → `{[name]: value}`. */
export const setVariable: Builtin = (input) => {
  const name = input.name;
  if (typeof name !== 'string' || name === '')
    throw new DataError('Set variable: the variable name is missing.');
  return [{ [name]: input.value }];
};

/** Parse JSON: an object gives one bundle, a top-level array one bundle per element. */
export const parseJson: Builtin = (input) => {
  const text = input.json;
  if (typeof text !== 'string') throw new DataError('Parse JSON: the JSON string is missing.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DataError(`Parse JSON: source is not valid JSON (${(err as Error).message}).`);
  }
  return Array.isArray(parsed) ? parsed.map(asBundle) : [asBundle(parsed)];
};

const BUILTINS: Partial<Record<ScenarioNode['kind'], Builtin>> = {
  feeder: iterate,
  setVariable,
  parseJson,
};

export function runBuiltin(node: ScenarioNode, input: Record<string, unknown>): Bundle[] {
  const fn = BUILTINS[node.kind];
  if (!fn) throw new Error(`${node.module} is not a transforming built-in`);
  return fn(input);
}
