/**
 * IML, Make's template language, in both dialects (make-format.md §7, §9). Public entry points:
 *
 *   compile(template, { dialect })                 → (context, { timezone?, now?, executionId? }) => value
 *   evaluate(template, context, { dialect, timezone = 'UTC', now?, executionId? }) → value
 *
 * `template` is any JSON value (see template.ts for the semantics). Every failure is an ImlError with
 * the template and the position.
 */
import { ImlError } from '../errors';
import type { Dialect } from './ast';
import type { RunOptions } from './env';
import { compileValue } from './template';
import { wrapUnexpected } from './position';

export type { Dialect } from './ast';
export type { RunOptions, CustomFunctionCaller } from './env';
export { lenientUses } from './lenient';
export type { LenientUse, LenientConstruct } from './lenient';
export { ERASE, IGNORE, isErase, isIgnore } from './keywords';
export { ImlKeywordValue } from './values';
export { functionNames, functionCatalog } from './functions';
export { checkTemplate, type TemplateCheck } from './inspect';
export { LIMITS as IML_LIMITS } from './limits';
export { isWholeArrayReference, wholeArrayReferenceTarget } from './whole-array';
export { isValidZone } from './zoned-time';
export { BoundedRegex, regexBudget } from './regex';
export type { RegexBudget } from './regex';

export interface CompileOptions {
  dialect?: Dialect;
  /** false compiles afresh, bypassing the memo cache (benchmarks only). Default true. */
  cache?: boolean;
  /**
   * App dialect: the app's custom function names, which its templates may call; the evaluation
   * runs them through its `functions` option.
   */
  functions?: readonly string[];
}

export interface EvaluateOptions extends RunOptions {
  dialect?: Dialect;
}

export type CompiledTemplate = (context: unknown, options?: RunOptions) => unknown;

export function compile(template: unknown, options: CompileOptions = {}): CompiledTemplate {
  const dialect: Dialect = options.dialect ?? 'app';
  if (dialect !== 'app' && dialect !== 'scenario')
    throw new ImlError(`Unknown IML dialect '${String(dialect)}'`);
  // The generated function is the compiled template itself: every failure leaves it as an ImlError.
  try {
    const functions = dialect === 'app' && options.functions?.length ? new Set(options.functions) : undefined;
    return compileValue(template, functions ? { dialect, functions } : { dialect }, options.cache !== false);
  } catch (err) {
    throw wrapUnexpected(err, template);
  }
}

export function evaluate(template: unknown, context: unknown, options: EvaluateOptions = {}): unknown {
  const { dialect, functions } = options;
  return compile(template, {
    ...(dialect ? { dialect } : {}),
    ...(functions ? { functions: functions.names } : {}),
  })(context, options);
}
