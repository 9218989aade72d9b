/** Dates as text for the metrics tests. */
import { dayOf as dayOfMs, dayText, type Interval } from '../../../sandbox/analytics/rules/calendar';
import { entryWindows } from '../../../sandbox/analytics/metrics/request';

export const dayOf = (iso: string): number => dayOfMs(Date.parse(`${iso}T00:00:00Z`));

/** The dates of the entries a request from `start` to `end` gets. */
export function entryWindowsFor(start: string, end: string, interval: Interval): string[] {
  return entryWindows(dayOf(start), dayOf(end), interval).map((w) => dayText(w.to));
}
