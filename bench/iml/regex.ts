/**
 * Regular expressions on the bounded matcher (runtime/iml/regex) beside V8's RegExp in the same run:
 * ordinary patterns of templates and filters on ordinary texts, then a template calling replace
 * (what a mapping pays) beside the hand-written equivalent. Writes "## IML regular expressions" into
 * bench/README.md. Run alone with `BENCH_IML_ONLY=regex npm run bench -- iml`.
 */
import os from 'node:os';
import { BoundedRegex, compile, regexBudget } from '../../runtime/iml';
import { calibrate, formatRate, measure, median, writeReadmeSection } from '../harness';

let sink: unknown;

const SENTENCE = 'All these numbers 187 23 1 9565 will be replaced with X';
const PARAGRAPH = Array.from(
  { length: 20 },
  (_x, i) => `Line ${i}:  some   words\tand  more words here.`,
).join('\n');
const TITLE = 'Ada Lovelace — Notes on the Analytical Engine (1843), 2nd edition!';

interface RegexCase {
  name: string;
  source: string;
  flags: string;
  text: string;
  replacement?: string;
}

const CASES: RegexCase[] = [
  { name: 'replace /\\d+/g (Make’s example)', source: '\\d+', flags: 'g', text: SENTENCE, replacement: 'X' },
  {
    name: 'replace / is (\\d+)/ with $1',
    source: ' is (\\d+)',
    flags: '',
    text: 'Phone number is 777111222',
    replacement: ': +420$1',
  },
  { name: 'collapse /\\s+/g, 1 kB text', source: '\\s+', flags: 'g', text: PARAGRAPH, replacement: ' ' },
  { name: 'slug /[^a-z0-9]+/gi', source: '[^a-z0-9]+', flags: 'gi', text: TITLE, replacement: '-' },
  { name: 'trim /^\\s+|\\s+$/g', source: '^\\s+|\\s+$', flags: 'g', text: `   ${TITLE}   `, replacement: '' },
  {
    name: 'phone /(\\d{3})(\\d{3})(\\d{4})/',
    source: '(\\d{3})(\\d{3})(\\d{4})',
    flags: '',
    text: 'call 4155550123 now',
    replacement: '($1) $2-$3',
  },
  {
    name: 'thousands /\\B(?=(\\d{3})+(?!\\d))/g',
    source: '\\B(?=(\\d{3})+(?!\\d))',
    flags: 'g',
    text: '1234567890',
    replacement: ',',
  },
  {
    name: 'filter test: email pattern',
    source: '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
    flags: 'i',
    text: 'ada@example.io',
  },
  { name: 'filter test: prefix /^inv-/i', source: '^inv-', flags: 'i', text: 'INV-2024-001' },
];

/** Best of `rounds` interleaved samples of each side (noise only ever slows a sample). */
async function paired(a: () => unknown, b: () => unknown, rounds = 7): Promise<[number, number]> {
  const na = calibrate(() => (sink = a()));
  const nb = calibrate(() => (sink = b()));
  const ra: number[] = [];
  const rb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [work, n, out] of [
      [a, na, ra],
      [b, nb, rb],
    ] as const) {
      const m = await measure(
        {
          name: 'x',
          run: (k) => {
            for (let i = 0; i < k; i++) sink = work();
          },
        },
        { iterations: n, samples: 1, warmup: r === 0 ? 1 : 0 },
      );
      out.push(m.opsPerSec);
    }
  }
  return [Math.max(...ra), Math.max(...rb)];
}

