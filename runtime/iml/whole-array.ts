/**
 * Make gives an array-typed field mapped with exactly `{{…[]}}` the whole array rather than its first
 * element (make-format.md §9). The scenario runner asks these helpers, then evaluates the target.
 */
import { parseTemplate } from './parser';

const SHAPE = /^\{\{([\s\S]*)\[\s*\]\s*\}\}$/;

/** True when the template is exactly one `{{path[]}}` whose last accessor is the empty bracket. */
export function isWholeArrayReference(template: unknown): boolean {
  return wholeArrayReferenceTarget(template) !== undefined;
}

/**
 * The template that yields the whole array: `{{1.items[]}}` → `{{1.items}}`; undefined when the
 * template is not a whole-array reference.
 */
export function wholeArrayReferenceTarget(template: unknown): string | undefined {
  if (typeof template !== 'string') return undefined;
  const m = SHAPE.exec(template.trim() === template ? template : '');
  if (!m) return undefined;
  try {
    const parts = parseTemplate(template, 'scenario');
    if (parts.length !== 1 || typeof parts[0] === 'string') return undefined;
    const expr = parts[0].expr;
    if (expr.kind !== 'index' || expr.index !== null) return undefined;
    return `{{${m[1]}}}`;
  } catch {
    return undefined;
  }
}
