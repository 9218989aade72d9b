/**
 * A polling trigger's state between runs, as Make stores it (`data.lastID`, `data.lastDate`), and the
 * comparisons that decide which items are new (make-format.md §4.5; decisions.md "Triggers").
 */
import { BundleValidationError, RuntimeError } from '../../errors';
import { readDateText } from '../../iml/date-text';

export interface TriggerState {
  /** The id of the newest item emitted so far. */
  lastID?: string | number;
  /** The date of the newest item emitted so far (ISO 8601, UTC). Date triggers only. */
  lastDate?: string;
  /**
   * Ids emitted earlier that the order alone cannot tell from new ones (beyond DESIGN, see
   * decisions.md "Triggers"): for date triggers those dated exactly `lastDate` (absent = every item of
   * that date was seen, as a state Make wrote means); for id triggers whose ids are not integers, the
   * most recently emitted ones, newest first.
   */
  seenIDs?: string[];
}

/** The trigger's `response.trigger`, evaluated once per run. */
export interface TriggerSpec {
  type: 'id' | 'date';
  order: 'asc' | 'desc' | 'unordered';
}

/** An item as the trigger sees it: its output, its id and date, and where the API listed it. */
export interface Polled {
  output: unknown;
  id: string | number;
  /** Epoch ms (date triggers). */
  date?: number;
  /** Position in the API's listing, across pages (0 = first). */
  index: number;
}

/** How many emitted ids an id trigger with non-integer ids remembers. */
export const REMEMBERED_IDS = 1000;

export function idKey(id: string | number): string {
  return String(id);
}

const INTEGER = /^-?\d+$/;

/** An id that orders numerically: an integer, or text of digits. */
export function isIntegerId(id: unknown): id is number | string {
  return (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && INTEGER.test(id));
}

export function compareIntegerIds(a: string | number, b: string | number): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The id an item's `trigger.id` gave: text or a number, else the item cannot be tracked. */
export function readId(value: unknown, moduleId: string): string | number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value !== '') return value;
  throw new RuntimeError(
    `trigger.id gave ${value === '' ? 'an empty text' : String(value)} for an item: every item needs an id to be told apart`,
    { componentId: moduleId },
  );
}

/**
 * The instant a date value names, in epoch ms: dates as they are, numbers as epoch ms (Make's date
 * coercion), text in the IML's accepted forms (zone-less text in the run's time zone).
 */
export function readDate(value: unknown, timezone: string): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return readDateText(value, timezone)?.getTime();
  return undefined;
}

export function itemDate(value: unknown, id: string | number, timezone: string, moduleId: string): number {
  const ms = readDate(value, timezone);
  if (ms === undefined)
    throw new RuntimeError(
      `trigger.date of item ${String(id)} is not a date (${JSON.stringify(value) ?? 'undefined'})`,
      { componentId: moduleId },
    );
  return ms;
}

/** `response.trigger`'s type and order after evaluation; anything else is a definition mistake. */
export function triggerSpec(type: unknown, order: unknown, moduleId: string): TriggerSpec {
  if (type !== 'id' && type !== 'date')
    throw new RuntimeError(`response.trigger.type must be "id" or "date", not ${JSON.stringify(type)}`, {
      componentId: moduleId,
    });
  if (order !== 'asc' && order !== 'desc' && order !== 'unordered')
    throw new RuntimeError(
      `response.trigger.order must be "asc", "desc" or "unordered", not ${JSON.stringify(order)}`,
      { componentId: moduleId },
    );
  return { type, order };
}

/** `data` as the trigger's templates see it: Make's two keys, only those that are set. */
export function dataOf(state: TriggerState): Record<string, unknown> {
  return {
    ...(state.lastID !== undefined ? { lastID: state.lastID } : {}),
    ...(state.lastDate !== undefined ? { lastDate: state.lastDate } : {}),
  };
}

/** A stored or given state, checked: a wrong shape fails before any request, naming the field. */
export function checkState(state: unknown, timezone: string): TriggerState {
  if (state === undefined || state === null) return {};
  const bad = (field: string, message: string) => new BundleValidationError([{ field, message }]);
  if (typeof state !== 'object' || Array.isArray(state))
    throw bad('state', 'must be an object { lastID?, lastDate? }');
  const s = state as Record<string, unknown>;
  const out: TriggerState = {};
  for (const key of Object.keys(s)) {
    if (!['lastID', 'lastDate', 'seenIDs'].includes(key))
      throw bad(`state.${key}`, 'is not part of a trigger state (lastID, lastDate, seenIDs)');
  }
  if (s.lastID !== undefined) {
    if (typeof s.lastID !== 'string' && typeof s.lastID !== 'number')
      throw bad('state.lastID', 'must be text or a number');
    out.lastID = s.lastID;
  }
  if (s.lastDate !== undefined) {
    const ms = readDate(s.lastDate, timezone);
    if (ms === undefined) throw bad('state.lastDate', `is not a date (${JSON.stringify(s.lastDate)})`);
    out.lastDate = new Date(ms).toISOString();
  }
  if (s.seenIDs !== undefined) {
    if (!Array.isArray(s.seenIDs) || !s.seenIDs.every((v) => typeof v === 'string' || typeof v === 'number'))
      throw bad('state.seenIDs', 'must be a list of ids');
    out.seenIDs = s.seenIDs.map(String);
  }
  return out;
}
