/**
 * The hostile patterns of issue 16 (each hung a backtracking engine for seconds to forever) finish in
 * linear time, with the results V8 gives where V8 can finish at all (decisions.md "Regex budgets").
 */
import { evaluate } from '../../../runtime/iml';
import { ImlError } from '../../../runtime/errors';
import { BoundedRegex, regexBudget } from '../../../runtime/iml/regex';

const replace = (s: string, pattern: string, by: string) =>
  evaluate('{{replace(s, p, r)}}', { s, p: pattern, r: by });

/** Steps a replace took: what the tests bound instead of the wall clock. */
function steps(source: string, flags: string, s: string): number {
  const budget = regexBudget();
  BoundedRegex.compile(source, flags, 'replace').replace(s, 'x', budget, 'replace');
  return budget.total - budget.left;
}

describe('issue 16 hostile patterns', () => {
  test('/a*a*a*a*b/ on 3,000 a’s: no match, linear cost', () => {
    const s = 'a'.repeat(3000);
    expect(replace(s, '/a*a*a*a*b/', 'x')).toBe(s);
    expect(steps('a*a*a*a*b', '', s)).toBeLessThan(100 * s.length);
  });

  test('/(?:a|a){29}$/ matches like V8 and costs steps linear in the text', () => {
    const s = `${'a'.repeat(40)}b${'a'.repeat(29)}`;
    expect(replace(s, '/(?:a|a){29}$/', 'x')).toBe(`${'a'.repeat(40)}bx`);
    const long = `${'a'.repeat(3000)}b`;
    expect(replace(long, '/(?:a|a){29}$/', 'x')).toBe(long);
    expect(steps('(?:a|a){29}$', '', long)).toBeLessThan(400 * long.length);
  });

  test('/\\s*\\s*\\s*$/ on 1,000 spaces before a letter', () => {
    const s = `${' '.repeat(1000)}z`;
    expect(replace(s, '/\\s*\\s*\\s*$/', 'x')).toBe(`${s}x`);
    expect(steps('\\s*\\s*\\s*$', '', s)).toBeLessThan(100 * s.length);
  });

  test('/^(?=a*a*a*a*$)b/ with a lookahead', () => {
    const s = `${'a'.repeat(3000)}c`;
    expect(replace(s, '/^(?=a*a*a*a*$)b/', 'x')).toBe(s);
    expect(steps('^(?=a*a*a*a*$)b', '', s)).toBeLessThan(100 * s.length);
  });

  test('the same shapes with the g flag, over a long text', () => {
    const s = `${'a'.repeat(20000)}b`;
    expect(replace(s, '/(a+)+b/g', 'x')).toBe('x');
    expect(replace(`${' '.repeat(20000)}!`, '/\\s+$/g', '')).toBe(`${' '.repeat(20000)}!`);
  });

  test('a pattern that stays exponential (a backreference) stops at the budget with an ImlError', () => {
    let caught: unknown;
    try {
      replace('a'.repeat(5000), '/^(a*)*\\1$b/', 'x');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ImlError);
    expect((caught as Error).message).toMatch(/more than 10000000 steps .*regex step budget/);
  });

  test('the budget is shared by every search of one evaluation', () => {
    // Each call alone fits in the budget; 40 of them in one template do not.
    const one = "{{replace(s, '/(a|b|ab)*\\1c/', 'x')}}";
    const s = 'ab'.repeat(12);
    expect(evaluate(one, { s })).toBe(s);
    expect(() => evaluate(one.repeat(400), { s })).toThrow(/regex step budget/);
  });

  test('a counted repetition too large to write out is refused by its size budget', () => {
    expect(() => replace('a', '/(?:a{1000}){1000}/', 'x')).toThrow(/too large .*regex size budget/);
  });
});
