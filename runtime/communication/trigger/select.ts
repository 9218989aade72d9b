/**
 * Which polled items are new, and the state after emitting them (decisions.md "Triggers"). The API's
 * listing arrives page by page; `take` reads a page and says when no later page can matter, so a
 * descending listing stops at the first item already seen and an ascending one once the limit is met.
 * New items come out oldest first, at most `limit`; the state advances only past what was emitted,
 * so items beyond the limit are new again on the next poll.
 */
import {
  compareIntegerIds,
  idKey,
  isIntegerId,
  REMEMBERED_IDS,
  type Polled,
  type TriggerSpec,
  type TriggerState,
} from './state';

export interface Selection {
  /** Reads one page; true when paging should stop. */
  take(page: Polled[]): boolean;
  /** The new items, oldest first, at most `limit`. */
  emitted(): Polled[];
  /** The state once `emitted` (oldest first) have been handed on. */
  next(emitted: Polled[]): TriggerState;
}

export function selection(spec: TriggerSpec, state: TriggerState, limit: number | undefined): Selection {
  return spec.type === 'date' ? new DateSelection(spec, state, limit) : new IdSelection(spec, state, limit);
}

/** Keeps the first occurrence of each id (a listing that shifted between pages repeats an item). */
function firstOfEach(items: Polled[]): Polled[] {
  const seen = new Set<string>();
  return items.filter((p) => {
    const k = idKey(p.id);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const cut = (items: Polled[], limit: number | undefined) =>
  limit === undefined ? items : items.slice(0, limit);

/**
 * type date: newer = a later date; at exactly the stored date, an id not among those emitted with it
 * (several items can share a timestamp, and a limit can fall between them).
 */
class DateSelection implements Selection {
  private readonly last: number | undefined;
  private readonly seenAtLast: Set<string> | undefined;
  private readonly fresh = new Map<string, Polled>();

  constructor(
    private readonly spec: TriggerSpec,
    private readonly state: TriggerState,
    private readonly limit: number | undefined,
  ) {
    this.last = state.lastDate === undefined ? undefined : Date.parse(state.lastDate);
    this.seenAtLast = state.seenIDs ? new Set(state.seenIDs) : undefined;
  }

  private isNew(p: Polled): boolean {
    if (this.last === undefined) return true;
    if (p.date! !== this.last) return p.date! > this.last;
    return this.seenAtLast !== undefined && !this.seenAtLast.has(idKey(p.id));
  }

  take(page: Polled[]): boolean {
    let older = false;
    for (const p of page) {
      if (this.last !== undefined && p.date! < this.last) older = true;
      if (!this.isNew(p)) continue;
      const k = idKey(p.id);
      const before = this.fresh.get(k);
      // An item listed twice (its date updated while we paged) counts once, with its latest date.
      if (!before || p.date! > before.date!) this.fresh.set(k, p);
    }
    if (this.spec.order === 'desc') return older;
    if (this.spec.order === 'asc') return this.limit !== undefined && this.fresh.size >= this.limit;
    return false;
  }

  emitted(): Polled[] {
    const tie = this.spec.order === 'desc' ? -1 : 1;
    const sorted = [...this.fresh.values()].sort((a, b) => a.date! - b.date! || tie * (a.index - b.index));
    return cut(sorted, this.limit);
  }

  next(emitted: Polled[]): TriggerState {
    if (emitted.length === 0) return { ...this.state };
    const newest = emitted[emitted.length - 1];
    const atNewest = emitted.filter((p) => p.date === newest.date).map((p) => idKey(p.id));
    const earlier = newest.date === this.last ? [...(this.seenAtLast ?? [])] : [];
    return {
      lastID: newest.id,
      lastDate: new Date(newest.date!).toISOString(),
      seenIDs: [...new Set([...earlier, ...atNewest])],
    };
  }
}

/**
 * type id: integer ids are ordered, newer = greater. Other ids (random uuids) carry no order, so the
 * listing's order decides: descending, the items before the first one already emitted; ascending,
 * those after the last one; unordered, those not emitted before (the last REMEMBERED_IDS).
 */
class IdSelection implements Selection {
  private readonly all: Polled[] = [];
  private integers: boolean;
  private readonly remembered: Set<string>;
  private newIntegers = 0;

  constructor(
    private readonly spec: TriggerSpec,
    private readonly state: TriggerState,
    private readonly limit: number | undefined,
  ) {
    this.integers = state.lastID === undefined || isIntegerId(state.lastID);
    this.remembered = new Set([
      ...(state.seenIDs ?? []),
      ...(state.lastID !== undefined ? [idKey(state.lastID)] : []),
    ]);
  }

  private greater(p: Polled): boolean {
    return this.state.lastID === undefined || compareIntegerIds(p.id, this.state.lastID) > 0;
  }

  take(page: Polled[]): boolean {
    let reachedSeen = false;
    for (const p of page) {
      this.all.push(p);
      if (!isIntegerId(p.id)) this.integers = false;
      if (this.integers) {
        if (this.greater(p)) this.newIntegers++;
        else reachedSeen = true;
      } else if (this.remembered.has(idKey(p.id))) reachedSeen = true;
    }
    if (this.spec.order === 'desc') return reachedSeen;
    if (this.spec.order === 'asc' && this.integers)
      return this.limit !== undefined && this.newIntegers >= this.limit;
    return false;
  }

  emitted(): Polled[] {
    if (this.integers) {
      const fresh = firstOfEach(this.all.filter((p) => this.greater(p)));
      return cut(
        fresh.sort((a, b) => compareIntegerIds(a.id, b.id)),
        this.limit,
      );
    }
    const seen = (p: Polled) => this.remembered.has(idKey(p.id));
    let fresh: Polled[];
    if (this.spec.order === 'desc') {
      const first = this.all.findIndex(seen);
      fresh = firstOfEach(this.all.slice(0, first === -1 ? this.all.length : first)).reverse();
    } else if (this.spec.order === 'asc') {
      let lastSeen = -1;
      this.all.forEach((p, i) => seen(p) && (lastSeen = i));
      fresh = firstOfEach(this.all.slice(lastSeen + 1));
    } else {
      fresh = firstOfEach(this.all.filter((p) => !seen(p)));
    }
    return cut(fresh, this.limit);
  }

  next(emitted: Polled[]): TriggerState {
    if (emitted.length === 0) return { ...this.state };
    const newest = emitted[emitted.length - 1];
    if (this.integers) return { lastID: newest.id };
    const recent = emitted.map((p) => idKey(p.id)).reverse();
    return {
      lastID: newest.id,
      seenIDs: [...new Set([...recent, ...(this.state.seenIDs ?? [])])].slice(0, REMEMBERED_IDS),
    };
  }
}
