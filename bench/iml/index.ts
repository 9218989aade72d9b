/**
 * IML throughput: each template hot (compiled once) and cold (compiled on every call, bypassing the
 * memo cache), beside @n8n/tournament on the equivalent expression (its own per-text function cache
 * when hot; a fresh Tournament when cold) and a hand-written function. Writes the table into
 * bench/README.md under "## IML".
 */
import os from 'node:os';
import { Tournament } from '@n8n/tournament';
import { compile } from '../../runtime/iml';
import { calibrate, formatRate, measure, report, writeReadmeSection } from '../harness';
import { CASES, Ctx, makeContext } from './cases';
import { regexMain } from './regex';

let sink: unknown;

/** Tournament has no object semantics; walk objects and evaluate each string, as IML does. */
function tournamentValue(t: Tournament, v: unknown, ctx: Ctx): unknown {
  if (typeof v === 'string') return t.execute(v, ctx);
  if (Array.isArray(v)) return v.map((x) => tournamentValue(t, x, ctx));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = tournamentValue(t, x, ctx);
    return out;
  }
  return v;
}

interface Variant {
  name: string;
  work: () => unknown;
  iterations: number;
  rates: number[];
}

function variant(name: string, work: () => unknown): Variant {
  // First calls compile (tournament parses with esprima): keep them out of the calibration.
  for (let i = 0; i < 5; i++) sink = work();
  return { name, work, iterations: calibrate(() => (sink = work())), rates: [] };
}

/**
 * Rounds interleave the variants (one sample of each per round) so that the load of a shared,
 * noisy machine drifts over all of them alike. Each variant's rate is its best round: on a loaded
 * machine the noise (descheduling, other processes' cache traffic) only ever slows a sample down, so
 * the fastest sample is the closest to the code's own cost.
 */
async function rates(variants: Variant[], rounds = 9): Promise<number[]> {
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const m = await measure(
        {
          name: v.name,
          run: (n) => {
            for (let i = 0; i < n; i++) sink = v.work();
          },
        },
        { iterations: v.iterations, samples: 1, warmup: r === 0 ? 1 : 0 },
      );
      v.rates.push(m.opsPerSec);
    }
  }
  return variants.map((v) => Math.max(...v.rates));
}

function check(name: string, a: unknown, b: unknown): void {
  const norm = (v: unknown) => JSON.stringify(v);
  if (norm(a) !== norm(b))
    throw new Error(
      `${name}: IML and baseline disagree: ${norm(a)?.slice(0, 200)} vs ${norm(b)?.slice(0, 200)}`,
    );
}

export async function main(): Promise<void> {
  if (process.env.BENCH_IML_ONLY === 'regex') return regexMain();
  const ctx = makeContext();
  const tournament = new Tournament((e) => {
    throw e;
  });
  const rows: (string | number)[][] = [];
  let meetsTournament = 0;
  let within3x = 0;
  const belowTournament: string[] = [];
  const beyond3x: string[] = [];
  const load = os.loadavg()[0].toFixed(1);
  const only = process.env.BENCH_IML_ONLY;
  const cases = CASES.filter((x) => !only || x.name.includes(only));
  const hotVariants = (c: (typeof CASES)[number]): Variant[] => {
    const hot = compile(c.iml, { dialect: 'app' });
    return [
      variant('iml hot', () => hot(ctx)),
      variant('tournament hot', () => tournamentValue(tournament, c.tournament, ctx)),
      variant('hand-written', () => c.hand(ctx)),
    ];
  };
  // One discarded round over every row first: otherwise the first row is measured while the harness
  // and the shared helpers are still being optimized, and reads slower than it does alone.
  for (const c of cases) await rates(hotVariants(c), 1);

  for (const c of cases) {
    const hot = compile(c.iml, { dialect: 'app' });
    // Same answer from all three, or the comparison means nothing.
    check(c.name, hot(ctx), c.hand(ctx));
    check(c.name, tournamentValue(tournament, c.tournament, ctx), c.hand(ctx));

    // Hot variants among themselves, then the cold ones (whose garbage would tax the hot samples).
    const [imlHot, tHot, hand] = await rates(hotVariants(c));
    const [imlCold, tCold] = await rates(
      [
        variant('iml cold', () => compile(c.iml, { dialect: 'app', cache: false })(ctx)),
        variant('tournament cold', () => tournamentValue(new Tournament(), c.tournament, ctx)),
      ],
      3,
    );
    process.stdout.write(
      `${c.name}: iml ${formatRate(imlHot)}, tournament ${formatRate(tHot)}, hand ${formatRate(hand)}\n`,
    );
    if (imlHot >= tHot) meetsTournament++;
    else belowTournament.push(c.name);
    if (imlHot * 3 >= hand) within3x++;
    else beyond3x.push(c.name);
    rows.push([
      c.name,
      formatRate(imlHot),
      formatRate(tHot),
      formatRate(hand),
      `${(imlHot / tHot).toFixed(2)}×`,
      `${(hand / imlHot).toFixed(2)}×`,
      formatRate(imlCold),
      formatRate(tCold),
    ]);
  }
  const header = [
    'template',
    'IML hot',
    'tournament hot',
    'hand-written',
    'IML ÷ tournament (hot)',
    'hand ÷ IML (hot)',
    'IML cold',
    'tournament cold',
  ];
  report('iml', header, rows);
  const total = meetsTournament + belowTournament.length;
  const missing = (names: string[]) => (names.length ? ` (not on: ${names.join(', ')})` : '');
  const summary =
    `IML hot ≥ tournament hot on ${meetsTournament}/${total} templates${missing(belowTournament)}; ` +
    `within 3× of hand-written on ${within3x}/${total}${missing(beyond3x)}.`;
  process.stdout.write(`\n${summary}\n`);
  if (process.env.BENCH_NO_README !== '1') writeReadme(header, rows, summary, load);
  void sink;
  if (!only) await regexMain();
}

