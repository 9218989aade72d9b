/** Errors with a position: every compile and runtime failure of a template is an ImlError. */
import { ImlError, ImlPosition } from '../errors';

export function positionAt(template: string, offset: number): ImlPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, template.length);
  for (let i = 0; i < end; i++) {
    if (template.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export function imlError(message: string, template: string, offset: number): ImlError {
  const err = new ImlError(message, template, positionAt(template, offset));
  return err;
}

/** Anything that escapes an evaluation as an ImlError (the template text when it is a string). */
export function wrapUnexpected(err: unknown, template: unknown): ImlError {
  if (err instanceof ImlError) return err;
  const text = typeof template === 'string' ? template : undefined;
  return new ImlError(`Template failed: ${err instanceof Error ? err.message : String(err)}`, text);
}

/**
 * Thrown by built-in functions and value helpers, which do not know where they were called from; the
 * compiled call site catches it and rethrows an ImlError carrying the template and the call position.
 */
export class EvalFailure extends Error {}

/** A budget ran out. Never swallowed by the scenario dialect's literal-text fallback. */
export class BudgetExceeded extends ImlError {
  constructor(message: string, template?: string, position?: ImlPosition) {
    super(message, template, position);
    this.name = 'ImlError';
  }
}
