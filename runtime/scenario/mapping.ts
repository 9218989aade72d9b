/**
 * Scenario-dialect mapping: a module's `mapper` (and filter operands) evaluated against the context
 * of the bundle in flight — the outputs of earlier modules keyed by module id (`{{1.email}}`).
 *
 * Two Make rules live here rather than in the IML evaluator, because they depend on the target field:
 * - a field typed `array` mapped with exactly `{{…[]}}` receives the whole array (the `[]` in the
 *   mapping panel means "this array", not "its first element", when the target takes an array);
 * - `ignore` leaves the field unfilled (the key is dropped); `erase` clears it (null, which the
 *   parameter layer turns into [] for array fields).
 */
import { evaluate, isErase, isIgnore, wholeArrayReferenceTarget } from '../iml';
import { setOwn } from '../iml/values';
import type { App } from '../types/app';
import type { ScenarioNode } from './blueprint';
import type { Bundle } from './types';

export interface MappingEnv {
  timezone: string;
  now?: Date;
  /** The run id, the value of the `executionId` keyword. */
  executionId: string;
  app: App;
}

/** Connection placeholders in Make exports: never parameters of the module. */
const CONNECTION_KEYS = new Set(['__IMTCONN__', '__IMTHOOK__']);

export function mapValue(template: unknown, context: Record<string, Bundle>, env: MappingEnv): unknown {
  if (template === undefined) return undefined;
  return cleanKeywords(
    evaluate(template, context, {
      dialect: 'scenario',
      timezone: env.timezone,
      now: env.now,
      executionId: env.executionId,
    }),
  );
}

/** The module's input: static `parameters` (minus connection ids), then the evaluated `mapper`. */
export function mapParameters(
  node: ScenarioNode,
  context: Record<string, Bundle>,
  env: MappingEnv,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.parameters))
    if (!CONNECTION_KEYS.has(key)) setOwn(params, key, value);
  const arrays = arrayFields(node, env.app);
  for (const [key, template] of Object.entries(node.mapper)) {
    if (CONNECTION_KEYS.has(key)) continue;
    const whole = arrays.has(key) ? wholeArrayReferenceTarget(template) : undefined;
    const value = mapValue(whole ?? template, context, env);
    if (value === undefined) continue;
    setOwn(params, key, value);
  }
  return params;
}

const NO_FIELDS: ReadonlySet<string> = new Set();
const arrayFieldCache = new WeakMap<ScenarioNode, ReadonlySet<string>>();

/** The node's array-typed fields, looked up once per node (it is mapped once per bundle). */
function arrayFields(node: ScenarioNode, app: App): ReadonlySet<string> {
  let set = arrayFieldCache.get(node);
  if (!set) {
    const info = node.kind === 'app' ? app.modules.find((m) => m.id === node.appModuleId) : undefined;
    set = info
      ? new Set(
          [...info.staticParams, ...info.mappableParams]
            .filter((p) => p.type === 'array' && typeof p.name === 'string')
            .map((p) => p.name as string),
        )
      : NO_FIELDS;
    arrayFieldCache.set(node, set);
  }
  return set;
}

/** `erase` → null and `ignore` → absent, at any depth of a mapped value. */
function cleanKeywords(value: unknown): unknown {
  if (isIgnore(value)) return undefined;
  if (isErase(value)) return null;
  if (Array.isArray(value)) return value.filter((v) => !isIgnore(v)).map(cleanKeywords);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const cleaned = cleanKeywords(v);
      if (cleaned !== undefined) setOwn(out, k, cleaned);
    }
    return out;
  }
  return value;
}
