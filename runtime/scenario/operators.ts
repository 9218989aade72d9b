/**
 * Filter operators (make-format.md §9, Make's IML_FILTER_OPERATORS list): one small named function per
 * operator family. A condition is `{a, o, b}`; `a` and `b` are already-evaluated values. Operators
 * never throw: a value that cannot be read as the family's type makes the comparison false (and its
 * `not…` form true), as Make's filters let such bundles fail quietly.
 */
import { ImlError } from '../errors';
import { BoundedRegex, regexBudget } from '../iml';
import { readDateText } from '../iml/date-text';
import { wallClockAt } from '../iml/zoned-time';

export interface OperatorContext {
  /** The scenario's time zone: dates without an offset are read in it, `time:` reads a time of day in it. */
  timezone: string;
}

export type Operator = (a: unknown, b: unknown, ctx: OperatorContext) => boolean;

/** Six comparisons shared by number, date, time, semver and array-length families. */
type Comparison = 'equal' | 'notequal' | 'greater' | 'less' | 'greaterorequal' | 'lessorequal';
const COMPARISONS: Comparison[] = ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'];

function compareWith(cmp: Comparison, diff: number): boolean {
  switch (cmp) {
    case 'equal':
      return diff === 0;
    case 'notequal':
      return diff !== 0;
    case 'greater':
      return diff > 0;
    case 'less':
      return diff < 0;
    case 'greaterorequal':
      return diff >= 0;
    case 'lessorequal':
      return diff <= 0;
  }
}

/** Builds an operator from a reader (value → comparable number, or undefined when unreadable). */
function ordered(cmp: Comparison, read: (v: unknown, ctx: OperatorContext) => number | undefined): Operator {
  return (a, b, ctx) => {
    const x = read(a, ctx);
    const y = read(b, ctx);
    if (x === undefined || y === undefined) return cmp === 'notequal';
    return compareWith(cmp, x - y);
  };
}

// ---- readers -------------------------------------------------------------------------------------

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  if (v instanceof Date) return v.getTime();
  return undefined;
}

/** Epoch ms of a date, a number (ms) or date text in Make's forms (zone-less text in the scenario's zone). */
export function toDateMs(v: unknown, ctx: OperatorContext): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const t = v.trim();
    return /^-?\d+$/.test(t) ? Number(t) : readDateText(t, ctx.timezone)?.getTime();
  }
  return undefined;
}

/** Seconds since midnight: `HH:mm[:ss]` text, or a date's time of day in the scenario's zone. */
export function toTimeOfDay(v: unknown, ctx: OperatorContext): number | undefined {
  if (typeof v === 'string') {
    const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(v);
    if (m) {
      const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
      return h < 24 && min < 60 && s < 60 ? h * 3600 + min * 60 + s : undefined;
    }
  }
  const ms = v instanceof Date || typeof v === 'string' ? toDateMs(v, ctx) : undefined;
  if (ms === undefined) return undefined;
  const w = wallClockAt(ms, ctx.timezone);
  return w.hour * 3600 + w.minute * 60 + w.second;
}

/** Compares two semantic versions (`v1.2.3-beta.1`); missing parts are 0, a pre-release sorts first. */
export function compareSemver(a: unknown, b: unknown): number | undefined {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i];
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === '') return 1;
  if (pb.pre === '') return -1;
  return comparePrerelease(pa.pre, pb.pre);
}

function parseSemver(v: unknown): { core: number[]; pre: string } | undefined {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/.exec(
    toText(v),
  );
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? '' };
}

function comparePrerelease(a: string, b: string): number {
  const xs = a.split('.');
  const ys = b.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (xs[i] === undefined) return -1;
    if (ys[i] === undefined) return 1;
    const nx = /^\d+$/.test(xs[i]) ? Number(xs[i]) : undefined;
    const ny = /^\d+$/.test(ys[i]) ? Number(ys[i]) : undefined;
    if (nx !== undefined && ny !== undefined) {
      if (nx !== ny) return nx - ny;
    } else if (nx !== undefined) return -1;
    else if (ny !== undefined) return 1;
    else if (xs[i] !== ys[i]) return xs[i] < ys[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Make's boolean coercion (iml-functions.md §4.2): any number is Yes, "even if the value is 0"; text
 * is No only when it is `false` or empty; anything else is Yes when it exists (not null).
 */
export function toBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t !== '' && t !== 'false';
  }
  return true;
}

