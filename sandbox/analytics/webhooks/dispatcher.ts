/**
 * Sends pending webhook deliveries, in the background of the sandbox process. A delivery is a POST of its
 * JSON payload; any status outside 2xx (3xx included: redirects are not followed) or a network error is a
 * failure, retried as ChartMogul does — 17 times — after the delays of `SandboxOptions.webhooks.retryDelaysMs`
 * (the last one repeats when the list is shorter). State lives in the database only, so a sandbox restarted
 * on the same file resumes every pending delivery, and sandboxes of several processes on one file share
 * the work (each attempt is claimed first; an idle dispatcher looks at the file every second); a write
 * never waits for one (it is sent after the write's transaction commits, from a timer).
 */
import type { Db } from '../../db/open';
import type { Store } from '../../store/context';
import {
  claimDelivery,
  dueDeliveries,
  nextDue,
  recordAttempt,
  releaseDelivery,
  type DeliveryRow,
} from './store';

/** ChartMogul: "a webhook will automatically retry sending 17 times". */
export const WEBHOOK_RETRIES = 17;

/** Minutes doubling from one to 32, then hourly (ChartMogul documents the count, not the delays). */
export const DEFAULT_RETRY_DELAYS_MS = [1, 2, 4, 8, 16, 32, ...Array<number>(11).fill(60)].map(
  (m) => m * 60_000,
);

const TIMEOUT_MS = 10_000;
const BATCH = 20;
/**
 * How often an idle dispatcher looks at the file again: another process on the same file (a CLI
 * command beside a listening one) may have queued a delivery, and is likely gone before it is sent.
 */
const IDLE_CHECK_MS = 1_000;
/** How long a claimed delivery is left to its attempt before another process may take it. */
const CLAIM_MS = TIMEOUT_MS + 5_000;

const dispatchers = new WeakMap<Db, WebhookDispatcher>();

/** Wakes the database's dispatcher (after the current write has committed). */
export function notifyDispatcher(store: Store): void {
  dispatchers.get(store.db)?.kick();
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Aborts the requests in flight when the sandbox closes (their deliveries stay pending). */
  private readonly closing = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
  ) {
    dispatchers.set(store.db, this);
  }

  /** Sends whatever is due, now and whenever the next retry falls due. */
  start(): void {
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.closing.abort();
    await this.running;
    dispatchers.delete(this.store.db);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.running) {
      // A pass is under way: look again when it ends.
      void this.running.then(() => this.kick());
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      const next = nextDue(this.store);
      this.schedule(Math.min(next === null ? IDLE_CHECK_MS : next - Date.now(), IDLE_CHECK_MS));
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = Date.now();
      const due = dueDeliveries(this.store, now, BATCH);
      if (due.length === 0) return;
      const mine = due.filter((d) => claimDelivery(this.store, d.id, now, now + CLAIM_MS));
      await Promise.all(mine.map((d) => this.attempt(d)));
    }
  }

  private async attempt(delivery: DeliveryRow & { url: string }): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'ChartMogul-Sandbox-Webhooks' },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.closing.signal]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = (err as Error).message;
    }
    if (this.stopped && status === null) {
      releaseDelivery(this.store, delivery.id, Date.now()); // the sandbox is closing: due again at once
      return;
    }
    const attempts = delivery.attempts + 1;
    const ok = status !== null && status >= 200 && status < 300;
    const exhausted = attempts > WEBHOOK_RETRIES;
    const delay = this.retryDelaysMs[Math.min(attempts - 1, this.retryDelaysMs.length - 1)] ?? 0;
    recordAttempt(this.store, delivery.id, {
      status: ok ? 'delivered' : exhausted ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: ok || exhausted ? null : Date.now() + delay,
      lastStatus: status,
      lastError: ok ? null : (error ?? `HTTP ${status}`),
      deliveredAt: ok ? Date.now() : null,
    });
  }
}
