/**
 * The parameters' validators as standalone code (runtime/parameters/standalone.ts, issue 23): for
 * every schema of the complete app, the validator evaluated from its standalone code answers exactly
 * what ajv's compile of the same schema answers — the verdict and every error object (allErrors,
 * verbose: instancePath, keyword, params, message, schema, parentSchema with its xLabels, data) — on
 * valid inputs and on inputs made invalid field by field, nested collections and arrays included.
 */
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { loadApp } from '../../runtime/definitions';
import { parameterAjv } from '../../runtime/parameters/ajv';
import { levelSchema } from '../../runtime/parameters/schema';
import {
  levelKey,
  shownKey,
  standaloneCode,
  standaloneCodeOfApp,
  validatorFromCode,
} from '../../runtime/parameters/standalone';
import type { App, ParameterSpec } from '../../runtime/types/app';

const ROOT = path.join(__dirname, '..', '..');

type Schema = Record<string, unknown>;

let app: App;
beforeAll(async () => {
  app = await loadApp(ROOT);
});

function levelsOf(a: App): { owner: string; specs: (ParameterSpec | string)[] }[] {
  return [
    ...a.modules.map((m) => ({ owner: `module ${m.id}`, specs: [...m.staticParams, ...m.mappableParams] })),
    ...a.rpcs.map((r) => ({ owner: `rpc ${r.id}`, specs: r.params })),
    ...a.connections.map((c) => ({ owner: `connection ${c.id}`, specs: c.params })),
    ...(a.webhooks ?? []).map((w) => ({ owner: `webhook ${w.id}`, specs: w.params })),
  ];
}

/** A value the schema plausibly accepts (the first of an enum, a date for date-time, …). */
function plausible(schema: Schema, depth = 0): unknown {
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.anyOf)) return plausible(schema.anyOf[0] as Schema, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.format === 'date-time') return '2024-01-31T12:00:00.000Z';
  if (type === 'string') return typeof schema.pattern === 'string' ? 'AB' : 'text';
  if (type === 'number' || type === 'integer') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (type === 'boolean') return true;
  if (type === 'array') {
    const items = schema.items as Schema | undefined;
    return items && depth < 3 ? [plausible(items, depth + 1)] : [];
  }
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
      if (depth < 3) out[name] = plausible(sub, depth + 1);
    return out;
  }
  return 'any';
}

const WRONG: unknown[] = [
  null,
  '',
  'x',
  'not a date 2024-13-45',
  '2024-02-30T25:00:00Z',
  '12345678901234567890123456789012345678901234567890',
  -1,
  1.5,
  0,
  99999,
  true,
  false,
  [],
  [1, 'a', {}],
  {},
  { a: 1 },
];

/** The plausible value, then, for each property at any depth, that value with the property replaced. */
function inputsFor(schema: Schema): unknown[] {
  const base = plausible(schema) as Record<string, unknown>;
  const inputs: unknown[] = [{}, base];
  const vary = (value: unknown, sub: Schema, set: (v: unknown) => unknown, depth: number) => {
    for (const wrong of WRONG) inputs.push(set(wrong));
    if (depth >= 3 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const items = (sub.items ?? {}) as Schema;
      if (value.length) vary(value[0], items, (v) => set([v, ...value.slice(1)]), depth + 1);
      return;
    }
    for (const [name, inner] of Object.entries((sub.properties ?? {}) as Record<string, Schema>)) {
      const rest = value as Record<string, unknown>;
      vary(rest[name], inner, (v) => set({ ...rest, [name]: v }), depth + 1);
      const { [name]: _dropped, ...without } = rest;
      inputs.push(set(without));
    }
  };
  vary(base, schema, (v) => v, 0);
  return inputs;
}

function answer(validate: ValidateFunction, input: unknown): string {
  const valid = validate(structuredClone(input));
  return JSON.stringify({ valid, errors: validate.errors ?? null });
}

test('every schema of the app validates the same, errors and all, from its standalone code', () => {
  const levels = levelsOf(app);
  expect(levels.length).toBeGreaterThan(100);
  const keywords = new Set<string>();
  const mismatches: string[] = [];
  let cases = 0;
  for (const { owner, specs } of levels) {
    const schema = levelSchema(specs);
    const compiled = parameterAjv().compile(schema);
    const standalone = validatorFromCode(standaloneCode(schema));
    expect(standalone.schema).toEqual(compiled.schema);
    for (const input of inputsFor(schema)) {
      cases++;
      const [a, b] = [answer(compiled, input), answer(standalone, input)];
      if (a !== b) mismatches.push(`${owner} ${JSON.stringify(input)}:\n  ajv ${a}\n  standalone ${b}`);
      for (const e of compiled.errors ?? []) keywords.add(e.keyword);
    }
  }
  expect(mismatches.slice(0, 3)).toEqual([]);
  // The inputs reach every kind of rule the app's schemas have, so the comparison covers them.
  expect([...keywords].sort()).toEqual(
    expect.arrayContaining(['enum', 'format', 'if', 'maxLength', 'pattern', 'required', 'type']),
  );
  expect(cases).toBeGreaterThan(10000);
});

/** Every nested field's shown-condition in a schema: the `if` of its conditional entry, at any depth. */
function conditionsIn(schema: unknown, out: Schema[] = []): Schema[] {
  if (Array.isArray(schema)) for (const item of schema) conditionsIn(item, out);
  else if (schema && typeof schema === 'object')
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'if') out.push(value as Schema);
      conditionsIn(value, out);
    }
  return out;
}

test('the shown-conditions of nested fields validate the same from their standalone code', () => {
  const conditions = levelsOf(app).flatMap(({ specs }) => conditionsIn(levelSchema(specs)));
  expect(conditions.length).toBeGreaterThan(10);
  for (const schema of conditions) {
    const compiled = parameterAjv().compile(schema);
    const standalone = validatorFromCode(standaloneCode(schema));
    const parent = Object.keys((schema.allOf as Schema[])[0]!.properties as Schema)[0]!;
    for (const value of [...WRONG, 'String', 'Integer', ['String'], undefined]) {
      const input = value === undefined ? {} : { [parent]: value };
      expect(answer(standalone, input)).toBe(answer(compiled, input));
    }
  }
});

test('the code kept for an app covers every level and shown-condition, under the keys validation asks for', () => {
  const codes = standaloneCodeOfApp(app);
  for (const { specs } of levelsOf(app)) {
    expect(codes[levelKey(specs)]).toEqual(expect.any(String));
    for (const condition of conditionsIn(levelSchema(specs)))
      expect(codes[shownKey(condition)]).toEqual(expect.any(String));
  }
});

test('standalone code requires only ajv’s runtime helpers and the formats, never ajv itself', () => {
  const code = standaloneCode({ type: 'object', properties: { a: { type: 'string' } } });
  expect(() => validatorFromCode(`${code};require('ajv')`)).toThrow(/requires ajv/);
  expect(() => validatorFromCode('module.exports = 1')).toThrow(/no validator/);
  const required = [
    ...Object.values(standaloneCodeOfApp(app))
      .join('\n')
      .matchAll(/require\("([^"]+)"\)/g),
  ];
  expect(new Set(required.map((m) => m[1]))).toEqual(
    new Set(['ajv/dist/runtime/equal', './date-time-format', 'ajv/dist/runtime/ucs2length']),
  );
});