/**
 * `/source/flags` or a bare pattern, on the bounded matcher (decisions.md "Regex budgets"); an invalid
 * pattern matches nothing.
 */
export function toPattern(pattern: unknown, caseInsensitive: boolean): BoundedRegex | undefined {
  const text = toText(pattern);
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  const source = literal ? literal[1] : text;
  // g and y make test() stateful; a filter must give the same answer every time.
  let flags = literal ? literal[2].replace(/[gy]/g, '') : '';
  if (caseInsensitive && !flags.includes('i')) flags += 'i';
  try {
    return BoundedRegex.compile(source, flags, 'filter pattern');
  } catch {
    return undefined;
  }
}

/** Each condition has a regex budget of its own; running out is an error, never a quiet false. */
function matchesPattern(text: string, pattern: BoundedRegex): boolean {
  try {
    return pattern.test(text, regexBudget(), 'filter pattern');
  } catch (e) {
    throw e instanceof ImlError ? e : new ImlError((e as Error).message);
  }
}

// ---- families ------------------------------------------------------------------------------------

const fold = (s: string, ci: boolean) => (ci ? s.toLowerCase() : s);

function textOperators(ci: boolean): Record<string, Operator> {
  const t = (v: unknown) => fold(toText(v), ci);
  const positive: Record<string, Operator> = {
    equal: (a, b) => t(a) === t(b),
    contain: (a, b) => t(a).includes(t(b)),
    startwith: (a, b) => t(a).startsWith(t(b)),
    endwith: (a, b) => t(a).endsWith(t(b)),
    pattern: (a, b) => {
      const pattern = toPattern(b, ci);
      return pattern ? matchesPattern(toText(a), pattern) : false;
    },
  };
  const ops: Record<string, Operator> = {};
  for (const [name, op] of Object.entries(positive)) {
    ops[name] = op;
    ops[`not${name}`] = (a, b, ctx) => !op(a, b, ctx);
  }
  return ops;
}

function arrayContains(ci: boolean): Operator {
  return (a, b) => {
    if (!Array.isArray(a)) return false;
    const needle = fold(toText(b), ci);
    return a.some((item) => (item === b ? true : fold(toText(item), ci) === needle));
  };
}

const arrayLength = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : undefined);

function buildOperators(): Map<string, Operator> {
  const ops = new Map<string, Operator>();
  ops.set('exist', (a) => !isEmptyValue(a));
  ops.set('notexist', (a) => isEmptyValue(a));
  for (const ci of [false, true]) {
    for (const [name, op] of Object.entries(textOperators(ci))) ops.set(`text:${name}${ci ? ':ci' : ''}`, op);
    const contains = arrayContains(ci);
    ops.set(`array:contain${ci ? ':ci' : ''}`, contains);
    ops.set(`array:notcontain${ci ? ':ci' : ''}`, (a, b, ctx) => Array.isArray(a) && !contains(a, b, ctx));
  }
  for (const cmp of COMPARISONS) {
    ops.set(`number:${cmp}`, ordered(cmp, toNumber));
    ops.set(`date:${cmp}`, ordered(cmp, toDateMs));
    ops.set(`time:${cmp}`, ordered(cmp, toTimeOfDay));
    // Make's array comparisons compare the array's length with a number.
    ops.set(`array:${cmp}`, (a, b) => {
      const length = arrayLength(a);
      const n = toNumber(b);
      return length === undefined || n === undefined ? cmp === 'notequal' : compareWith(cmp, length - n);
    });
    ops.set(`semver:${cmp}`, (a, b) => {
      const diff = compareSemver(a, b);
      return diff === undefined ? cmp === 'notequal' : compareWith(cmp, diff);
    });
  }
  ops.set('boolean:equal', (a, b) => toBoolean(a) === toBoolean(b));
  ops.set('boolean:notequal', (a, b) => toBoolean(a) !== toBoolean(b));
  return ops;
}

export const OPERATORS: ReadonlyMap<string, Operator> = buildOperators();

/** Operators that ignore `b`. */
export const UNARY_OPERATORS = new Set(['exist', 'notexist']);

export function getOperator(name: string): Operator | undefined {
  return OPERATORS.get(name);
}
