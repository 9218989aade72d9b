/**
 * A tiny benchmark harness: every case runs beside its baseline in the same process and run, with a
 * warm-up, several timed samples and the median reported. Results are printed as a Markdown table and
 * written as JSON under bench/results/ (raw samples are git-ignored; the table goes into bench/README.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Case {
  name: string;
  /** Runs the work `iterations` times (sync or async). */
  run: (iterations: number) => unknown | Promise<unknown>;
}

export interface Measurement {
  name: string;
  /** Operations per second, median over samples. */
  opsPerSec: number;
  samples: number[];
}

export interface MeasureOptions {
  /** Iterations per sample. */
  iterations: number;
  samples?: number;
  warmup?: number;
}

export async function measure(c: Case, opts: MeasureOptions): Promise<Measurement> {
  const samples = opts.samples ?? 7;
  for (let i = 0; i < (opts.warmup ?? 2); i++) await c.run(opts.iterations);
  const rates: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await c.run(opts.iterations);
    const ns = Number(process.hrtime.bigint() - t0);
    rates.push((opts.iterations * 1e9) / ns);
  }
  return { name: c.name, opsPerSec: median(rates), samples: rates };
}

/** Wall time of one async run, in milliseconds, median over samples. */
export async function timeRuns(run: () => Promise<unknown>, samples = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The median of per-round ratios a[i] / b[i], for cases run back to back in each round: a load spike
 * slows both sides of a round alike, so pairing cancels most of the noise that separate medians keep.
 */
export function pairedRatio(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error('paired samples must come from the same rounds');
  return median(a.map((x, i) => x / b[i]));
}

export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k/s`;
  return `${n.toFixed(1)} /s`;
}

/** Prints a Markdown table and saves the rows to bench/results/<name>.json. */
export function report(name: string, header: string[], rows: (string | number)[][]): void {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const table = [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  process.stdout.write(`\n### ${name}\n\n${table}\n`);
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    JSON.stringify({ name, node: process.version, date: new Date().toISOString(), header, rows }, null, 2),
  );
}

/** Iterations per sample so that one sample of `work` takes about `targetMs`. */
export function calibrate(work: () => void, targetMs = 40): number {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) work();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > 10 || n > 1e7) return Math.max(1, Math.round((n * targetMs) / Math.max(ms, 0.001)));
    n *= 4;
  }
}

/**
 * Replaces the `## heading` section of bench/README.md with `section` (or appends it). Other areas
 * write their sections concurrently: the replacement runs under a shared lock.
 */
export function writeReadmeSection(heading: string, section: string): void {
  const readme = path.join(__dirname, '..', '..', 'bench', 'README.md');
  const script = `
    const fs = require('fs');
    const [file, heading, section] = [process.argv[1], process.argv[2], process.argv[3]];
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\\n';
    const start = text.indexOf('\\n## ' + heading + '\\n');
    let out;
    if (start < 0) out = text.replace(/\\n*$/, '\\n\\n') + section;
    else {
      const next = text.indexOf('\\n## ', start + 1);
      out = text.slice(0, start + 1) + section + (next < 0 ? '' : text.slice(next + 1));
    }
    fs.writeFileSync(file, out);
  `;
  execFileSync('flock', ['/tmp/bench-readme.lock', process.execPath, '-e', script, readme, heading, section]);
}
