/**
 * Where a metrics request's totals come from. Unfiltered: the daily totals the triggers keep (a few thousand
 * rows at most, whatever the number of customers). Filtered by plan, currency or country: the stored MRR
 * history of the matching customers, with the subscriptions outside the selection counted as not live, and the
 * movements classified again over what remains (a switch out of the selected plans reads as churn or
 * contraction of the selection) — cost follows the data selected.
 */
import { sql, type Store } from '../../store/context';
import { dayOf, samePeriod, type Interval } from '../rules/calendar';
import { customerHistory } from '../rules/movements';
import type { Step } from '../rules/timeline';
import { dailyTotals } from '../store/daily';
import { movementRows } from '../store/write';
import { isFiltered, type Selection } from './request';
import { Totals, type DailyRow } from './totals';
import type { Window } from './formulas';

export interface MetricsSource {
  totals: Totals;
  /** Customers that churned in the window after a paying streak that began in it. */
  joinedAndChurned(window: Window, interval: Interval): number;
}

/** A window that is one whole calendar interval can use the precomputed same-interval counts. */
function isWholeInterval(window: Window, interval: Interval, totals: Totals): number | undefined {
  const whole =
    samePeriod(window.from, window.to, interval) &&
    !samePeriod(window.from - 1, window.from, interval) &&
    !samePeriod(window.to, window.to + 1, interval);
  return whole ? totals.between(window.from, window.to)[`churned_same_${interval}`] : undefined;
}

function unfiltered(store: Store): MetricsSource {
  const totals = new Totals(sql(store.db, 'SELECT * FROM analytics_daily ORDER BY day').all() as DailyRow[]);
  const exact = sql(
    store.db,
    `SELECT COUNT(*) AS n FROM analytics_movements
     WHERE customers_delta = -1 AND day BETWEEN ? AND ? AND streak_start >= ?`,
  );
  return {
    totals,
    joinedAndChurned: (window, interval) =>
      isWholeInterval(window, interval, totals) ??
      (exact.get(window.from, window.to, window.from * 86_400_000) as { n: number }).n,
  };
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

function filtered(store: Store, selection: Selection): MetricsSource {
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
  const totals = new Totals(dailyTotals(movements));
  const churns = movements.filter((m) => m.customers_delta === -1);
  return {
    totals,
    joinedAndChurned: (window, interval) =>
      isWholeInterval(window, interval, totals) ??
      churns.filter(
        (m) => m.day >= window.from && m.day <= window.to && dayOf(m.streak_start!) >= window.from,
      ).length,
  };
}

export function metricsSource(store: Store, selection: Selection): MetricsSource {
  return isFiltered(selection) ? filtered(store, selection) : unfiltered(store);
}
