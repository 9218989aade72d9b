/**
 * Client-side rate limiter: at most `inFlight` requests at once, and a request may start only while
 * fewer than `perSecond` requests are in flight or finished within the last second. The server sees
 * each request somewhere between our start and our end, so counting a request until one second after
 * its end bounds every one-second window the server counts — whatever the latency and however the
 * clocks align (a plain start-time window does not: slow first requests arrive bunched with later
 * ones). One limiter per process and API key (limiterFor), shared by every run using that key.
 */
import { createHash } from 'node:crypto';

export interface RateLimit {
  perSecond?: number;
  inFlight?: number;
}

/** Just under ChartMogul's 40 requests/s and 20 concurrent requests per account. */
export const DEFAULT_RATE_LIMIT = { perSecond: 36, inFlight: 18 } as const;

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class Limiter {
  readonly perSecond: number;
  readonly inFlight: number;
  private active = 0;
  /** End times (performance.now()) of requests that finished less than a window ago, oldest first. */
  private ends: number[] = [];
  private queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(limit: RateLimit = {}) {
    this.perSecond = Math.max(1, limit.perSecond ?? DEFAULT_RATE_LIMIT.perSecond);
    this.inFlight = Math.max(1, limit.inFlight ?? DEFAULT_RATE_LIMIT.inFlight);
  }

  /** Resolves when a request may start; call release() exactly once when it has finished. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  release(): void {
    this.active--;
    const now = performance.now();
    this.ends.push(now);
    this.prune(now);
    this.pump();
  }

  private prune(now: number): void {
    let expired = 0;
    while (expired < this.ends.length && this.ends[expired] <= now - WINDOW_MS) expired++;
    if (expired) this.ends.splice(0, expired);
  }

  private pump(): void {
    while (this.queue.length && this.active < this.inFlight) {
      const now = performance.now();
      this.prune(now);
      if (this.active + this.ends.length >= this.perSecond) {
        if (this.ends.length) this.schedule(this.ends[0] + WINDOW_MS - now);
        return; // otherwise a release wakes us
      }
      const waiter = this.queue.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.active++;
      waiter.resolve();
    }
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.ceil(ms));
  }
}

const WINDOW_MS = 1000;

const limiters = new Map<string, Limiter>();

/** The process-wide limiter for one origin and API key (the key is hashed, never kept). */
export function limiterFor(origin: string, apiKey: string | undefined, limit: RateLimit): Limiter {
  const id = `${origin}|${createHash('sha256')
    .update(apiKey ?? '')
    .digest('hex')}|${limit.perSecond ?? ''}|${limit.inFlight ?? ''}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new Limiter(limit);
    limiters.set(id, limiter);
  }
  return limiter;
}
