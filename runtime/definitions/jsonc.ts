import { getLocation, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { toPointer } from './json-pointer';

export type JsoncResult = { ok: true; value: unknown } | { ok: false; pointer: string; message: string };

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Parses JSON with comments and trailing commas, as Make stores definition files. On a syntax error
 * reports the first one (later ones are usually its echoes) with the pointer of the value it sits in
 * and its line and column.
 */
export function parseJsonc(text: string): JsoncResult {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length === 0) {
    if (value === undefined) return { ok: false, pointer: '', message: 'empty file: expected a JSON value' };
    return { ok: true, value };
  }
  const first = errors[0]!;
  const { line, column } = lineAndColumn(text, first.offset);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return {
    ok: false,
    pointer: toPointer(getLocation(text, first.offset).path),
    message: `JSON syntax error: ${printParseErrorCode(first.error)} at line ${line}, column ${column}${more}`,
  };
}
