/** The history's rows and how they read back as the runner's shapes. */
import type {
  ExecutionOutcome,
  IncompleteExecution,
  ModuleSummary,
  ScenarioError,
  ScenarioRun,
} from '../types';

export interface StoredIncomplete extends IncompleteExecution {
  id: string;
  runId: string;
  attempts: number;
  nextAttemptAt: string | null;
  outcome: ExecutionOutcome;
}

/** What a retry run was asked to do: replay a run (its plan, with its journal), then resume these. */
export interface RunPlan {
  replay?: string;
  resume: string[];
}

export interface RunRow {
  id: string;
  name: string;
  status: ScenarioRun['status'];
  operations: number;
  started_at: string;
  finished_at: string;
  stopped_by: ScenarioRun['stoppedBy'] | null;
  retry_of: string | null;
  blueprint: string;
  writer_host: string | null;
  writer_pid: number | null;
  plan: string | null;
}

export interface IncompleteRow {
  id: string;
  run_id: string;
  module_id: string;
  context: string;
  error: string;
  retry: string;
  attempts: number;
  next_attempt_at: string | null;
  status: NonNullable<IncompleteExecution['status']>;
  outcome: ExecutionOutcome;
}

export interface ModuleRow {
  module_id: string;
  module: string;
  operations: number;
  bundles_in: number;
  bundles_out: number;
  duration_ms: number;
  errors: string;
  inputs: string;
  outputs: string;
}

export interface StepRow {
  seq: number;
  module_id: string;
  at: number;
  duration_ms: number;
  operations: number;
  input: string;
  outputs: string;
  outputs_count: number;
  error: string | null;
}

/** A journaled step as the replay reads it back. */
export interface JournaledStep {
  seq: number;
  moduleId: string;
  outputs: Record<string, unknown>[];
  error?: ScenarioError;
}

export function incompleteFromRow(r: IncompleteRow): StoredIncomplete {
  return {
    id: r.id,
    runId: r.run_id,
    moduleId: r.module_id,
    bundle: JSON.parse(r.context),
    error: JSON.parse(r.error),
    retry: JSON.parse(r.retry),
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    status: r.status,
    outcome: r.outcome,
  };
}

export function moduleFromRow(m: ModuleRow): ModuleSummary {
  return {
    id: m.module_id,
    module: m.module,
    operations: m.operations,
    bundlesIn: m.bundles_in,
    bundlesOut: m.bundles_out,
    durationMs: m.duration_ms,
    errors: JSON.parse(m.errors),
    inputs: JSON.parse(m.inputs),
    outputs: JSON.parse(m.outputs),
  };
}

/** The blueprint's modules in the runner's order (each, then its routes, then its handler), directives left out. */
export function blueprintModules(blueprint: unknown): { id: string; module: string }[] {
  const out: { id: string; module: string }[] = [];
  const walk = (flow: unknown): void => {
    if (!Array.isArray(flow)) return;
    for (const raw of flow) {
      if (typeof raw !== 'object' || raw === null) continue;
      const m = raw as { id?: unknown; module?: unknown; routes?: unknown; onerror?: unknown };
      if (typeof m.module !== 'string' || m.id === undefined) continue;
      if (!/^builtin:(Ignore|Resume|Commit|Rollback|Break)$/.test(m.module))
        out.push({ id: String(m.id), module: m.module });
      if (Array.isArray(m.routes)) for (const r of m.routes) walk((r as { flow?: unknown } | null)?.flow);
      walk(m.onerror);
    }
  };
  walk((blueprint as { flow?: unknown } | null)?.flow);
  return out;
}

/**
 * Module summaries of a run that has no end-of-run summary (running, or interrupted): counted from its
 * journaled steps, in the blueprint's order. Built-ins are not journaled and show zero.
 */
export function modulesFromSteps(blueprint: unknown, steps: StepRow[]): ModuleSummary[] {
  const byId = new Map<string, ModuleSummary>();
  for (const { id, module } of blueprintModules(blueprint))
    byId.set(id, { id, module, operations: 0, bundlesIn: 0, bundlesOut: 0, durationMs: 0, errors: [] });
  for (const s of steps) {
    let m = byId.get(s.module_id);
    if (!m) {
      m = {
        id: s.module_id,
        module: '',
        operations: 0,
        bundlesIn: 0,
        bundlesOut: 0,
        durationMs: 0,
        errors: [],
      };
      byId.set(s.module_id, m);
    }
    m.operations += s.operations;
    m.bundlesIn += 1;
    m.bundlesOut += s.outputs_count;
    m.durationMs += s.duration_ms;
    if (s.error) m.errors.push(JSON.parse(s.error));
  }
  return [...byId.values()];
}
