/**
 * Client-side rate limiter: at most `perSecond` request starts in any sliding one-second window and
 * at most `inFlight` requests at once. A sliding window is stricter than the server's fixed windows,
 * so however the two clocks align, no server window sees more than `perSecond` starts from us.
 * One limiter per process and API key (limiterFor), shared by every module run using that key.
 */
import { createHash } from 'node:crypto';

export interface RateLimit {
  perSecond?: number;
  inFlight?: number;
}

/** Just under ChartMogul's 40 requests/s and 20 concurrent requests per account. */
export const DEFAULT_RATE_LIMIT = { perSecond: 36, inFlight: 18 } as const;

const WINDOW_MS = 1000;

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
  /** Start times of the most recent starts, oldest first, at most `perSecond` of them. */
  private starts: number[] = [];
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
    this.pump();
  }

  private pump(): void {
    while (this.queue.length && this.active < this.inFlight) {
      const now = Date.now();
      if (this.starts.length >= this.perSecond) {
        const wait = this.starts[0] + WINDOW_MS - now;
        if (wait > 0) {
          this.schedule(wait);
          return;
        }
        this.starts.shift();
      }
      const waiter = this.queue.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.active++;
      this.starts.push(now);
      waiter.resolve();
    }
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms + 1);
    this.timer.unref?.();
  }
}

const limiters = new Map<string, Limiter>();

/** The process-wide limiter for one origin and API key (the key is hashed, never kept). */
export function limiterFor(origin: string, apiKey: string | undefined, limit: RateLimit): Limiter {
  const id = `${origin}|${createHash('sha256').update(apiKey ?? '').digest('hex')}|${limit.perSecond ?? ''}|${limit.inFlight ?? ''}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new Limiter(limit);
    limiters.set(id, limiter);
  }
  return limiter;
}
