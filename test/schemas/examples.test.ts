/**
 * One generic test over every schema in schemas/: each schema's `examples` must pass and each of its
 * `antiExamples` must fail, with a problem at the pointer the anti-example names.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import * as precompiled from '../../runtime/types/generated/validators';
import {
  compileValidator,
  readSchemas,
  schemasFingerprint,
  validateAgainstSchema,
  SCHEMA_IDS,
} from '../../runtime/definitions/schemas';

const schemas = readSchemas();

describe.each(SCHEMA_IDS.map((id) => [id]))('%s.schema.json', (id) => {
  const schema = schemas.get(id)!;

  test('carries examples and anti-examples, each anti-example with a reason', () => {
    expect(schema.examples?.length ?? 0).toBeGreaterThan(0);
    expect(schema.antiExamples?.length ?? 0).toBeGreaterThan(0);
    for (const anti of schema.antiExamples!) expect(anti.reason).toMatch(/\S/);
  });

  test.each((schema.examples ?? []).map((value, index) => [index, value]))(
    'example %i passes',
    (_index, value) => {
      expect(validateAgainstSchema(id, value)).toEqual([]);
    },
  );

  test.each((schema.antiExamples ?? []).map((anti) => [anti.reason, anti]))(
    'anti-example fails: %s',
    (_reason, anti) => {
      const problems = validateAgainstSchema(id, anti.value);
      expect(problems.map((p) => p.pointer)).toContain(anti.pointer);
    },
  );
});

describe('every schema file', () => {
  // The runtime skips meta-schema validation at start-up for speed; this is where it happens.
  test.each(SCHEMA_IDS.map((id) => [id]))('%s is a valid draft-07 schema under strict mode', (id) => {
    const ajv = new Ajv({ strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'antiExamples', metaSchema: { type: 'array' } });
    ajv.addKeyword({ keyword: 'tsType', metaSchema: { type: 'string' } });
    for (const schema of readSchemas().values()) ajv.addSchema(schema);
    expect(ajv.validateSchema(schemas.get(id)!)).toBe(true);
    expect(() => ajv.getSchema(`${id}.schema.json`)).not.toThrow();
  });
});

describe('precompiled validators (runtime/types/generated/validators.ts)', () => {
  // The runtime uses them while schemas/ is unchanged since `npm run types`, else compiles in-process:
  // both must accept and reject the same values with the same errors.
  test.each(SCHEMA_IDS.map((id) => [id]))('%s: same verdicts and errors as an in-process compile', (id) => {
    const schema = schemas.get(id)!;
    const values = [...(schema.examples ?? []), ...(schema.antiExamples ?? []).map((a) => a.value)];
    const compiled = compileValidator(id);
    const standalone = (precompiled as unknown as Record<string, ValidateFunction>)[id]!;
    for (const value of values) {
      expect(standalone(value)).toBe(compiled(value));
      const strip = (errors: typeof compiled.errors) =>
        (errors ?? []).map((e) => [e.instancePath, e.keyword, e.message]);
      expect(strip(standalone.errors)).toEqual(strip(compiled.errors));
    }
  });

  test('are stamped with the fingerprint of the current schema files', () => {
    expect(precompiled.SCHEMAS_FINGERPRINT).toBe(schemasFingerprint());
  });
});
