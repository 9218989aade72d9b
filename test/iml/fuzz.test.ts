/**
 * Fuzz: 10,000 generated and mutated templates, both dialects. Each must evaluate or fail with an
 * ImlError — never another exception, never a hang (the budgets guarantee termination). The PRNG is
 * seeded, so a failure reproduces; the failing template is printed.
 */
import { evaluate, functionNames } from '../../runtime/iml';
import { ImlError } from '../../runtime/errors';
import { seededRandom } from '../../sandbox/lib/random';

const rnd = seededRandom(20261125);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

const FUNCTIONS = functionNames();
const ATOMS = [
  '1',
  '0',
  '-3',
  '2.5',
  '1e309',
  "'abc'",
  '"x,y"',
  "''",
  'true',
  'false',
  'null',
  'undefined',
  'now',
  'parameters',
  'parameters.name',
  'parameters.list',
  'parameters.list[1]',
  'parameters.list[-1]',
  'parameters.list[]',
  'parameters.nested.deep',
  'parameters.`odd key`',
  'body.data[2].id',
  'body',
  '1.email',
  '`1`',
  '1.items[]',
  "'2020-01-01T00:00:00Z'",
  "'YYYY-MM-DD'",
  "'/a+/g'",
  '\'{"a":1}\'',
  'emptyarray',
  'space',
  'erase',
  'uuid',
  'pi',
];
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '=', 'and', 'or'];
const ALPHABET = '{}()[].,;\'"`+-*/%!=<>&| ab1\n\\$#';

function expr(depth: number, sep: string): string {
  const r = rnd();
  if (depth <= 0 || r < 0.3) return pick(ATOMS);
  if (r < 0.55) {
    const name = rnd() < 0.97 ? pick(FUNCTIONS) : 'noSuchFn';
    const n = int(5);
    return `${name}(${Array.from({ length: n }, () => expr(depth - 1, sep)).join(sep)})`;
  }
  if (r < 0.8) return `${expr(depth - 1, sep)} ${pick(BINARY)} ${expr(depth - 1, sep)}`;
  if (r < 0.9) return `(${expr(depth - 1, sep)})`;
  if (r < 0.95) return `!${expr(depth - 1, sep)}`;
  return `${expr(depth - 1, sep)}[${expr(depth - 1, sep)}]`;
}

function template(sep: string): string {
  const parts: string[] = [];
  const n = 1 + int(3);
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.3) parts.push(pick(['text ', '/v1/', '-', ' ', 'a;b']));
    parts.push(`{{${expr(1 + int(4), sep)}}}`);
  }
  return parts.join('');
}

function mutate(s: string): string {
  let out = s;
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    const i = int(out.length + 1);
    switch (int(5)) {
      case 0:
        out = out.slice(0, i) + pick([...ALPHABET]) + out.slice(i);
        break;
      case 1:
        out = out.slice(0, i) + out.slice(i + 1 + int(3));
        break;
      case 2: {
        const len = 1 + int(12);
        out = out.slice(0, i) + out.slice(i, i + len).repeat(2 + int(60)) + out.slice(i + len);
        break;
      }
      case 3: {
        const j = int(out.length + 1);
        out =
          out.slice(0, Math.min(i, j)) +
          out.slice(Math.max(i, j)) +
          out.slice(Math.min(i, j), Math.max(i, j));
        break;
      }
      default:
        out = pick(['{{', '}}', '(', ')', '[]']) + out;
    }
  }
  return out;
}

const context = {
  parameters: {
    name: 'Ada',
    list: [3, 1, 2],
    nested: { deep: [{ a: 1 }] },
    'odd key': 'o',
    big: Array.from({ length: 2000 }, (_x, i) => ({ id: i, n: `n${i}` })),
  },
  body: { data: [{ id: 1 }, { id: 2, tags: ['x'] }] },
  1: { email: 'a@x.io', items: [{ t: 1 }, { t: 2 }] },
};

test('10,000 generated and mutated templates yield values or ImlErrors only', () => {
  const outcomes = { value: 0, imlError: 0 };
  for (let i = 0; i < 10_000; i++) {
    const dialect = rnd() < 0.5 ? 'app' : 'scenario';
    const base = template(dialect === 'app' ? ', ' : '; ');
    const t = rnd() < 0.6 ? mutate(base) : base;
    try {
      evaluate(rnd() < 0.1 ? { key: t, '{{...}}': t, list: [t] } : t, context, {
        dialect,
        now: '2026-01-01T00:00:00Z',
      });
      outcomes.value++;
    } catch (err) {
      if (!(err instanceof ImlError)) {
        throw new Error(
          `#${i} (${dialect}) ${JSON.stringify(t)} threw ${(err as Error)?.name}: ${(err as Error)?.message}`,
        );
      }
      outcomes.imlError++;
    }
  }
  expect(outcomes.value + outcomes.imlError).toBe(10_000);
  // Both kinds occur: the generator produces valid templates, the mutator broken ones.
  expect(outcomes.value).toBeGreaterThan(1000);
  expect(outcomes.imlError).toBeGreaterThan(1000);
}, 120_000);
