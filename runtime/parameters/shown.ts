/**
 * When a nested field is shown (make-format.md §5.2 `nested`: "shown when this field has a value"),
 * defined once, as a JSON Schema condition over its level's normalized values. The validation schema
 * uses it as the `if` that requires and validates the field; isShown (defaults, the page's
 * cross-check) runs the very same schema, so the two cannot disagree.
 */
import type { JsonValue } from '../types/app';
import type { ValidateFunction } from 'ajv';
import { parameterAjv } from './ajv';
import type { Schema } from './schema';
import type { FieldCondition, FieldEntry } from './specs';
import { keptValidator, shownKey } from './standalone';

/**
 * Values that are no value for showing nested fields (absence aside): Make shows a boolean's nested
 * fields only when true, and an erased multiple select ([]) has no chosen option. '' never reaches
 * here (normalization removes it) but is no value either, as on the page.
 */
const NO_VALUE: JsonValue[] = [null, false, '', []];

/** The condition every ancestor of a nested field meets while the field is shown ({} for top-level fields). */
export function shownSchema(conditions: readonly FieldCondition[]): Schema {
  if (conditions.length === 0) return {};
  return { allOf: conditions.map(conditionSchema) };
}

function conditionSchema(c: FieldCondition): Schema {
  // A placeholder's fields: the parent is absent or holds exactly what shows no nested fields, so
  // they and the options' nested fields are never shown together.
  if (c.empty) return { properties: { [c.parent]: { enum: NO_VALUE } } };
  return { required: [c.parent], properties: { [c.parent]: parentValueSchema(c) } };
}

/** The parent has a value and, under an option, is that option (a multiple select: contains it). */
function parentValueSchema(c: FieldCondition): Schema {
  const hasValue: Schema = { not: { enum: NO_VALUE } };
  if (c.value === undefined) return hasValue;
  return {
    ...hasValue,
    anyOf: [
      { type: 'array', contains: { const: c.value } },
      { not: { type: 'array' }, const: c.value },
    ],
  };
}

const compiled = new WeakMap<FieldEntry, ValidateFunction>();

/**
 * Whether a field is shown, given its level's normalized values: every ancestor has a value (not
 * absent, null, false or []) and, for an option's nested fields, that option is chosen; for a
 * placeholder's nested fields, instead, the select has no value. The page's
 * nestedFor decides the same (test/server/page-nested-fields).
 */
export function isShown(field: FieldEntry, values: Record<string, unknown>): boolean {
  if (field.conditions.length === 0) return true;
  let check = compiled.get(field);
  if (!check) {
    const schema = shownSchema(field.conditions);
    check = keptValidator(shownKey(schema)) ?? parameterAjv().compile(schema);
    compiled.set(field, check);
  }
  return check(values) as boolean;
}
