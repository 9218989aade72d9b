/** JSON pointers (RFC 6901) and a walker over JSON values that reports each value's pointer. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + escapePointerSegment(s)).join('');
}

export function appendPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapePointerSegment(segment)}`;
}

/**
 * Visits every value inside `value` depth-first (the value itself first), with its JSON pointer.
 * Object keys are visited as values of their own kind only through `visitKey`, when given.
 */
export function walkJson(
  value: unknown,
  visit: (value: unknown, pointer: string) => void,
  pointer = '',
  visitKey?: (key: string, pointer: string) => void,
): void {
  visit(value, pointer);
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkJson(item, visit, appendPointer(pointer, index), visitKey));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child = appendPointer(pointer, key);
      if (visitKey) visitKey(key, child);
      walkJson(item, visit, child, visitKey);
    }
  }
}

/** Every string inside `value`, with its pointer. */
export function collectStrings(value: unknown): Array<{ value: string; pointer: string }> {
  const found: Array<{ value: string; pointer: string }> = [];
  walkJson(value, (v, pointer) => {
    if (typeof v === 'string') found.push({ value: v, pointer });
  });
  return found;
}
