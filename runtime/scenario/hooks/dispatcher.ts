/**
 * Runs queued deliveries: one worker per scenario key drains its queue oldest first, one scenario run
 * per item, one item at a time (runs of a scenario never overlap). A worker is woken when a delivery
 * is queued and at start (items queued while nothing ran, or before a crash, run then). A responder
 * in the run answers the delivery's caller: the receiver waits for it up to `answerTimeoutMs`.
 */
import type * as Communication from '../../communication';
import type { App } from '../../types/app';
import type { ScenarioOptions, ScenarioRun } from '../types';
import type { DeliverySink } from './receiver';
import { hookStore } from './manage';
import { buildScenario } from '../blueprint';
import { responderIds, runQueuedItem } from './deliver';

/** What a scenario key runs: the app, its blueprint and the run options (connection, target...). */
export interface DispatchTarget {
  app: App;
  blueprint: unknown;
  options: ScenarioOptions;
  /**
   * Finishes what earlier runs of the scenario left (a run cut short by a crash holds its item as an
   * interruption): run when a worker starts, before the queue.
   */
  retryDue?: () => Promise<unknown>;
}

export interface DispatcherOptions {
  historyPath: string;
  /** The scenario a key names; undefined when it cannot be run here (its items stay queued). */
  resolve(key: string): Promise<DispatchTarget | undefined>;
  /** How long a caller waits for a responder's answer before Make's `Accepted` (default 40 s). */
  answerTimeoutMs?: number;
  onRun?(run: ScenarioRun, key: string): void;
  onError?(err: unknown, key: string): void;
}

interface Waiter {
  resolve(answer: Communication.WebhookAnswer | undefined): void;
  timer: NodeJS.Timeout;
}

export const ANSWER_TIMEOUT_MS = 40_000;

export class DeliveryDispatcher implements DeliverySink {
  private readonly workers = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly answered = new Map<string, Communication.WebhookAnswer>();
  private stopping = false;

  constructor(private readonly options: DispatcherOptions) {}

  /** Wakes the workers of every key with queued items (at start). */
  drainAll(): void {
    for (const key of hookStore(this.options.historyPath).keysWithQueued()) this.kick(key);
  }

  queued(_delivery: string, keys: string[]): void {
    for (const key of keys) this.kick(key);
  }

  async answerFor(delivery: string, key: string): Promise<Communication.WebhookAnswer | undefined> {
    const target = await this.options.resolve(key).catch(() => undefined);
    if (!target || !hasResponder(target)) return undefined;
    const done = this.answered.get(delivery);
    if (done) return done;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(delivery, undefined),
        this.options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS,
      );
      timer.unref?.();
      this.waiters.set(delivery, [...(this.waiters.get(delivery) ?? []), { resolve, timer }]);
    });
  }

  /** Starts draining a key's queue, or asks the running worker to look again when it is done. */
  kick(key: string): void {
    if (this.stopping) return;
    if (this.workers.has(key)) {
      this.again.add(key);
      return;
    }
    const worker = this.drain(key).finally(() => {
      this.workers.delete(key);
      if (this.again.delete(key)) this.kick(key);
    });
    this.workers.set(key, worker);
  }

  /** Lets the item in flight finish, runs no other, and resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers.values());
    for (const delivery of [...this.waiters.keys()]) this.settle(delivery, undefined);
  }

  private async drain(key: string): Promise<void> {
    const store = hookStore(this.options.historyPath);
    let target: DispatchTarget | undefined;
    try {
      target = await this.options.resolve(key);
    } catch (err) {
      this.options.onError?.(err, key);
      return;
    }
    if (!target) return;
    await target.retryDue?.().catch((err: unknown) => this.options.onError?.(err, key));
    for (let item = store.nextQueued(key); item && !this.stopping; item = store.nextQueued(key)) {
      const delivery = item.delivery;
      try {
        const run = await runQueuedItem(target, item, store, (answer) => this.settle(delivery, answer));
        if (run) this.options.onRun?.(run, key);
      } catch (err) {
        this.options.onError?.(err, key);
        // A run that could not start (a broken blueprint) leaves the item queued: stop, do not spin.
        if (store.nextQueued(key)?.seq === item.seq) return;
      }
    }
  }

  private settle(delivery: string, answer: Communication.WebhookAnswer | undefined): void {
    if (answer && !this.answered.has(delivery)) {
      this.answered.set(delivery, answer);
      // Remembered briefly: a caller whose wait started late still gets it.
      setTimeout(() => this.answered.delete(delivery), 60_000).unref?.();
    }
    const waiters = this.waiters.get(delivery) ?? [];
    this.waiters.delete(delivery);
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve(answer ?? this.answered.get(delivery));
    }
  }
}

function hasResponder(target: DispatchTarget): boolean {
  try {
    return responderIds(target.app, buildScenario(target.app, target.blueprint)).size > 0;
  } catch {
    return false; // a blueprint that cannot run answers nothing; its worker reports why
  }
}
