import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
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

let ajvInstance: Ajv | undefined;

/**
 * One ajv for the process with every schema added; each validator is compiled on first use and kept
 * (loading runs at every CLI start). `verbose` keeps each error's parent schema, which the
 * did-you-mean suggestions read the allowed keys from.
 */
function sharedAjv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const ajv = new Ajv({
    strict: true,
    // if/then rules ("POST needs url and body") name keys defined by the surrounding schema...
    strictRequired: false,
    // ...and their if/then branches constrain keys without repeating `type: "object"`.
    strictTypes: false,
    allowUnionTypes: true,
    allErrors: true,
    verbose: true,
    // Start-up speed: unoptimized code and non-inlined $refs compile in a third of the time and
    // validate definition files just as fast. The schemas' own validity against draft-07 is checked
    // by test/schemas instead of at every start.
    code: { optimize: false },
    inlineRefs: false,
    validateSchema: false,
  });
  // Documentation keywords of our schema files: values the schema must reject, with the reason...
  ajv.addKeyword({ keyword: 'antiExamples', metaSchema: { type: 'array' } });
  // ...and the TypeScript type json-schema-to-typescript emits where the schema uses if/then/else.
  ajv.addKeyword({ keyword: 'tsType', metaSchema: { type: 'string' } });
  for (const schema of readSchemas().values()) ajv.addSchema(schema);
  ajvInstance = ajv;
  return ajv;
}

function validatorFor(id: SchemaId): ValidateFunction {
  const validate = sharedAjv().getSchema(schemaFile(id));
  if (!validate) throw new Error(`schema ${schemaFile(id)} did not compile`);
  return validate;
}

/** Validates a value against one of our schemas; [] when it conforms. */
export function validateAgainstSchema(id: SchemaId, value: unknown): SchemaProblem[] {
  const validate = validatorFor(id);
  if (validate(value)) return [];
  return describeSchemaErrors((validate.errors ?? []) as ErrorObject[]);
}
