/**
 * Interval scheduling, as Make's "at regular intervals": the first run starts at once, the next one
 * `every` after the previous one started — or, when a run outlasts the interval, as soon as it ends
 * (runs never overlap). stop() lets the trigger bundle in flight finish, stores that run and resolves.
 * Like Make, the schedule deactivates itself after `maxErrors` consecutive failed runs (blueprint
 * metadata, default 3) or on an invalid-configuration error.
 */
import { InvalidConfigurationError } from '../errors';
import type { App } from '../types/app';
import { buildScenario } from './blueprint';
import { checkTimezone, runScenarioWith, type RunDeps } from './run';
import type { ScenarioOptions, ScenarioRun } from './types';

export interface ScheduleOptions extends ScenarioOptions {
  /** Interval: `15m`, `1h`, `30s`, `500ms`, `1d` (a bare number is minutes). */
  every: string;
  /** Called when a run throws instead of finishing (it counts as a failed run). */
  onRunError?: (err: unknown) => void;
  /** Called once when the schedule deactivates itself (not on stop()). */
  onDeactivate?: (reason: string) => void;
}

export interface Schedule {
  stop(): Promise<void>;
  /** Resolves when the schedule has ended (stopped or deactivated). */
  done: Promise<void>;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseInterval(every: string): number {
  // Trimmed first: `\s*` on both sides of the optional unit backtracks quadratically (issue 16).
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(every.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] ?? 'm'] : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new InvalidConfigurationError(`Invalid interval "${every}": use e.g. 15m, 1h, 30s`);
  return ms;
}

export interface ScheduleDeps extends RunDeps {
  /**
   * Finishes the due incomplete executions of this scenario's earlier runs (what a run left when it was
   * interrupted or stopped with items still to do): each tick does it before it runs the scenario.
   */
  retryDue?: (signal: AbortSignal) => Promise<unknown>;
}

export function scheduleScenarioWith(
  app: App,
  blueprint: unknown,
  options: ScheduleOptions,
  deps: ScheduleDeps,
): Schedule {
  const interval = parseInterval(options.every);
  const model = buildScenario(app, blueprint); // a bad blueprint fails now, not at the first tick
  checkTimezone(options.timezone ?? 'UTC');
  const controller = new AbortController();
  const { every: _every, onRunError, onDeactivate, signal: outer, ...runOptions } = options;
  let timer: NodeJS.Timeout | undefined;
  let consecutiveErrors = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let current: Promise<void> = Promise.resolve();

  const end = (reason?: string) => {
    if (controller.signal.aborted) return;
    controller.abort();
    if (timer) clearTimeout(timer);
    if (reason) onDeactivate?.(reason);
    void current.then(finish);
  };

  const tick = async () => {
    timer = undefined;
    const started = Date.now();
    let run: ScenarioRun | undefined;
    try {
      if (deps.retryDue && runOptions.scenarioKey !== undefined && runOptions.history !== false)
        await deps.retryDue(controller.signal).catch((err: unknown) => onRunError?.(err));
      if (controller.signal.aborted) return;
      run = await runScenarioWith(
        app,
        blueprint,
        { ...runOptions, signal: controller.signal, runId: undefined },
        deps,
      );
      consecutiveErrors = run.status === 'error' ? consecutiveErrors + 1 : 0;
    } catch (err) {
      consecutiveErrors += 1;
      onRunError?.(err);
      if (err instanceof InvalidConfigurationError)
        return end(`the scenario failed with ${err.name}: ${err.message}`);
    }
    if (consecutiveErrors >= model.maxErrors) return end(`${consecutiveErrors} consecutive runs failed`);
    if (controller.signal.aborted) return;
    timer = setTimeout(() => (current = tick()), Math.max(0, interval - (Date.now() - started)));
  };

  if (outer) {
    if (outer.aborted) controller.abort();
    else outer.addEventListener('abort', () => end(), { once: true });
  }
  current = tick();

  return {
    done,
    async stop() {
      end();
      await done;
    },
  };
}
