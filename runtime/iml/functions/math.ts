/** Math functions (iml-functions.md §6). */
import { EvalFailure } from '../position';
import { numberArg, toNumber, toText } from '../values';
import { FnSpec, passEmpty, fn } from './registry';

/** Numbers of `f(array)` or `f(v1; v2; …)`; empty values are skipped, other non-numbers fail. */
function numbers(args: unknown[], name: string): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args.flat();
  const out: number[] = [];
  for (const v of list) {
    if (v === null || v === undefined || v === '') continue;
    const n = toNumber(v);
    if (Number.isNaN(n)) throw new EvalFailure(`${name}: not a number: ${toText(v).slice(0, 40)}`);
    out.push(n);
  }
  return out;
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Removes binary noise before truncating/rounding at a decimal place (3.789 * 100 = 378.9). */
function scaled(n: number, decimals: number): number {
  return Number((n * Math.pow(10, decimals)).toPrecision(15));
}

function stdev(xs: number[], sample: boolean): number | undefined {
  const n = xs.length - (sample ? 1 : 0);
  if (n <= 0) return undefined;
  const mean = sum(xs) / xs.length;
  return Math.sqrt(sum(xs.map((x) => (x - mean) * (x - mean))) / n);
}

function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export const math: Record<string, FnSpec> = {
  abs: passEmpty(1, 1, (v) => Math.abs(numberArg(v, 'abs'))),
  ceil: passEmpty(1, 1, (v) => Math.ceil(numberArg(v, 'ceil'))),
  floor: passEmpty(1, 1, (v) => Math.floor(numberArg(v, 'floor'))),
  // Halves round away from zero: round(-1.5) = -2 (decisions.md).
  round: passEmpty(1, 1, (v) => {
    const n = numberArg(v, 'round');
    return Math.sign(n) * Math.round(Math.abs(n));
  }),
  trunc: passEmpty(1, 2, (v, d) => {
    const n = numberArg(v, 'trunc');
    const decimals = d === undefined ? 0 : Math.trunc(numberArg(d, 'trunc', 'decimals'));
    if (decimals === 0) return Math.trunc(n);
    return Math.trunc(scaled(n, decimals)) / Math.pow(10, decimals);
  }),
  sum: fn(0, Infinity, (...args) => sum(numbers(args, 'sum'))),
  average: fn(0, Infinity, (...args) => {
    const xs = numbers(args, 'average');
    return xs.length ? sum(xs) / xs.length : undefined;
  }),
  max: fn(0, Infinity, (...args) => {
    const xs = numbers(args, 'max');
    return xs.length ? xs.reduce((a, b) => (b > a ? b : a)) : undefined;
  }),
  min: fn(0, Infinity, (...args) => {
    const xs = numbers(args, 'min');
    return xs.length ? xs.reduce((a, b) => (b < a ? b : a)) : undefined;
  }),
  median: fn(0, Infinity, (...args) => {
    const xs = numbers(args, 'median').sort((a, b) => a - b);
    if (!xs.length) return undefined;
    const m = xs.length >> 1;
    return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
  }),
  stdevP: fn(0, Infinity, (...args) => stdev(numbers(args, 'stdevP'), false)),
  stdevS: fn(0, Infinity, (...args) => stdev(numbers(args, 'stdevS'), true)),
  formatNumber: passEmpty(2, 4, (v, d, decSep, thouSep) => {
    const n = numberArg(v, 'formatNumber');
    const decimals = Math.trunc(numberArg(d, 'formatNumber', 'decimals'));
    if (decimals < 0 || decimals > 100)
      throw new EvalFailure('formatNumber: decimals must be between 0 and 100');
    const fixed = Math.abs(n).toFixed(decimals);
    const [int, frac] = fixed.split('.');
    const ds = decSep === undefined || decSep === null ? ',' : toText(decSep);
    const ts = thouSep === undefined || thouSep === null ? '.' : toText(thouSep);
    const body = group(int, ts) + (frac ? ds + frac : '');
    return n < 0 && Number(fixed) !== 0 ? `-${body}` : body;
  }),
  parseNumber: passEmpty(1, 2, (v, decSep) => {
    if (typeof v === 'number') return v;
    const ds = decSep === undefined || decSep === null || decSep === '' ? '.' : toText(decSep);
    const s = toText(v).trim();
    if (s === '') return undefined;
    // Every character other than digits, a leading sign and the decimal separator is a grouping mark.
    let cleaned = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c >= '0' && c <= '9') cleaned += c;
      else if (s.startsWith(ds, i)) {
        cleaned += '.';
        i += ds.length - 1;
      } else if ((c === '-' || c === '+') && cleaned === '') cleaned += c;
      else if (!/[\s.,'\u00a0_]/.test(c))
        throw new EvalFailure(`parseNumber: cannot parse "${s.slice(0, 40)}"`);
    }
    const n = Number(cleaned);
    if (cleaned === '' || Number.isNaN(n))
      throw new EvalFailure(`parseNumber: cannot parse "${s.slice(0, 40)}"`);
    return n;
  }),
};
