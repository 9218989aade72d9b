/**
 * The compiler's inline forms of common built-ins (fast-paths.ts) must give exactly what the
 * functions themselves give: every function with a fast path is called both ways on values of every
 * type, and the results (or failures) must agree.
 */
import { compile } from '../../runtime/iml';
import { FAST_PATHS } from '../../runtime/iml/fast-paths';
import { lookupFunction } from '../../runtime/iml/functions';
import type { EagerFn } from '../../runtime/iml/functions/registry';

const subjects: unknown[] = [
  'Ab c ',
  '',
  '  ßtraße İ ',
  'x'.repeat(40),
  42,
  -1.5,
  NaN,
  true,
  null,
  undefined,
  ['a', 'b'],
  [],
  { a: 1 },
  new Date(0),
  Buffer.from('xY'),
];
const numbers: unknown[] = [0, 2, -1, 1.5, 99, NaN, '1', ' 3 ', 'x', null, true, undefined];

/** The function's own answer: its empty-in-empty-out rule, then its body; failures as 'fails'. */
function direct(spec: EagerFn, args: unknown[]): unknown {
  try {
    if (spec.passesEmpty && (args[0] === null || args[0] === undefined)) return args[0];
    return (spec.call as (...a: unknown[]) => unknown)(...args);
  } catch {
    return 'fails';
  }
}

function compiled(name: string, args: unknown[]): unknown {
  const names = ['a', 'b', 'c'].slice(0, args.length);
  const ctx = Object.fromEntries(names.map((n, i) => [n, args[i]]));
  try {
    return compile(`{{${name}(${names.join(', ')})}}`)(ctx);
  } catch {
    return 'fails';
  }
}

/** Every argument list of the function's arities: subjects first, numbers after. */
function argLists(spec: EagerFn): unknown[][] {
  let lists: unknown[][] = subjects.map((s) => [s]);
  const out = spec.min <= 1 ? [...lists] : [];
  for (let arity = 2; arity <= spec.max; arity++) {
    lists = lists.flatMap((l) => numbers.map((n) => [...l, n]));
    if (arity >= spec.min) out.push(...lists);
  }
  return out;
}

describe.each(Object.keys(FAST_PATHS))('%s: the inline form agrees with the function', (name) => {
  const spec = lookupFunction(name) as EagerFn;
  test('on every type of subject and argument', () => {
    const lists = argLists(spec);
    expect(lists.length).toBeGreaterThan(10);
    for (const args of lists) expect([args, compiled(name, args)]).toEqual([args, direct(spec, args)]);
  });
});