export async function regexMain(): Promise<void> {
  const load = os.loadavg()[0].toFixed(1);
  const rows: string[][] = [];
  const ratios: number[] = [];
  for (const c of CASES) {
    const bounded = BoundedRegex.compile(c.source, c.flags, 'replace');
    const v8 = new RegExp(c.source, c.flags);
    const ours =
      c.replacement === undefined
        ? () => bounded.test(c.text, regexBudget(), 'filter pattern')
        : () => bounded.replace(c.text, c.replacement!, regexBudget(), 'replace');
    const theirs =
      c.replacement === undefined
        ? () => ((v8.lastIndex = 0), v8.test(c.text))
        : () => c.text.replace(v8, c.replacement!);
    if (ours() !== theirs()) throw new Error(`${c.name}: the matcher and V8 disagree`);
    const [a, b] = await paired(ours, theirs);
    ratios.push(b / a);
    rows.push([c.name, `${c.text.length}`, formatRate(a), formatRate(b), `${(b / a).toFixed(1)}×`]);
    process.stdout.write(`${c.name}: bounded ${formatRate(a)}, V8 ${formatRate(b)}\n`);
  }

  // What a mapping pays: a whole template, evaluated hot, beside the same work written by hand.
  const template = compile("{{lower(replace(parameters.title, '/[^a-z0-9]+/gi', '-'))}}");
  const ctx = { parameters: { title: TITLE } };
  const hand = (x: typeof ctx) => x.parameters.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  if (template(ctx) !== hand(ctx)) throw new Error('template and hand-written disagree');
  const [t, h] = await paired(
    () => template(ctx),
    () => hand(ctx),
  );
  rows.push([
    'template `lower(replace(title; /[^a-z0-9]+/gi; -))`, hot',
    `${TITLE.length}`,
    formatRate(t),
    `${formatRate(h)} (hand-written)`,
    `${(h / t).toFixed(1)}×`,
  ]);

  // The hostile cases: V8 is not run on them (it took 11 s to 650 s and could not be stopped).
  for (const [name, source, text] of [
    ['hostile /a*a*a*a*b/, 3,000 a’s', 'a*a*a*a*b', 'a'.repeat(3000)],
    ['hostile /(?:a|a){29}$/, 3,000 a’s + b', '(?:a|a){29}$', `${'a'.repeat(3000)}b`],
    ['hostile /\\s*\\s*\\s*$/, 1,000 spaces + z', '\\s*\\s*\\s*$', `${' '.repeat(1000)}z`],
    ['hostile /^(?=a*a*a*a*$)b/, 3,000 a’s', '^(?=a*a*a*a*$)b', 'a'.repeat(3000)],
  ] as const) {
    const re = BoundedRegex.compile(source, '', 'replace');
    const n = calibrate(() => (sink = re.replace(text, 'x', regexBudget(), 'replace')), 40);
    const m = await measure(
      {
        name,
        run: (k) =>
          void (sink = Array.from({ length: k }, () => re.replace(text, 'x', regexBudget(), 'replace'))),
      },
      { iterations: n, samples: 5 },
    );
    rows.push([name, `${text.length}`, formatRate(m.opsPerSec), 'not run (hangs)', '—']);
  }

  const header = ['case', 'text length', 'bounded matcher', 'V8 RegExp', 'V8 ÷ bounded'];
  // A `|` inside a cell (an alternation) would split the Markdown table.
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const section = [
    '## IML regular expressions',
    '',
    '`BENCH_IML_ONLY=regex npm run bench -- iml` (bench/iml/regex.ts). Every regular expression a',
    'template or a filter reaches runs on the bounded matcher (decisions.md "Regex budgets"); beside it',
    "in the same run, V8's RegExp on the same pattern and text (each row first checks both give the",
    'same answer). Rates are the best of 7 interleaved rounds; the machine is shared (2 cores, load',
    `average ${load} when the run began). Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    `Median V8 ÷ bounded over the ordinary patterns: ${median(ratios).toFixed(1)}×. Templates without a`,
    'regular expression never reach the matcher (the IML table above measures them); V8 is not run on the',
    'hostile rows, which took it from 11 s to 650 s (issue 16) and could not be interrupted.',
    '',
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (process.env.BENCH_NO_README === '1') return;
  writeReadmeSection('IML regular expressions', section);
  void sink;
}
