/**
 * Seeded fuzz of the bounded matcher against V8 (decisions.md "Regex budgets"): generated patterns
 * (groups, alternations, quantifiers greedy and lazy, lookarounds, backreferences, classes, flags)
 * against generated texts. Every case completes or throws an ImlError naming its budget; where both
 * engines accept the pattern, replace gives exactly V8's text and exec V8's captures. Texts are kept
 * short so V8 itself always finishes.
 */
import { evaluate } from '../../../runtime/iml';
import { ImlError } from '../../../runtime/errors';
import { BoundedRegex, regexBudget } from '../../../runtime/iml/regex';
import { seededRandom } from '../../../sandbox/lib/random';

const rnd = seededRandom(Number(process.env.REGEX_FUZZ_SEED ?? 1616));
const PATTERNS = Number(process.env.REGEX_FUZZ_PATTERNS ?? 5000);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

const ATOMS = ['a', 'b', 'A', 'x', '1', ' ', '.', '\\d', '\\w', '\\W', '\\s', '\\S', '[ab]', '[^a]', '[a-c]'];
const MORE_ATOMS = [
  '\\n',
  '\\.',
  '[]',
  '[^]',
  '\\x61',
  '\\u0062',
  'é',
  '\\u{1F600}',
  '\\p{L}',
  '😀',
  '{',
  '\\1',
  '\\2',
];
const ASSERTIONS = ['^', '$', '\\b', '\\B'];
const QUANTIFIERS = ['*', '+', '?', '{2}', '{0,2}', '{1,}', '*?', '+?', '??', '{1,3}?', '{0}'];
const GROUPS = ['(', '(?:', '(?=', '(?!', '(?<=', '(?<!'];

function pattern(depth: number): string {
  const terms = 1 + int(3);
  let out = '';
  for (let k = 0; k < terms; k++) {
    const roll = rnd();
    let term: string;
    if (depth > 0 && roll < 0.35) term = `${pick(GROUPS)}${alternation(depth - 1)})`;
    else if (roll < 0.45) term = pick(ASSERTIONS);
    else if (roll < 0.55) term = pick(MORE_ATOMS);
    else term = pick(ATOMS);
    if (rnd() < 0.4) term += pick(QUANTIFIERS);
    out += term;
  }
  return out;
}

function alternation(depth: number): string {
  const alts = rnd() < 0.3 ? 2 + int(2) : 1;
  return Array.from({ length: alts }, () => pattern(depth)).join('|');
}

const CHARS = ['a', 'a', 'b', 'A', 'x', '1', ' ', '\n', '_', 'é', 'K', 'ſ', '😀', '\uD83D'];
const text = () => Array.from({ length: int(11) }, () => pick(CHARS)).join('');
const flags = () => ['g', 'i', 'm', 's', 'u', 'y'].filter(() => rnd() < 0.3).join('');

const REPLACEMENT = "<$&|$1|$2|$`|$'|$$|$3>";
const ours = (s: string, p: string) => evaluate('{{replace(s, p, r)}}', { s, p, r: REPLACEMENT });

interface Outcome {
  value?: unknown;
  error?: string;
}
function attempt(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    return { error: e instanceof ImlError ? `ImlError: ${e.message}` : String(e) };
  }
}

test('5,000 generated patterns × 4 texts: bounded, and equal to V8 where both accept', () => {
  let compared = 0;
  const mismatches: string[] = [];
  for (let n = 0; n < PATTERNS; n++) {
    const source = alternation(2);
    const f = flags();
    let v8: RegExp | undefined;
    try {
      v8 = new RegExp(source, f);
    } catch {
      v8 = undefined;
    }
    for (let k = 0; k < 4; k++) {
      const s = text();
      const got = attempt(() => ours(s, `/${source}/${f}`));
      const label = `/${source}/${f} on ${JSON.stringify(s)}`;
      if (got.error !== undefined) {
        // Refused: V8 refuses it too, or our budget stopped it (and says so).
        const fine =
          v8 === undefined ? /invalid regular expression/.test(got.error) : /budget/.test(got.error);
        if (!fine || !got.error.startsWith('ImlError')) mismatches.push(`${label}: ${got.error}`);
        continue;
      }
      if (v8 === undefined) {
        mismatches.push(`${label}: accepted, V8 refuses it`);
        continue;
      }
      v8.lastIndex = 0;
      const want = s.replace(v8, REPLACEMENT);
      if (got.value !== want)
        mismatches.push(`${label}: ${JSON.stringify(got.value)} ≠ V8 ${JSON.stringify(want)}`);
      // Captures of one exec, group by group.
      const mine = BoundedRegex.compile(source, f, 'replace').exec(s, 0, regexBudget(), 'replace');
      v8.lastIndex = 0;
      const theirs = v8.exec(s);
      const groups = (m: (string | undefined)[] | null) => (m ? [...m].map((g) => g ?? null) : null);
      const mineGroups =
        mine &&
        Array.from({ length: mine.length / 2 }, (_, g) =>
          mine[2 * g] < 0 ? null : s.slice(mine[2 * g], mine[2 * g + 1]),
        );
      if (JSON.stringify(mineGroups) !== JSON.stringify(groups(theirs)))
        mismatches.push(
          `${label}: exec ${JSON.stringify(mineGroups)} ≠ V8 ${JSON.stringify(groups(theirs))}`,
        );
      compared++;
    }
  }
  expect(mismatches.slice(0, 20)).toEqual([]);
  // Most cases are real comparisons, not refusals.
  expect(compared).toBeGreaterThan(PATTERNS * 1.6);
});
