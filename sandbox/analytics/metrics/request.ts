/**
 * A metrics request's parameters, checked before anything is read (reference §d.1, errors per §h11 in
 * ChartMogul's `{code, message, param}` dialect, all 400): `start-date` and `end-date` required (dates,
 * start not after end), `interval` day|week|month|quarter|year (month when omitted; ASP only month, quarter
 * or year), `geo` ISO country codes, `plans` plan names, `filters` plan and currency conditions.
 */
import { codeError, missingParameter } from '../../http/errors';
import { parseTimestamp } from '../../lib/time';
import { dayOf, INTERVALS, periodEnd, type Interval } from '../rules/calendar';

/** The most entries one request may ask for (a day interval over 50 years is about 18,000). */
export const MAX_ENTRIES = 20_000;

export interface Selection {
  /** Plan names, external ids or uuids the subscriptions must be on (any of them). */
  plans?: Set<string>;
  /** …or must not be on. */
  notPlans?: Set<string>;
  currencies?: Set<string>;
  notCurrencies?: Set<string>;
  countries?: Set<string>;
}

export interface MetricsRequest {
  startDay: number;
  endDay: number;
  interval: Interval;
  selection: Selection;
}

type Query = Record<string, unknown>;

function text(query: Query, name: string): string | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw codeError(400, `Parameter "${name}" must be given once`, name);
  return v;
}

export function readDay(query: Query, name: string, required: boolean): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) {
    if (required) throw missingParameter(name);
    return undefined;
  }
  const ms = parseTimestamp(raw);
  if (ms === undefined)
    throw codeError(400, `Parameter "${name}" is not a valid date (expected YYYY-MM-DD)`, name);
  return dayOf(ms);
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((v) => v.trim().replace(/^'(.*)'$/, '$1'))
    .filter((v) => v !== '');
}

/** `plan~ANY~'Gold','Silver'~AND~currency~NONE~'EUR'` (ChartMogul's filter language, plan and currency only). */
function readFilters(raw: string, selection: Selection): void {
  for (const condition of raw.split(/~AND~/i)) {
    const m = /^\s*([a-z_]+)~([A-Z]+)~(.+)$/i.exec(condition);
    const field = m?.[1].toLowerCase();
    const op = m?.[2].toUpperCase();
    const include = op === 'ANY' || op === 'EQ';
    const exclude = op === 'NONE' || op === 'NEQ';
    if (!m || !(include || exclude) || !['plan', 'plans', 'currency'].includes(field!)) {
      throw codeError(
        400,
        `Filter "${condition}" is not supported: the sandbox filters on plan and currency with ANY, EQ, NONE or NEQ`,
        'filters',
      );
    }
    const values = new Set(list(m[3]));
    if (field === 'currency') {
      if (include) selection.currencies = values;
      else selection.notCurrencies = values;
    } else if (include) selection.plans = values;
    else selection.notPlans = values;
  }
}

export function readMetricsRequest(query: Query, metric: string): MetricsRequest {
  const startDay = readDay(query, 'start-date', true)!;
  const endDay = readDay(query, 'end-date', true)!;
  if (endDay < startDay)
    throw codeError(400, 'Parameter "end-date" must not be before "start-date"', 'end-date');
  const rawInterval = text(query, 'interval') ?? 'month';
  if (!(INTERVALS as readonly string[]).includes(rawInterval))
    throw codeError(400, `Parameter "interval" must be one of ${INTERVALS.join(', ')}`, 'interval');
  const interval = rawInterval as Interval;
  if (metric === 'asp' && (interval === 'day' || interval === 'week'))
    throw codeError(400, 'Parameter "interval" must be month, quarter or year for ASP', 'interval');
  if (countEntries(startDay, endDay, interval) > MAX_ENTRIES)
    throw codeError(
      400,
      `The request asks for more than ${MAX_ENTRIES} entries: use a longer interval`,
      'interval',
    );
  const selection: Selection = {};
  const geo = text(query, 'geo');
  if (geo !== undefined) {
    const codes = list(geo).map((c) => c.toUpperCase());
    if (codes.some((c) => !/^[A-Z]{2}$/.test(c)))
      throw codeError(
        400,
        'Parameter "geo" must be ISO 3166-1 alpha-2 country codes, comma-separated',
        'geo',
      );
    selection.countries = new Set(codes);
  }
  const plans = text(query, 'plans');
  if (plans !== undefined) selection.plans = new Set(list(plans));
  const filters = text(query, 'filters');
  if (filters !== undefined) readFilters(filters, selection);
  return { startDay, endDay, interval, selection };
}

function countEntries(startDay: number, endDay: number, interval: Interval): number {
  if (interval === 'day') return endDay - startDay + 1;
  const perEntry = { week: 7, month: 28, quarter: 90, year: 365 }[interval];
  return Math.floor((endDay - startDay) / perEntry) + 2;
}

export function isFiltered(selection: Selection): boolean {
  return Object.values(selection).some((v) => v !== undefined);
}

/** The windows of the entries: each interval from start-date on, the last clipped to end-date. */
export function entryWindows(
  startDay: number,
  endDay: number,
  interval: Interval,
): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  for (let from = startDay; from <= endDay;) {
    const to = Math.min(periodEnd(from, interval), endDay);
    windows.push({ from, to });
    from = to + 1;
  }
  return windows;
}
