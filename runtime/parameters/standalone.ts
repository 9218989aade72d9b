/**
 * Parameter validators as ajv's standalone code (issue 23, the CLI's cold start). Loading ajv and
 * compiling a module's schema was the largest part of `run`'s start after the definitions cache: a
 * clean load now also writes out, with ajv's standalone code generator, the validator of every
 * component's parameters and of every nested field's shown-condition, and the definitions cache keeps
 * that code beside the checked definitions. A command served by the cache evaluates the one validator
 * it needs; only ajv's small runtime helpers and ajv-formats' formats are loaded, never ajv itself.
 *
 * The code is what the same ajv instance (ajv.ts: same options, the same `boundedRegExp`) compiles, so
 * results and error objects are the same (test/parameters/standalone.test.ts compares them for every
 * schema of the app). Code is found by the hash of what its schema is built from; anything not found,
 * or code that does not evaluate, falls back to compiling with ajv.
 */
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { App, ParameterSpec } from '../types/app';
import { boundedRegExp } from './patterns';

type Specs = ReadonlyArray<ParameterSpec | string> | string | undefined;

/** The key of the validator of a level of fields (levelSchema of these specs). */
export function levelKey(specs: Specs): string {
  return keyOf('level', specs ?? null);
}

/** The key of a shown-condition's validator (the schema shownSchema built). */
export function shownKey(schema: unknown): string {
  return keyOf('shown', schema);
}

function keyOf(kind: string, input: unknown): string {
  return createHash('sha1')
    .update(`${kind}\0${JSON.stringify(input)}`)
    .digest('hex');
}

/**
 * Reads kept standalone code by key: the definitions cache's, from the last load it served (keys name
 * their schema's content, so code kept for another app of this process is as good).
 */
let readKept: ((key: string) => string | undefined) | undefined;

export function useKeptCode(read: (key: string) => string | undefined): void {
  readKept = read;
}

/** The kept validator of this key, evaluated; undefined when there is none or its code does not run. */
export function keptValidator(key: string): ValidateFunction | undefined {
  const code = readKept?.(key);
  if (code === undefined) return undefined;
  try {
    return validatorFromCode(code);
  } catch {
    return undefined; // a damaged cache: ajv compiles this one, as without the cache
  }
}

// The only modules standalone code of these schemas requires (ajv's runtime helpers, the date-time
// format): loading anything else would mean the code is not what this file wrote.
const RUNTIME_MODULES = new Set([
  'ajv/dist/runtime/equal',
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/uri',
  'ajv-formats/dist/formats',
  './date-time-format',
]);

function requireRuntime(id: string): unknown {
  if (!RUNTIME_MODULES.has(id)) throw new Error(`standalone validator requires ${id}`);
  return require(id) as unknown;
}

/**
 * Evaluates standalone code (a CommonJS module whose export is the validator): code this runtime
 * generated (standaloneCode), read back from the app's private .sandbox/ under its sha1.
 */
export function validatorFromCode(code: string): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', 'boundedRegExp', code)(
    module,
    module.exports,
    requireRuntime,
    boundedRegExp,
  );
  const validate = module.exports as ValidateFunction;
  if (typeof validate !== 'function') throw new Error('standalone code exports no validator');
  return validate;
}

/**
 * Standalone code of the validator ajv compiles for this schema. Its `schema` property (which the
 * compiled validator has, and the problems' field order reads) is written after the code.
 */
export function standaloneCode(schema: object): string {
  const { parameterAjv } = require('./ajv') as typeof import('./ajv');
  const generate = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const ajv = parameterAjv();
  const code = generate(ajv, ajv.compile(schema));
  return `${code};module.exports.schema = ${JSON.stringify(schema)};`;
}

/**
 * Every validator the app's components can ask for, as standalone code by key: each module's static
 * and mappable parameters (one level, as the engine validates them), each RPC's, connection's and
 * webhook's parameters, and the shown-condition of every nested field in them. A schema ajv cannot
 * compile is left out (validation compiles it, and fails, as it would without the cache).
 */
export function standaloneCodeOfApp(app: App): Record<string, string> {
  const { levelSchema } = require('./schema') as typeof import('./schema');
  const levels: Specs[] = [
    ...app.modules.map((m) => [...m.staticParams, ...m.mappableParams]),
    ...app.rpcs.map((r) => r.params),
    ...app.connections.map((c) => c.params),
    ...(app.webhooks ?? []).map((w) => w.params),
  ];
  const codes: Record<string, string> = {};
  const add = (key: string, schema: object) => {
    if (key in codes) return;
    try {
      codes[key] = standaloneCode(schema);
    } catch {
      // left to validation's own compile
    }
  };
  for (const specs of levels) {
    const schema = levelSchema(specs);
    add(levelKey(specs), schema);
    for (const condition of shownConditions(schema)) add(shownKey(condition), condition);
  }
  return codes;
}

/** The `if` of every nested field's conditional entry, at any depth (collections nest levels). */
function shownConditions(schema: unknown, out: object[] = []): object[] {
  if (Array.isArray(schema)) for (const item of schema) shownConditions(item, out);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'if' && value && typeof value === 'object') out.push(value);
      shownConditions(value, out);
    }
  }
  return out;
}
