/**
 * Reading Make parameter specs (Forman): which fields exist at one level of a form, including the
 * nested fields that Make shows under a field or under a select option. Nested fields are a UI
 * concept only: their values sit beside their parent's (make-format.md §5.4), so one level of data is
 * the flattened list returned here, each nested field carrying the condition under which it is shown.
 */
import type { JsonValue, ParameterSpec } from '../types/app';

/**
 * When a nested field applies: its parent has a value, or the parent's value is (or contains) `value`,
 * or (`empty`) the parent has no value, for the fields of a select's placeholder.
 */
export interface FieldCondition {
  parent: string;
  /** The select option value the field hangs under (a multiple select's value contains it); absent = "parent has any value". */
  value?: JsonValue;
  /** The field hangs under the select's placeholder (`options.placeholder.nested`): shown while the select has no value. */
  empty?: true;
}

export interface FieldEntry {
  spec: ParameterSpec;
  name: string;
  conditions: FieldCondition[];
}

export interface Level {
  fields: FieldEntry[];
  /** The level has fields supplied at run time (`rpc://` references): unknown names are kept. */
  dynamic: boolean;
}

type SpecList = ReadonlyArray<ParameterSpec | string> | string | undefined | null;

/** Types that only decorate the form and carry no value. */
const VISUAL_TYPES = new Set(['banner', 'separator', 'markdown', 'html']);

export function isRpcReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('rpc://');
}

const levels = new WeakMap<object, Level>();

/**
 * The fields of one level, nested fields flattened beside their parents; a name defined under
 * several conditions appears once per definition (see variantFor in normalize.ts).
 * Cached per spec list: definitions are loaded once and never mutated.
 */
export function flattenLevel(specs: SpecList): Level {
  if (specs && typeof specs === 'object') {
    let level = levels.get(specs);
    if (!level) {
      level = computeLevel(specs);
      levels.set(specs, level);
    }
    return level;
  }
  return computeLevel(specs);
}

function computeLevel(specs: SpecList): Level {
  const level: Level = { fields: [], dynamic: false };
  const alwaysShown = new Set<string>();
  const visit = (nested: unknown, conditions: FieldCondition[]): void => {
    // A nested list may be written in the store form, `{ store: [...] }` or `{ store: "rpc://…" }`.
    const list = storeContent(nested as JsonValue | undefined) as SpecList;
    if (typeof list === 'string') {
      level.dynamic = true;
      return;
    }
    if (!Array.isArray(list)) return;
    for (const spec of list) {
      if (typeof spec === 'string') {
        level.dynamic = true;
        continue;
      }
      if (
        !spec ||
        typeof spec !== 'object' ||
        typeof spec.name !== 'string' ||
        VISUAL_TYPES.has(String(spec.type))
      ) {
        continue;
      }
      // Make lets options define the same field differently (a `value` that is a number under one
      // option and a date under another): each definition is a variant with its own condition. One
      // always shown (top level) makes later definitions of its name unreachable.
      if (!alwaysShown.has(spec.name)) {
        if (conditions.length === 0) alwaysShown.add(spec.name);
        level.fields.push({ spec, name: spec.name, conditions });
      }
      visitNested(spec, conditions);
    }
  };
  const visitNested = (spec: ParameterSpec, conditions: FieldCondition[]): void => {
    const name = spec.name as string;
    const whenFilled = [...conditions, { parent: name }];
    visit(spec.nested, whenFilled);
    if (spec.type !== 'select') return;
    const form = storeForm(spec.options);
    visit(form?.nested, whenFilled);
    visit(storeForm(form?.placeholder)?.nested, [...conditions, { parent: name, empty: true }]);
    for (const option of selectOptions(spec)) {
      if (option.nested !== undefined)
        visit(option.nested, [...conditions, { parent: name, value: option.value }]);
    }
  };
  visit(specs, []);
  return level;
}

export interface SelectOption {
  label?: JsonValue;
  value: JsonValue;
  nested?: JsonValue;
}

/**
 * Make's store form of a list (select `options`, `nested`): `{ store, … }` with the list (or an
 * `rpc://` reference) under `store` and settings beside it. The object, or undefined for a plain list
 * (or a string: a placeholder's plain label, an `rpc://` reference).
 */
function storeForm(raw: JsonValue | undefined): { [key: string]: JsonValue } | undefined {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : undefined;
}

/** What a list written plainly or in the store form holds: the list, or the `rpc://` reference. */
function storeContent(raw: JsonValue | undefined): JsonValue | undefined {
  const form = storeForm(raw);
  return form ? form.store : raw;
}

/** The static options of a select (grouped or in a store), with the store's label/value keys applied. */
export function selectOptions(spec: ParameterSpec): SelectOption[] {
  const form = storeForm(spec.options);
  const list = storeContent(spec.options);
  const valueKey = typeof form?.value === 'string' ? form.value : 'value';
  const labelKey = typeof form?.label === 'string' ? form.label : 'label';
  if (!Array.isArray(list)) return [];
  const out: SelectOption[] = [];
  const add = (items: JsonValue[]): void => {
    for (const item of items) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      // Grouped options: { label, options: [...] } (the `grouped` flag, or simply the shape).
      if (Array.isArray(item.options) && !(valueKey in item)) {
        add(item.options);
        continue;
      }
      if (valueKey in item) out.push({ label: item[labelKey], value: item[valueKey], nested: item.nested });
    }
  };
  add(list);
  return out;
}

/** Options come from an RPC, or the definition asks Make not to check them: any value is accepted. */
export function isDynamicSelect(spec: ParameterSpec): boolean {
  if (isRpcReference(storeContent(spec.options))) return true;
  return spec.dynamic === true || spec.validate === false;
}

/** The item spec of an array parameter: a primitive spec, a collection of fields, or nothing. */
export function arrayItemSpec(spec: ParameterSpec): ParameterSpec | undefined {
  const itemSpec = spec.spec;
  if (Array.isArray(itemSpec)) return { type: 'collection', spec: itemSpec } as ParameterSpec;
  if (itemSpec && typeof itemSpec === 'object') return itemSpec as ParameterSpec;
  return undefined;
}

/** Types whose value is a number (Forman's FORMAN_TYPE_MAP). */
export const NUMBER_TYPES = new Set(['number', 'integer', 'uinteger', 'port']);
/** Types whose value is a string. */
export const STRING_TYPES = new Set([
  'text',
  'date',
  'buffer',
  'cert',
  'color',
  'email',
  'filename',
  'file',
  'folder',
  'password',
  'path',
  'pkey',
  'time',
  'timestamp',
  'timezone',
  'url',
  'uuid',
]);

/** The value type a select converts its value to (`spec: { type }`), if any. */
export function selectValueType(spec: ParameterSpec): string | undefined {
  const inner = spec.spec;
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && typeof inner.type === 'string')
    return inner.type;
  return undefined;
}

export function isMultiple(spec: ParameterSpec): boolean {
  return spec.type === 'array' || (spec.type === 'select' && spec.multiple === true);
}
