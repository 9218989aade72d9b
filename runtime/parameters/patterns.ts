/**
 * `validate.pattern` on the bounded matcher, apart from ajv: the validators ajv compiles call
 * boundedRegExp, and so do the standalone ones kept in the definitions cache (standalone.ts), which
 * must run without loading ajv.
 */
import { ImlError } from '../errors';
import { BoundedRegex, regexBudget } from '../iml';

/**
 * A parameter's `validate.pattern` comes from the definitions or from an RPC's answer, and the text it
 * tests from the user: it runs on the bounded matcher (decisions.md "Regex budgets"), never on V8's
 * backtracker. Running out of the budget is an ImlError naming it, not a quiet mismatch.
 */
export function boundedRegExp(
  pattern: string,
  flags: string,
): { test(text: string): boolean; toString(): string } {
  const re = BoundedRegex.compile(pattern, flags, 'validate.pattern', true);
  return {
    // ajv keys its compiled patterns by toString(): the default one would make them all the same.
    toString: () => `/${pattern}/${flags}`,
    test(text: string): boolean {
      try {
        return re.test(text, regexBudget(), 'validate.pattern');
      } catch (e) {
        throw e instanceof ImlError ? e : new ImlError((e as Error).message);
      }
    },
  };
}

/**
 * Whether each value matches its parameter's `validate.pattern` as validation tests it (ajv's flags: `u`).
 * The workbench page asks this (POST /api/check) instead of running patterns on its own RegExp. One
 * budget serves the whole list, so a list of hostile patterns costs one budget, not one each; a spent
 * budget or an invalid pattern answers `matches: false` with the error's message.
 */
export function checkPatterns(asks: readonly { pattern: string; value: string }[]): PatternCheck[] {
  const budget = regexBudget();
  return asks.map(({ pattern, value }) => {
    try {
      return {
        matches: BoundedRegex.compile(pattern, 'u', 'validate.pattern', true).test(
          value,
          budget,
          'validate.pattern',
        ),
      };
    } catch (e) {
      return { matches: false, error: (e as Error).message };
    }
  });
}

export interface PatternCheck {
  matches: boolean;
  error?: string;
}
