// Whether a step's output is a series (dated numbers: metrics entries, activities), and its points.
// Read from the bundles themselves, so any module's output qualifies: bundles — or the items of a
// bundle's list — that carry a date and at least one number. Several points on one day (times of day,
// or the same date twice) are summed per day, or counted.

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
export const COUNT = '__count__';

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const numberKey = (k) => !k.startsWith('__');

/**
 * { items, dateKey, numberKeys, perDay } or null. `items`: the dated records (the bundles, or the
 * items of the one list in a single bundle that has them).
 */
export function seriesOf(outputs) {
  const bundles = (outputs || []).filter(isRecord);
  const direct = describe(bundles);
  if (direct) return direct;
  if (bundles.length !== 1) return null;
  for (const value of Object.values(bundles[0])) {
    const inner = Array.isArray(value) ? describe(value.filter(isRecord)) : null;
    if (inner) return inner;
  }
  return null;
}

function describe(items) {
  if (items.length < 2) return null;
  const keys = Object.keys(items[0]);
  const dateKey = keys.find((k) => items.every((item) => typeof item[k] === 'string' && DATE.test(item[k])));
  if (!dateKey) return null;
  const numberKeys = keys.filter(
    (k) => numberKey(k) && items.every((item) => typeof item[k] === 'number' && Number.isFinite(item[k])),
  );
  if (!numberKeys.length) return null;
  const days = items.map((item) => item[dateKey].slice(0, 10));
  const perDay = new Set(days).size < days.length || items.some((item) => item[dateKey].length > 10);
  return { items, dateKey, numberKeys, perDay };
}

/** The chart's data for one number (or COUNT): { type, labels, label, data } in date order. */
export function seriesData(series, field) {
  const { items, dateKey, perDay } = series;
  if (!perDay) {
    const sorted = [...items].sort((a, b) => a[dateKey].localeCompare(b[dateKey]));
    return {
      type: 'line',
      labels: sorted.map((i) => i[dateKey]),
      label: field,
      data: sorted.map((i) => i[field]),
    };
  }
  const byDay = new Map();
  for (const item of items) {
    const day = item[dateKey].slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + (field === COUNT ? 1 : item[field]));
  }
  const labels = [...byDay.keys()].sort();
  return {
    type: 'bar',
    labels,
    label: field === COUNT ? 'bundles per day' : `${field} (sum per day)`,
    data: labels.map((day) => byDay.get(day)),
  };
}
