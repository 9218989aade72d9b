/**
 * The scenario runner's public shapes (DESIGN.md: ScenarioOptions, ScenarioEvent, ScenarioRun) and
 * the one interface through which modules of the app run: the executor.
 */
import type { Logger, RetryOptions as EngineRetry } from '../communication';
import type { ConnectionOptions } from '../communication/connection-data';
import type { ScenarioNode } from './blueprint';

export type Bundle = Record<string, unknown>;

/**
 * Runs one app module once with the given parameters. The real one calls the engine's runModule
 * with `connection`: the run's connection, its saved data merged in (see connection.ts).
 */
export type ModuleExecutor = (
  node: ScenarioNode,
  parameters: Record<string, unknown>,
  connection?: ConnectionOptions,
) => Promise<ExecutorResult>;

export interface ExecutorResult {
  bundles: Bundle[];
  operations: number;
  /** Rendered requests (dry run). */
  requests?: unknown[];
  /** Served from a run's journal by a replay (replay.ts): nothing was sent. */
  replayed?: boolean;
}

export interface ScenarioOptions {
  /**
   * The key; `data` = the connection's saved `response.data`. Without `data`, a connection that
   * declares one is verified once per run to get it (see connection.ts).
   */
  connection?: ConnectionOptions;
  target?: string;
  /** The scenario's time zone (IML dates, `time:` filters). Default UTC. */
  timezone?: string;
  /** Fixes `now` for IML and the run's clock (incomplete executions' retry times). */
  now?: Date;
  /** Validate the blueprint and render the first module's requests; nothing is sent or stored. */
  dryRun?: boolean;
  limits?: { maxRequests?: number; maxPages?: number; maxRecords?: number } | false;
  /** The engine's HTTP retry policy for every module (default: the engine's). */
  retry?: EngineRetry | false;
  /** Aborting stops the run after the trigger bundle in flight has gone all the way through. */
  signal?: AbortSignal;
  runId?: string;
  /**
   * The scenario's identity (DESIGN "Scenario identity"): the blueprint file's real path on the CLI or
   * `--key NAME`, the saved scenario's id in the page. Trigger state and hooks hang off it.
   */
  scenarioKey?: string;
  /** Store the run in the history (default true). */
  history?: boolean;
  /** The history database file (default `<app dir>/.sandbox/history.db`). */
  historyPath?: string;
  onEvent?: (e: ScenarioEvent) => void;
  /** Progress for bars: how many of the first module's bundles have gone all the way through. */
  onProgress?: (done: number, total: number) => void;
  /** Sanitized request/response events of the engine (for --verbose). */
  logger?: Logger;
}

export type ScenarioEvent =
  | { type: 'module:start'; moduleId: string }
  | { type: 'bundle'; moduleId: string; input: unknown; output: unknown }
  | { type: 'module:end'; moduleId: string; operations: number; error?: ScenarioError }
  | { type: 'run:end'; run: ScenarioRun };

export interface ScenarioError {
  /** Make's error type, e.g. ConnectionError. */
  type: string;
  message: string;
}

export interface RetrySettings {
  enabled: boolean;
  /** Attempts allowed in total. */
  count: number;
  intervalMinutes: number;
}

/**
 * Whether an execution that did not complete took effect: `failed` — it did not (the service answered
 * with an error, or it never started); `unknown` — it may have (the request was sent and its reply was
 * lost, or the process ended while it ran). A retry of an `unknown` one that meets a DuplicateDataError
 * takes the write as applied (docs/decisions.md, "Run journal").
 */
export type ExecutionOutcome = 'failed' | 'unknown';

export interface IncompleteExecution {
  id?: string;
  /** The module that failed. */
  moduleId: string;
  /** The outputs of the modules before it, by module id: what the retry resumes from. */
  bundle: Record<string, Bundle>;
  error: ScenarioError;
  retry: RetrySettings;
  attempts?: number;
  nextAttemptAt?: string | null;
  /** `retrying`: a retry run has taken it and has not finished (yet, or ever: see that run). */
  status?: 'pending' | 'retrying' | 'resolved';
  outcome?: ExecutionOutcome;
}

/** One app module execution as the run journal records it (runner.ts → history/journal.ts). */
export interface StepRecord {
  moduleId: string;
  durationMs: number;
  operations: number;
  input: unknown;
  outputs: unknown[];
  error?: ScenarioError;
}

export interface ModuleSummary {
  id: string;
  module: string;
  operations: number;
  bundlesIn: number;
  bundlesOut: number;
  /** Time spent in the module's executions (ms, wall clock). */
  durationMs: number;
  errors: ScenarioError[];
  /** Present in getRun(): the module's input (mapped parameters) and output bundles, secrets masked. */
  inputs?: unknown[];
  outputs?: unknown[];
}

export interface ScenarioRun {
  id: string;
  name?: string;
  /**
   * `running`: the history's view of a run still being written; `interrupted`: it ended before it
   * finished (a stop request, a signal, or its process died), with an incomplete execution of type
   * ExecutionInterruptedError that a retry finishes it with.
   */
  status: 'success' | 'warning' | 'error' | 'interrupted' | 'running';
  operations: number;
  modules: ModuleSummary[];
  incomplete: IncompleteExecution[];
  startedAt: string;
  finishedAt: string;
  /** Why the run ended early, when it did (Commit, Rollback, an unhandled error, a stop request). */
  stoppedBy?: 'commit' | 'rollback' | 'error' | 'abort';
  /** The run whose incomplete executions this run retried. */
  retryOf?: string;
  /** Dry run only: the first module's rendered requests. */
  requests?: unknown[];
}

export interface ScenarioRunSummary {
  id: string;
  name: string;
  status: ScenarioRun['status'];
  operations: number;
  incomplete: number;
  startedAt: string;
  finishedAt: string;
  retryOf?: string;
}
