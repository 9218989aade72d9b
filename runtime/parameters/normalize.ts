/**
 * Make's empty-value rules and input conversions (make-format.md §5.4, apps platform v2), applied
 * before validation and before the communication sees `parameters`:
 * - unfilled (undefined, "", [] and an all-unfilled multiple select) → the key is absent;
 * - `null` from an API caller is Make's `erase` → null, or [] for arrays and multiple selects;
 * - an absent value takes the field's `default` (only while the field is shown, for nested fields);
 * - erasing a boolean leaves it absent (Make's table: boolean is `undefined` even with `erase`);
 * - Make's type coercion (help.make.com/type-coercion, iml-functions.md §4.2): numeric strings become
 *   numbers; a boolean is No only for false or the text "false", Yes for any other value (0 too);
 *   text fields take numbers, booleans, dates (ISO), buffers, arrays and collections as text; an array
 *   field wraps a single value; dates become UTC ISO with milliseconds. Values that cannot be
 *   converted are left as they are, so validation reports them with the field's label.
 * Unknown names (stale mapper keys, `__IMTCONN__`) are dropped unless the level has dynamic fields.
 */
import type { ParameterSpec } from '../types/app';
import { isPlainObject, ownProp, setOwn, toText } from '../iml/values';
import { toIsoDate, DateOptions } from './dates';
import { isShown } from './shown';
import {
  arrayItemSpec,
  flattenLevel,
  FieldEntry,
  Level,
  isMultiple,
  selectValueType,
  NUMBER_TYPES,
  STRING_TYPES,
} from './specs';

// Re-exported: defaults apply only to shown fields, and callers ask this module what is shown.
export { isShown };

export interface NormalizeOptions extends DateOptions {
  /** Keep names the specs do not define (RPCs receive every parameter of the calling module). */
  keepUnknown?: boolean;
}

const ABSENT = Symbol('absent');
type Maybe = unknown | typeof ABSENT;

const NUMERIC = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function normalizeLevel(
  specs: ReadonlyArray<ParameterSpec | string> | string | undefined,
  values: Record<string, unknown>,
  opts: NormalizeOptions,
): Record<string, unknown> {
  const level = flattenLevel(specs);
  const { fill, withDefault, names } = planOf(level);
  const out: Record<string, unknown> = {};
  fill(values, opts, out);
  // Defaults second, so a nested field's default applies only when its parent's value shows it.
  for (const field of withDefault) {
    if (field.name in out) continue;
    if (isShown(field, out)) {
      const v = normalizeValue(field.spec, structuredClone(field.spec.default), opts);
      if (v !== ABSENT) out[field.name] = v;
    }
  }
  if (opts.keepUnknown || level.dynamic) {
    for (const [name, value] of Object.entries(values)) {
      if (names.has(name) || name.startsWith('__IMT') || value === undefined || value === '') continue;
      setOwn(out, name, value);
    }
  }
  return out;
}

/** Normalizes one value against its spec; ABSENT when Make would treat it as unfilled. */
type Normalizer = (value: unknown, opts: NormalizeOptions) => Maybe;

/** Normalizes a level's fields from `values` into `out`, each name's first definition in form order. */
type Fill = (values: Record<string, unknown>, opts: NormalizeOptions, out: Record<string, unknown>) => void;

/** What normalizing a level walks, worked out once per level (levels are cached per spec list). */
interface LevelPlan {
  fill: Fill;
  /** Definitions with a default (`default: null` is none: Make's schema allows it, the field stays unfilled). */
  withDefault: FieldEntry[];
  names: Set<string>;
}

const plans = new WeakMap<Level, LevelPlan>();

function planOf(level: Level): LevelPlan {
  let plan = plans.get(level);
  if (!plan) {
    const names = new Set<string>();
    const firsts: FieldEntry[] = [];
    for (const field of level.fields) {
      if (names.has(field.name)) continue;
      names.add(field.name);
      firsts.push(field);
    }
    const withDefault = level.fields.filter((f) => f.spec.default !== undefined && f.spec.default !== null);
    plan = { fill: fillFor(firsts, level.fields), withDefault, names };
    plans.set(level, plan);
  }
  return plan;
}

/**
 * The level's fill as straight-line code, one statement per field with its name written out: a loop
 * reading `values[field.name]` and writing `out[field.name]` makes every access look up a name that
 * changes each time, which was most of normalizing a level (0.32 µs of loop against 0.05 µs of
 * straight code for a 13-field form). Names are JSON string literals, so no name can be code.
 * Parents come before their nested fields, so a variant's condition reads normalized parents.
 */
function fillFor(firsts: readonly FieldEntry[], fields: readonly FieldEntry[]): Fill {
  // A name defined once, or first at the top level, always takes its first definition's normalizer;
  // one defined under conditions picks its variant from the parents normalized so far.
  const normalizers = firsts.map((field) =>
    field.conditions.length === 0
      ? normalizerOf(field.spec)
      : (value: unknown, opts: NormalizeOptions, out: Record<string, unknown>) =>
          normalizerOf(variantFor(field, fields, out).spec)(value, opts),
  );
  const statements = firsts.map((field, i) => {
    const name = JSON.stringify(field.name);
    // A name every object inherits (`constructor`, `toString`, `__proto__`) is read and written as an own
    // property only: an absent `constructor` is absent, not Object's function.
    return field.name in Object.prototype
      ? `v = N[${i}](OWN(values, ${name}), opts, out); if (v !== ABSENT) SET(out, ${name}, v);`
      : `v = N[${i}](values[${name}], opts, out); if (v !== ABSENT) out[${name}] = v;`;
  });
  const body = `return function fill(values, opts, out) { let v; ${statements.join('\n')} };`;
  // The code depends on the names alone: a spec list built afresh for each call (a webhook responder's,
  // a list an RPC answers) compiles once, not on every call.
  let factory = FILLS.get(body);
  if (!factory) {
    if (FILLS.size >= 1000) FILLS.clear();
    factory = new Function('N', 'ABSENT', 'OWN', 'SET', body) as FillFactory;
    FILLS.set(body, factory);
  }
  return factory(normalizers, ABSENT, ownProp, setOwn);
}

