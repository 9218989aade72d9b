/**
 * Where a metrics request's totals come from. Unfiltered: the daily totals the triggers keep (a few thousand
 * rows at most, whatever the number of customers). Filtered by plan, currency or country: the stored MRR
 * history of the matching customers, with the subscriptions outside the selection counted as not live, and the
 * movements classified again over what remains (a switch out of the selected plans reads as churn or
 * contraction of the selection) — cost follows the data selected.
 *
 * Two views of them: entries are whole days (a day's value is its end's, so it includes a movement later
 * that day or a scheduled one); the summary is "as of the request" (§h8), so it leaves out every movement
 * dated after the clock, and its current MRR is the customers' MRR now.
 */
import { sql, type Store } from '../../store/context';
import { dayOf, samePeriod, type Interval } from '../rules/calendar';
import { customerHistory } from '../rules/movements';
import type { Step } from '../rules/timeline';
import { dailyTotals, type Contributing } from '../store/daily';
import { movementRows } from '../store/write';
import { isFiltered, type Selection } from './request';
import { DAILY_COLUMNS, Totals, type DailyRow } from './totals';
import type { Window } from './formulas';

export interface MetricsSource {
  totals: Totals;
  /** Customers that churned in the window after a paying streak that began in it. */
  joinedAndChurned(window: Window, interval: Interval): number;
}

export interface MetricsSources {
  /** For the entries: whole days. */
  byDay: MetricsSource;
  /** For the summary: nothing dated after the clock. */
  asOfNow: MetricsSource;
}

/** The daily rows less the movements given (those dated after the clock). */
function without(rows: DailyRow[], later: Contributing[]): DailyRow[] {
  if (later.length === 0) return rows;
  const minus = new Map(dailyTotals(later).map((r) => [r.day, r]));
  return rows.map((row) => {
    const m = minus.get(row.day);
    if (!m) return row;
    const kept = { ...row };
    for (const c of DAILY_COLUMNS) kept[c] -= m[c];
    return kept;
  });
}

/** A window that is one whole calendar interval can use the precomputed same-interval counts. */
function isWholeInterval(window: Window, interval: Interval, totals: Totals): number | undefined {
  const whole =
    samePeriod(window.from, window.to, interval) &&
    !samePeriod(window.from - 1, window.from, interval) &&
    !samePeriod(window.to, window.to + 1, interval);
  return whole ? totals.between(window.from, window.to)[`churned_same_${interval}`] : undefined;
}

function unfiltered(store: Store, now: number): MetricsSources {
  const daily = sql(store.db, 'SELECT * FROM analytics_daily ORDER BY day').all() as DailyRow[];
  // Few rows: movements dated after the clock are scheduled events and future service periods.
  const later = sql(
    store.db,
    `SELECT day, type, amount, customers_delta, new_customer, churn_same, streak_start FROM analytics_movements
     WHERE visible IN (0, 1) AND at > ?`,
  ).all(now) as (Contributing & { streak_start: number | null })[];
  const exact = sql(
    store.db,
    `SELECT COUNT(*) AS n FROM analytics_movements
     WHERE customers_delta = -1 AND day BETWEEN ? AND ? AND streak_start >= ?`,
  );
  const counted = (window: Window) =>
    (exact.get(window.from, window.to, window.from * 86_400_000) as { n: number }).n;
  const byDayTotals = new Totals(daily);
  const byDay: MetricsSource = {
    totals: byDayTotals,
    joinedAndChurned: (window, interval) => isWholeInterval(window, interval, byDayTotals) ?? counted(window),
  };
  if (later.length === 0) return { byDay, asOfNow: byDay };
  const laterChurns = later.filter((m) => m.customers_delta === -1);
  const nowTotals = new Totals(without(daily, later));
  const asOfNow: MetricsSource = {
    totals: nowTotals,
    // The count reads the churn index alone; the few churns after the clock are taken off in memory.
    joinedAndChurned: (window, interval) =>
      isWholeInterval(window, interval, nowTotals) ??
      counted(window) -
        laterChurns.filter(
          (m) => m.day >= window.from && m.day <= window.to && m.streak_start! >= window.from * 86_400_000,
        ).length,
  };
  return { byDay, asOfNow };
}

interface StepRow {
  customer_id: number;
  chain_id: number;
  member_id: number;
  at: number;
  mrr: number;
  live: number;
  plan_uuid: string | null;
  currency: string;
}

function planUuids(store: Store, refs: Set<string> | undefined): Set<string> | undefined {
  if (!refs) return undefined;
  const uuids = new Set<string>();
  const find = sql(store.db, 'SELECT uuid FROM plans WHERE name = @r OR external_id = @r OR uuid = @r');
  for (const ref of refs) for (const row of find.all({ r: ref }) as { uuid: string }[]) uuids.add(row.uuid);
  return uuids;
}

function filtered(store: Store, selection: Selection, now: number): MetricsSources {
  const plans = planUuids(store, selection.plans);
  const notPlans = planUuids(store, selection.notPlans);
  const selected = (s: StepRow) =>
    (!plans || (s.plan_uuid !== null && plans.has(s.plan_uuid))) &&
    !(notPlans && s.plan_uuid !== null && notPlans.has(s.plan_uuid)) &&
    (!selection.currencies || selection.currencies.has(s.currency)) &&
    !(selection.notCurrencies && selection.notCurrencies.has(s.currency));
  const countries = selection.countries ? [...selection.countries] : undefined;
  const rows = sql(
    store.db,
    `SELECT st.customer_id, st.chain_id, st.member_id, st.at, st.mrr, st.live, st.plan_uuid, st.currency
     FROM analytics_steps st ${countries ? 'JOIN customers c ON c.id = st.customer_id WHERE c.country IN (SELECT value FROM json_each(?))' : ''}
     ORDER BY st.customer_id, st.seq`,
  ).all(...(countries ? [JSON.stringify(countries)] : [])) as StepRow[];
  const movements: ReturnType<typeof movementRows> = [];
  for (let i = 0; i < rows.length;) {
    const customerId = rows[i].customer_id;
    const steps: Step[] = [];
    for (; i < rows.length && rows[i].customer_id === customerId; i++) {
      const row = rows[i];
      const keep = selected(row);
      steps.push({
        at: row.at,
        chainId: row.chain_id,
        memberId: row.member_id,
        mrr: keep ? row.mrr : 0,
        invoiceMrr: 0,
        currency: row.currency,
        live: keep && row.live === 1,
        planUuid: row.plan_uuid,
        quantity: 1,
        periodEnd: null,
        cause: { kind: 'cancel' },
        rank: [0, 0, 0, 0],
      });
    }
    movements.push(...movementRows(customerId, customerHistory(steps, new Map()).movements, new Map()));
  }
  const source = (rows: typeof movements): MetricsSource => {
    const totals = new Totals(dailyTotals(rows));
    const churns = rows.filter((m) => m.customers_delta === -1);
    return {
      totals,
      joinedAndChurned: (window, interval) =>
        isWholeInterval(window, interval, totals) ??
        churns.filter(
          (m) => m.day >= window.from && m.day <= window.to && dayOf(m.streak_start!) >= window.from,
        ).length,
    };
  };
  const byDay = source(movements);
  const upToNow = movements.filter((m) => m.at <= now);
  return { byDay, asOfNow: upToNow.length === movements.length ? byDay : source(upToNow) };
}

export function metricsSources(store: Store, selection: Selection, now: number): MetricsSources {
  return isFiltered(selection) ? filtered(store, selection, now) : unfiltered(store, now);
}
