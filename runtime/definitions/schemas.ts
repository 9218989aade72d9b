import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { default as Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import * as precompiled from '../types/generated/validators';
import baseOptions from './ajv-options.json';
import { packageRoot } from './package-root';
import { describeSchemaErrors, type SchemaProblem } from './schema-errors';

/** The schema files in schemas/ that definition files and blueprints are validated against. */
export const SCHEMA_IDS = [
  'makecomapp',
  'base',
  'common',
  'communication',
  'parameters',
  'interface',
  'samples',
  'groups',
  'blueprint',
] as const;
export type SchemaId = (typeof SCHEMA_IDS)[number];

export function schemaFile(id: SchemaId): string {
  return `${id}.schema.json`;
}

export function schemasDir(): string {
  return path.join(packageRoot(), 'schemas');
}

/** One anti-example: a value the schema must reject, why, and where the problem is. */
export interface AntiExample {
  value: unknown;
  reason: string;
  pointer: string;
}

export interface SchemaDocument {
  $id: string;
  title?: string;
  examples?: unknown[];
  antiExamples?: AntiExample[];
  [key: string]: unknown;
}

/** Reads every schema file (fresh objects each call: callers may mutate them). */
export function readSchemas(): Map<SchemaId, SchemaDocument> {
  const schemas = new Map<SchemaId, SchemaDocument>();
  for (const id of SCHEMA_IDS) {
    const text = fs.readFileSync(path.join(schemasDir(), schemaFile(id)), 'utf8');
    schemas.set(id, JSON.parse(text) as SchemaDocument);
  }
  return schemas;
}

/** ajv's options, shared with scripts/generate-types.mjs, which precompiles the same validators. */
function ajvOptions(): Options {
  return {
    ...(baseOptions as Options),
    // Compiling in-process (schemas edited since `npm run types`): unoptimized code compiles in a
    // third of the time and validates definition files just as fast.
    code: { optimize: false },
  };
}

/** A fingerprint of schemas/*.schema.json, to know whether the precompiled validators are current. */
export function schemasFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of fs
    .readdirSync(schemasDir())
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    hash.update(`${file}\n${fs.readFileSync(path.join(schemasDir(), file), 'utf8')}\n`);
  }
  return hash.digest('hex');
}

let ajvInstance: Ajv | undefined;

/**
 * One ajv for the process with every schema added; each validator is compiled on first use and kept.
 * `verbose` keeps each error's parent schema, which the did-you-mean suggestions read the allowed
 * keys from. The schemas' own validity against draft-07 is checked by test/schemas, not at start.
 */
function sharedAjv(): Ajv {
  if (ajvInstance) return ajvInstance;
  // Required here, not at the top: with the precompiled validators ajv itself is never loaded.
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const ajv = new AjvClass(ajvOptions());
  // Documentation keywords of our schema files, which validate nothing: values the schema must reject
  // (test/schemas checks them), and the TypeScript type json-schema-to-typescript emits for if/then/else.
  ajv.addKeyword({ keyword: 'antiExamples', metaSchema: { type: 'array' } });
  ajv.addKeyword({ keyword: 'tsType', metaSchema: { type: 'string' } });
  for (const schema of readSchemas().values()) ajv.addSchema(schema);
  ajvInstance = ajv;
  return ajv;
}

/** Compiles one schema in-process (also what the precompiled validators are checked against). */
export function compileValidator(id: SchemaId): ValidateFunction {
  const validate = sharedAjv().getSchema(schemaFile(id));
  if (!validate) throw new Error(`schema ${schemaFile(id)} did not compile`);
  return validate;
}

let precompiledIsCurrent: boolean | undefined;

/**
 * The validator of one schema. Loading runs at every CLI start, so the validators `npm run types`
 * precompiled (runtime/types/generated/validators.ts) are used while schemas/ has not changed since;
 * otherwise each schema is compiled once per process.
 */
function validatorFor(id: SchemaId): (value: unknown) => boolean {
  precompiledIsCurrent ??= precompiled.SCHEMAS_FINGERPRINT === schemasFingerprint();
  return precompiledIsCurrent ? (precompiled[id] as ValidateFunction) : compileValidator(id);
}

/** Validates a value against one of our schemas; [] when it conforms. */
export function validateAgainstSchema(id: SchemaId, value: unknown): SchemaProblem[] {
  const validate = validatorFor(id) as ValidateFunction;
  if (validate(value)) return [];
  return describeSchemaErrors((validate.errors ?? []) as ErrorObject[]);
}
