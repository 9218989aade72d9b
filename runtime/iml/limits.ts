/**
 * Budgets that keep a hostile template from hanging or exhausting memory. Every evaluation stops with
 * an ImlError when one is exceeded; none of them is ever reached by a sane definition or mapping.
 */
export const LIMITS = {
  /** Longest template string accepted by the compiler (characters). */
  maxTemplateLength: 1_000_000,
  /** Deepest expression nesting (parentheses, calls, operators, accessors). */
  maxDepth: 100,
  /**
   * Work units per evaluate call: one per function call or operator that builds a value, plus the
   * size of every array (and a sixteenth of every string) a function or operator produces.
   */
  maxSteps: 20_000_000,
  /**
   * Matcher steps all the regular-expression searches of one evaluate call may take together (one
   * filter condition has a budget of its own); see decisions.md "Regex budgets".
   */
  maxRegexSteps: 10_000_000,
  /** Longest string any operator or function may produce. */
  maxStringLength: 10_000_000,
  /** Longest array any function may produce. */
  maxArrayLength: 1_000_000,
  /** Compiled template strings kept in the memo cache before it is cleared. */
  maxCacheEntries: 50_000,
};
