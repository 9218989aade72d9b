/**
 * Scenario runs in progress (and recently finished) in this server process: their events, kept so a
 * late subscriber to /api/runs/:id/events gets what already happened, then the rest as it comes.
 * Bounded: the oldest finished runs are forgotten (their history stays in listRuns/getRun), and a
 * run's bundle events stop carrying data after a cap so one huge run cannot exhaust memory.
 */

export interface LiveEvent {
  /** Sequence number within the run (the SSE `id`, so a reconnecting EventSource resumes). */
  seq: number;
  type: string;
  data: unknown;
}

type Listener = (event: LiveEvent) => void;

const MAX_RUNS = 50;
const MAX_BUNDLE_EVENTS = 2000;

export class LiveRun {
  readonly events: LiveEvent[] = [];
  finished = false;
  private readonly listeners = new Set<Listener>();
  private bundleEvents = 0;

  constructor(
    readonly id: string,
    readonly startedAt: string,
  ) {}

  push(type: string, data: unknown): void {
    if (this.finished) return;
    if (type === 'bundle' && ++this.bundleEvents > MAX_BUNDLE_EVENTS) {
      const moduleId = (data as { moduleId?: unknown }).moduleId;
      data = { moduleId, truncated: true };
    }
    const event: LiveEvent = { seq: this.events.length, type, data };
    this.events.push(event);
    if (type === 'run:end' || type === 'run:error') this.finished = true;
    for (const listener of this.listeners) listener(event);
  }

  /** Replays events after `afterSeq`, then follows; returns the unsubscribe function. */
  subscribe(listener: Listener, afterSeq = -1): () => void {
    for (const event of this.events) if (event.seq > afterSeq) listener(event);
    if (this.finished) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A summary while the run is going: per module, what has happened so far. */
  progress(): { id: string; status: 'running'; startedAt: string; modules: Record<string, unknown>[] } {
    const modules = new Map<string, { id: string; operations: number; bundles: number; state: string }>();
    for (const { type, data } of this.events) {
      const moduleId = String((data as { moduleId?: unknown }).moduleId ?? '');
      if (!moduleId) continue;
      const m = modules.get(moduleId) ?? { id: moduleId, operations: 0, bundles: 0, state: 'running' };
      if (type === 'bundle') m.bundles += 1;
      if (type === 'module:end') {
        m.operations += Number((data as { operations?: unknown }).operations ?? 0);
        m.state = (data as { error?: unknown }).error ? 'error' : 'done';
      }
      modules.set(moduleId, m);
    }
    return { id: this.id, status: 'running', startedAt: this.startedAt, modules: [...modules.values()] };
  }
}

export class LiveRuns {
  private readonly runs = new Map<string, LiveRun>();

  create(id: string): LiveRun {
    const run = new LiveRun(id, new Date().toISOString());
    this.runs.set(id, run);
    this.forgetOld();
    return run;
  }

  get(id: string): LiveRun | undefined {
    return this.runs.get(id);
  }

  running(): LiveRun[] {
    return [...this.runs.values()].filter((r) => !r.finished);
  }

  private forgetOld(): void {
    for (const [id, run] of this.runs) {
      if (this.runs.size <= MAX_RUNS) break;
      if (run.finished) this.runs.delete(id);
    }
  }
}
