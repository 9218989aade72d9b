/**
 * Inline forms of a few common built-ins for their usual argument types. A call of the function
 * itself, even inlined by V8, costs several times the work of these one-liners (the function
 * handles every type, and V8's per-function inlining budget runs out in templates with a few calls),
 * so the compiler emits `guard ? code : <call of the function>`. For the values the guard admits,
 * `code` computes exactly what the function returns; every other value takes the call. Each entry
 * receives the names of its argument temporaries (as many as the template passes) and returns
 * fixed fragments around them.
 */
export interface FastPath {
  guard: string;
  code: string;
}

type FastPathOf = (args: string[]) => FastPath;

const isText = (a: string) => `typeof ${a} === 'string'`;
/** numberArg's fast case: a number that is not NaN. */
const isNumber = (a: string) => `(typeof ${a} === 'number' && ${a} === ${a})`;

export const FAST_PATHS: Record<string, FastPathOf> = {
  lower: ([s]) => ({ guard: isText(s), code: `${s}.toLowerCase()` }),
  upper: ([s]) => ({ guard: isText(s), code: `${s}.toUpperCase()` }),
  trim: ([s]) => ({ guard: isText(s), code: `${s}.trim()` }),
  substring: ([s, start, end = 'undefined']) => ({
    guard: `${isText(s)} && ${isNumber(start)} && (${end} === undefined || ${isNumber(end)})`,
    code: `${s}.substring(${start}, ${end} === undefined ? ${s}.length : ${end})`,
  }),
  length: ([v]) => ({ guard: `(${isText(v)} || IA(${v}))`, code: `${v}.length` }),
};
