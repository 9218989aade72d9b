/**
 * What a form shows and what it checks, for the nested-field tables: the nested fields isShown
 * (normalize.ts: defaults, the page's cross-check) treats as shown, and the fields prepareParameters
 * (the validation schema) reports problems for. The tables give every nested field as a required
 * uinteger and only invalid nested values, so the two lists must be the same.
 */
import { BundleValidationError } from '../../runtime/errors';
import { flattenLevel, prepareParameters } from '../../runtime/parameters';
import { isShown, normalizeLevel } from '../../runtime/parameters/normalize';
import type { ParameterSpec } from '../../runtime/types/app';

/** A required uinteger nested field labelled with its name in capitals, with its own nested fields. */
export const nestedField = (name: string, nested?: unknown) => ({
  name,
  label: name.toUpperCase(),
  type: 'uinteger',
  required: true,
  ...(nested ? { nested } : {}),
});

/** The fields the values leave with a problem (sorted). */
export function problemFields(form: ParameterSpec[], values: Record<string, unknown>): string[] {
  try {
    prepareParameters({}, form, values);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BundleValidationError);
    return (err as BundleValidationError).problems.map((p) => p.field).sort();
  }
}

/** The nested fields isShown treats as shown for the values (sorted). */
export function shownByIsShown(form: ParameterSpec[], values: Record<string, unknown>): string[] {
  const normalized = normalizeLevel(form, values, {});
  return flattenLevel(form)
    .fields.filter((f) => f.conditions.length > 0 && isShown(f, normalized))
    .map((f) => f.name)
    .sort();
}

/** One table row: the values, and the nested fields they show. */
export type ShownRow = [Record<string, unknown>, string[]];

/**
 * For every row: isShown shows exactly the row's nested fields, and validation requires and checks
 * exactly those (so the two can never disagree on a row).
 */
export function describeShownRows(form: ParameterSpec[], rows: ShownRow[]): void {
  describe.each(rows)('%j', (values, shown) => {
    test(`shows ${JSON.stringify(shown)}`, () => {
      expect(shownByIsShown(form, values)).toEqual([...shown].sort());
    });

    test('requires and validates exactly the shown nested fields', () => {
      expect(problemFields(form, values)).toEqual([...shown].sort());
    });
  });
}
