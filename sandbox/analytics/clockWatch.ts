/**
 * Makes derived state dated after the clock (a scheduled event, a future service period) current when the
 * sandbox clock passes it, without waiting for a request: a scheduled movement is then delivered to the
 * webhook destinations at its own date, as ChartMogul sends it. The API still catches up before answering
 * (a request may come first). A fixed clock never moves, so it is not watched.
 */
import type { Db } from '../db/open';
import { sql, type Store } from '../store/context';

/** A clock that jumps (a machine that slept) is noticed within this long. */
const LONGEST_WAIT_MS = 60_000;

const watches = new WeakMap<Db, ClockWatch>();

/** A write changed what is pending: look again at the next instant to wait for, once the write is done. */
export function notifyClockWatch(store: Store): void {
  watches.get(store.db)?.rearmSoon();
}

export class ClockWatch {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Immediate | undefined;
  private stopped = false;

  /** `catchUp` derives again the customers whose pending instant the clock has passed. */
  constructor(
    private readonly store: Store,
    private readonly catchUp: () => void,
  ) {}

  start(): void {
    if (this.store.clock.fixed) return;
    watches.set(this.store.db, this);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.soon) clearImmediate(this.soon);
    watches.delete(this.store.db);
  }

  rearmSoon(): void {
    if (this.stopped || this.soon) return;
    this.soon = setImmediate(() => {
      this.soon = undefined;
      this.arm();
    });
    this.soon.unref();
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const { next } = sql(this.store.db, 'SELECT MIN(at) AS next FROM analytics_pending').get() as {
      next: number | null;
    };
    if (next === null) return;
    const wait = Math.min(Math.max(next - this.store.clock.now(), 0), LONGEST_WAIT_MS);
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopped) return;
    try {
      this.catchUp();
    } catch {
      // A customer that cannot be derived now (its write is refused the same way) must not stop the
      // sandbox or spin: the next request, or the next look, tries again.
      this.timer = setTimeout(() => this.tick(), LONGEST_WAIT_MS);
      this.timer.unref();
      return;
    }
    this.arm();
  }
}