type FillFactory = (normalizers: unknown[], absent: symbol, own: typeof ownProp, set: typeof setOwn) => Fill;

const FILLS = new Map<string, FillFactory>();

/** The definition of a field's name that applies to these values: the first one shown, else the first. */
function variantFor(
  first: FieldEntry,
  fields: readonly FieldEntry[],
  values: Record<string, unknown>,
): FieldEntry {
  if (first.conditions.length === 0) return first;
  return fields.find((f) => f.name === first.name && isShown(f, values)) ?? first;
}

/** Normalizes one value against its spec; ABSENT when Make would treat it as unfilled. */
export function normalizeValue(spec: ParameterSpec, value: unknown, opts: NormalizeOptions): Maybe {
  return normalizerOf(spec)(value, opts);
}

/**
 * Each spec's normalizer is worked out once (definitions are loaded once and never mutated): the
 * type's rules are chosen here rather than by looking the type up in sets on every value (the type
 * checks were a tenth of building a request).
 */
const normalizers = new WeakMap<ParameterSpec, Normalizer>();

function normalizerOf(spec: ParameterSpec): Normalizer {
  let fn = normalizers.get(spec);
  if (!fn) {
    fn = normalizerFor(spec);
    normalizers.set(spec, fn);
  }
  return fn;
}

function normalizerFor(spec: ParameterSpec): Normalizer {
  const type = typeof spec.type === 'string' ? spec.type : 'any';
  if (isMultiple(spec)) {
    const itemSpec = type === 'array' ? arrayItemSpec(spec) : selectItemSpec(spec);
    const item: Normalizer = itemSpec ? normalizerOf(itemSpec) : (v) => (v === '' ? ABSENT : v);
    return (value, opts) => {
      if (value === undefined || value === '') return ABSENT;
      if (value === null) return [];
      const items: unknown[] = [];
      if (!Array.isArray(value)) {
        const v = item(value, opts);
        if (v !== ABSENT) items.push(v);
      } else {
        for (let i = 0; i < value.length; i++) {
          // Holes of a sparse array are skipped, as map and filter skipped them.
          if (!(i in value)) continue;
          const v = item(value[i], opts);
          if (v !== ABSENT) items.push(v);
        }
      }
      return items.length ? items : ABSENT;
    };
  }
  const onNull = BOOLEAN_TYPES.has(type) ? ABSENT : null;
  const convert =
    type === 'collection'
      ? collectionConverter(spec)
      : scalarConverter(type === 'select' ? selectValueType(spec) : type);
  return (value, opts) => {
    if (value === undefined || value === '') return ABSENT;
    if (value === null) return onNull;
    return convert(value, opts);
  };
}

type Converter = (value: unknown, opts: NormalizeOptions) => unknown;

function collectionConverter(spec: ParameterSpec): Converter {
  // A collection without a spec is free-form: its keys are the caller's, kept as given.
  if (!Array.isArray(spec.spec)) return (value) => value;
  const fields = spec.spec as ParameterSpec[];
  return (value, opts) => (isPlainObject(value) ? normalizeLevel(fields, value, opts) : value);
}

function selectItemSpec(spec: ParameterSpec): ParameterSpec | undefined {
  const valueType = selectValueType(spec);
  return valueType ? ({ type: valueType } as ParameterSpec) : undefined;
}

/** Make's conversion of one filled, non-null value to `type` (a select without a value type keeps it). */
function scalarConverter(type: string | undefined): Converter {
  if (type === undefined) return (value) => value;
  if (NUMBER_TYPES.has(type))
    return (value) => {
      if (typeof value !== 'string') return value;
      const text = value.trim();
      return NUMERIC.test(text) ? Number(text) : value;
    };
  if (BOOLEAN_TYPES.has(type)) return (value) => (typeof value === 'boolean' ? value : value !== 'false');
  if (type === 'date') return (value, opts) => toIsoDate(value, opts) ?? value;
  if (TEXT_TYPES.has(type))
    return (value) => (typeof value !== 'string' && isTextCoercible(value) ? toText(value) : value);
  return (value) => value;
}

const BOOLEAN_TYPES = new Set(['boolean', 'checkbox']);
// Text-valued types that take any value as text; date, time and binary types have their own rules.
const TEXT_TYPES = new Set([...STRING_TYPES].filter((t) => !['date', 'time', 'buffer', 'file'].includes(t)));

/** Values Make converts to text for a text field: everything but text itself, null and keywords. */
function isTextCoercible(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    Buffer.isBuffer(value) ||
    Array.isArray(value) ||
    isPlainObject(value)
  );
}
