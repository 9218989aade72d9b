/**
 * Make parameter specs → JSON Schema (draft 2020-12 subset that ajv 8 compiles). The schema checks
 * values that have already been normalized (normalize.ts): empty values removed, numbers and dates
 * converted. Every property schema carries `title` (the label) so errors can name fields the way
 * the user sees them; every object schema carries `xLabels` for the `required` errors.
 */
import type { JsonValue, ParameterSpec } from '../types/app';
import { parameterAjv } from './ajv';
import { shownSchema } from './shown';
import {
  arrayItemSpec,
  flattenLevel,
  isDynamicSelect,
  selectOptions,
  selectValueType,
  NUMBER_TYPES,
  STRING_TYPES,
} from './specs';

export type Schema = Record<string, unknown>;

/** The schema for one level of fields (a module's parameters, or a collection's spec). */
export function levelSchema(specs: ReadonlyArray<ParameterSpec | string> | string | undefined): Schema {
  const level = flattenLevel(specs);
  const properties: Record<string, Schema> = {};
  const labels: Record<string, string> = {};
  const required: string[] = [];
  const conditional: Schema[] = [];
  for (const field of level.fields) {
    const label = labelOf(field.spec);
    const schema = fieldSchema(field.spec, field.spec.required === true);
    labels[field.name] = label;
    if (field.conditions.length === 0) {
      properties[field.name] = schema;
      if (field.spec.required === true) required.push(field.name);
      continue;
    }
    // A nested field is required and validated only while it is shown (shown.ts). Its top-level
    // entry only keeps the form's field order (problems are listed in it) and its label.
    properties[field.name] = { title: label };
    conditional.push({
      if: shownSchema(field.conditions),
      then: {
        properties: { [field.name]: schema },
        ...(field.spec.required === true ? { required: [field.name] } : {}),
        xLabels: { [field.name]: label },
      },
    });
  }
  const schema: Schema = { type: 'object', properties, xLabels: labels };
  if (required.length) schema.required = required;
  if (conditional.length) schema.allOf = conditional;
  return schema;
}

function labelOf(spec: ParameterSpec): string {
  return typeof spec.label === 'string' ? spec.label : String(spec.name ?? '');
}

/**
 * The schema of one field's value. Optional fields also accept `null` (Make's erase). A field's own
 * `default` is always one of its values, even where the definition's `validate` rules out the value
 * it sets itself (docs/decisions.md, "Any Make app": the form shows the default and Make sends it).
 */
export function fieldSchema(spec: ParameterSpec, required: boolean): Schema {
  const schema = ownDefaultAccepted(spec, checkedSchema(spec, required));
  schema.title = labelOf(spec);
  return schema;
}

function ownDefaultAccepted(spec: ParameterSpec, schema: Schema): Schema {
  const value = spec.default;
  if (value === undefined || value === null || typeof value === 'object') return schema;
  if (typeof value === 'string' && value.includes('{{')) return schema;
  if (parameterAjv().validate(schema, value)) return schema;
  return { anyOf: [schema, { const: value }] };
}

function checkedSchema(spec: ParameterSpec, required: boolean): Schema {
  const schema = valueSchema(spec);
  schema.title = labelOf(spec);
  if (required) {
    // Forman: a required value is neither null nor "" (types and enums already exclude null).
    if (!('type' in schema) && !schema.enum) schema.not = { type: 'null' };
    return schema;
  }
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (!('type' in schema) && schema.enum) (schema.enum as unknown[]).push(null);
  return schema;
}

function valueSchema(spec: ParameterSpec): Schema {
  const type = typeof spec.type === 'string' ? spec.type : 'any';
  const validate =
    spec.validate && typeof spec.validate === 'object' && !Array.isArray(spec.validate)
      ? (spec.validate as Record<string, JsonValue>)
      : {};
  if (NUMBER_TYPES.has(type)) return numberSchema(type, validate);
  if (type === 'boolean' || type === 'checkbox') return { type: 'boolean' };
  if (type === 'date') return { type: 'string', format: 'date-time' };
  if (type === 'collection')
    return { ...levelSchema(spec.spec as ParameterSpec[] | undefined), type: 'object' };
  if (type === 'array') return arraySchema(spec, validate);
  if (type === 'select') return selectSchema(spec, validate);
  if (type === 'filter') return { type: 'array' };
  if (STRING_TYPES.has(type)) return stringSchema(validate);
  // json, any, hidden and types we do not know: any value (json's own `schema` is advisory in Make).
  return {};
}

function numberSchema(type: string, validate: Record<string, JsonValue>): Schema {
  const schema: Schema = { type: type === 'number' ? 'number' : 'integer' };
  if (type === 'uinteger') schema.minimum = 0;
  if (type === 'port') Object.assign(schema, { minimum: 1, maximum: 65535 });
  if (typeof validate.min === 'number') schema.minimum = validate.min;
  if (typeof validate.max === 'number') schema.maximum = validate.max;
  return schema;
}

function stringSchema(validate: Record<string, JsonValue>): Schema {
  const schema: Schema = { type: 'string' };
  if (typeof validate.min === 'number') schema.minLength = validate.min;
  if (typeof validate.max === 'number') schema.maxLength = validate.max;
  if (typeof validate.pattern === 'string') schema.pattern = validate.pattern;
  return schema;
}

function arraySchema(spec: ParameterSpec, validate: Record<string, JsonValue>): Schema {
  const schema: Schema = { type: 'array' };
  const item = arrayItemSpec(spec);
  const items: Schema = item ? valueSchema(item) : {};
  if (Array.isArray(validate.enum)) items.enum = validate.enum;
  if (Object.keys(items).length) schema.items = items;
  if (typeof validate.minItems === 'number') schema.minItems = validate.minItems;
  if (typeof validate.maxItems === 'number') schema.maxItems = validate.maxItems;
  return schema;
}

function selectSchema(spec: ParameterSpec, validate: Record<string, JsonValue>): Schema {
  const valueType = selectValueType(spec);
  let one: Schema = valueType ? valueSchema({ type: valueType } as ParameterSpec) : {};
  if (!isDynamicSelect(spec)) {
    const values = selectOptions(spec).map((o) => o.value);
    if (values.length) one = { enum: values };
  }
  if (spec.multiple !== true) return one;
  const schema: Schema = { type: 'array', items: one };
  if (typeof validate.minItems === 'number') schema.minItems = validate.minItems;
  if (typeof validate.maxItems === 'number') schema.maxItems = validate.maxItems;
  return schema;
}