/** Hand-written reading of the last runs (kept in the section; update when the numbers move). */
const KNOWN_GAPS = [
  'Across 5 full runs of 2026-11-25 (load 1.2–5.3) after the second round of work (a whole object template',
  'compiles to one function that builds the object with statements; built-ins are called with positional',
  'arguments; the step budget is a counter of that function; context paths are read once per evaluation;',
  'inline forms of lower, upper, trim, substring and length; add* up to days in UTC without dayjs): nested',
  'calls 1.05–1.13× tournament (before: 0.6–0.8×), the request object 1.5–1.8× slower than hand-written (before:',
  '3.8–5.5×), addDays() 29–36× tournament; summaries 19, 21, 20, 22 and 21 of 22 at least as fast as',
  'tournament, 22 of 22 within 3× of hand-written in every run. The misses were rows within a few percent',
  'of 1: parseDate() (0.94–1.03×, the same dayjs parsing in all three columns until then), property path',
  '(0.98–1.80×: the first row, measured while the process was still warming up; the harness now runs one',
  'discarded round over every row first), comparison and switch() (once each, under load). Since then a',
  "UTC parse by a numeric format uses a parser built once per format (dayjs' own algorithm; a test compares",
  'the two on 5,600 inputs): parseDate() 2.6× tournament, and the run above is 22/22 and 22/22. The rows',
  'closest to 1 are now createJSON() (1.05×), formatDate()',
  "in Europe/Prague (1.06×; the zone conversion is dayjs' in all three) and nested calls (1.15×): under",
  'load any of them can read below 1 in a single run.',
];

function writeReadme(header: string[], rows: (string | number)[][], summary: string, load: string): void {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const section = [
    '## IML',
    '',
    'Templates (app dialect) evaluated against one context: **hot** = compiled once, then evaluated',
    '(`compile(t)(ctx)`); **cold** = compiled on every call with the memo cache bypassed',
    '(`compile(t, { cache: false })(ctx)`). Baselines in the same run: @n8n/tournament on the',
    'equivalent expression (hot: its per-text function cache; cold: a fresh `Tournament` per call;',
    'date work through dayjs helpers passed in the data, since it has no date functions) and a',
    'hand-written JavaScript function. Every row first checks that the three give the same result.',
    'Rates are the best of 9 rounds that interleave IML, tournament and hand-written samples (3 rounds',
    `for the cold pair): the machine is shared (2 cores, load average ${load} when the run began), and`,
    'noise only ever slows a sample. Expect ±30% between runs on this machine; the ratios are what to',
    'read, and a ratio within ±15% of 1 can flip between runs.',
    `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, \`npm run bench -- iml\`.`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    summary,
    '',
    ...KNOWN_GAPS,
    '',
  ].join('\n');
  writeReadmeSection('IML', section);
}
