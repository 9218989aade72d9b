/**
 * The bodies of `/v1/metrics/*` (shapes as recorded, reference §d.5). Entries are dated at the last day of
 * each interval, the last one clipped to end-date, with each value's change against the entry before (0 on
 * the first). The summary is "as of the request" (§h8): `current` is the metric for the interval ending now
 * by the sandbox clock, `previous` the one for the interval before that, whatever range was asked for.
 */
import { dayText, oneIntervalBefore, type Interval } from '../rules/calendar';
import { figures, percentageChange, type Figures, type Window } from './formulas';
import { entryWindows, type MetricsRequest } from './request';
import type { MetricsSource, MetricsSources } from './source';

/** Each endpoint: its key in entries, and how it reads the figures. */
const SINGLE: Record<string, { key: string; value: (f: Figures) => number }> = {
  mrr: { key: 'mrr', value: (f) => f.mrr },
  arr: { key: 'arr', value: (f) => f.arr },
  arpa: { key: 'arpa', value: (f) => f.arpa },
  asp: { key: 'asp', value: (f) => f.asp },
  'customer-count': { key: 'customers', value: (f) => f.customers },
  'customer-churn-rate': { key: 'customer-churn-rate', value: (f) => f.customerChurnRate },
  'mrr-churn-rate': { key: 'mrr-churn-rate', value: (f) => f.mrrChurnRate },
  ltv: { key: 'ltv', value: (f) => f.ltv },
};

/** `/all` lists them in this order. */
const ALL = ['mrr', 'arr', 'customer-churn-rate', 'mrr-churn-rate', 'ltv', 'customer-count', 'asp', 'arpa'];

export const METRICS = ['all', ...Object.keys(SINGLE)];

function figuresOf(source: MetricsSource, window: Window, interval: Interval): Figures {
  return figures(source.totals, window, source.joinedAndChurned(window, interval));
}

/** The interval ending on `day` (its length is the requested interval, counted back from `day`). */
function windowEnding(day: number, interval: Interval): Window {
  return { from: oneIntervalBefore(day, interval) + 1, to: day };
}

export function metricsBody(
  metric: string,
  request: MetricsRequest,
  sources: MetricsSources,
  today: number,
): Record<string, unknown> {
  const windows = entryWindows(request.startDay, request.endDay, request.interval);
  const series = windows.map((w) => figuresOf(sources.byDay, w, request.interval));
  const { asOfNow } = sources;
  const current = figuresOf(asOfNow, windowEnding(today, request.interval), request.interval);
  const previousDay = oneIntervalBefore(today, request.interval);
  const previous = figuresOf(asOfNow, windowEnding(previousDay, request.interval), request.interval);
  const names = metric === 'all' ? ALL : [metric];
  const entries = windows.map((w, i) => {
    const entry: Record<string, unknown> = { date: dayText(w.to) };
    for (const name of names) {
      const { key, value } = SINGLE[name];
      const v = value(series[i]);
      entry[key] = v;
      entry[metric === 'all' ? `${key}-percentage-change` : 'percentage-change'] =
        i === 0 ? 0 : percentageChange(v, value(series[i - 1]));
    }
    if (metric === 'mrr') {
      Object.assign(entry, {
        'mrr-new-business': series[i].newBusiness,
        'mrr-expansion': series[i].expansion,
        'mrr-contraction': series[i].contraction,
        'mrr-churn': series[i].churn,
        'mrr-reactivation': series[i].reactivation,
      });
    }
    return entry;
  });
  const summary: Record<string, number> = {};
  for (const name of names) {
    const { key, value } = SINGLE[name];
    const [now, before] = [value(current), value(previous)];
    if (metric === 'all') {
      summary[`current-${key}`] = now;
      summary[`previous-${key}`] = before;
      summary[`${key}-percentage-change`] = percentageChange(now, before);
    } else {
      Object.assign(summary, {
        current: now,
        previous: before,
        'percentage-change': percentageChange(now, before),
      });
    }
  }
  return { entries, summary };
}
