/**
 * Parameters: normalize a caller's values by Make's rules, then validate them against the JSON
 * Schema built from the specs. The schema is compiled once per owner (module, RPC or connection
 * object) and cached for the owner's lifetime.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BundleValidationError, FieldProblem } from '../errors';
import type { ParameterSpec } from '../types/app';
import { parameterAjv } from './ajv';
import { levelSchema } from './schema';
import { normalizeLevel, NormalizeOptions } from './normalize';
import { keptValidator, levelKey } from './standalone';

export { toIsoDate } from './dates';
export { checkPatterns } from './patterns';
export { levelSchema } from './schema';
export { flattenLevel, selectOptions, isRpcReference } from './specs';

type Specs = ReadonlyArray<ParameterSpec | string> | string | undefined;

const compiled = new WeakMap<object, ValidateFunction>();

export interface PrepareOptions extends NormalizeOptions {
  /** Module, RPC or connection id, for the error. */
  componentId?: string;
}

/**
 * Turns caller values into the `parameters` the communication sees, or throws BundleValidationError
 * naming every failing field. `owner` is the object the specs belong to (the compiled schema's cache key).
 */
export function prepareParameters(
  owner: object,
  specs: Specs,
  values: Record<string, unknown> | undefined,
  opts: PrepareOptions = {},
): Record<string, unknown> {
  const normalized = normalizeLevel(specs, values ?? {}, opts);
  const validate = validatorFor(owner, specs);
  if (!validate(normalized)) {
    const problems = inFieldOrder(toProblems(validate.errors ?? []), validate.schema);
    throw new BundleValidationError(problems, opts.componentId ? { componentId: opts.componentId } : {});
  }
  return normalized;
}

/**
 * The owner's validator: the standalone code the definitions cache kept for these specs when there is
 * some (standalone.ts: no ajv to load, no schema to compile), else ajv's compile of levelSchema.
 */
export function validatorFor(owner: object, specs: Specs): ValidateFunction {
  let fn = compiled.get(owner);
  if (!fn) {
    fn = keptValidator(levelKey(specs)) ?? parameterAjv().compile(levelSchema(specs));
    compiled.set(owner, fn);
  }
  return fn;
}

/** ajv errors → one problem per field (the first error wins), fields named as Make shows them. */
export function toProblems(errors: ErrorObject[]): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the `then` error that follows says what is missing
    let path = e.instancePath;
    let label: string | undefined;
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      path = `${path}/${escapePointer(missing)}`;
      label = ((e.parentSchema as { xLabels?: Record<string, string> })?.xLabels ?? {})[missing];
    } else {
      label = (e.parentSchema as { title?: string } | undefined)?.title;
    }
    const field = fieldName(path);
    if (byField.has(field)) continue;
    byField.set(field, { field, ...(label ? { label } : {}), message: describe(e) });
  }
  return [...byField.values()];
}

/** Problems in the order the form shows the fields (ajv reports `required` first). */
function inFieldOrder(problems: FieldProblem[], schema: unknown): FieldProblem[] {
  const order = Object.keys((schema as { properties?: object }).properties ?? {});
  const rank = (p: FieldProblem) => {
    const i = order.indexOf(p.field.split(/[.[]/)[0]);
    return i < 0 ? order.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/line_items/0/amount` → `line_items[1].amount` (1-based, as Make numbers array items). */
function fieldName(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${Number(part) + 1}]` : out ? `.${part}` : part;
  }
  return out || '(parameters)';
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be ${typeWords(String(p.type))}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[])
        .filter((v) => v !== null)
        .map((v) => JSON.stringify(v))
        .join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return p.format === 'date-time'
        ? 'must be a date (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)'
        : `must be a valid ${p.format}`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'minLength':
      return `must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long`;
    case 'pattern':
      return `must match the pattern ${p.pattern}`;
    case 'minItems':
      return `must have at least ${p.limit} item(s)`;
    case 'maxItems':
      return `must have at most ${p.limit} item(s)`;
    case 'not':
      return 'is required';
    default:
      return e.message ?? 'is invalid';
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    object: 'a collection (object)',
    array: 'an array',
    null: 'empty',
  };
  return type
    .split(',')
    .filter((t) => t !== 'null')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
