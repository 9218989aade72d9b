/**
 * Each module's counters for the run's summary (operations, bundles in and out, time, errors) and, for
 * the history, the inputs and outputs of built-in modules. Kept apart so the flow walk, the module
 * execution and the error handling all count into one place without each knowing the summary's shape.
 */
import type { ScenarioNode } from './blueprint';
import type { Bundle, ModuleSummary, ScenarioEvent } from './types';

export interface ModuleStats extends ModuleSummary {
  inputs: unknown[];
  outputs: unknown[];
}

export class ModuleAccounting {
  private readonly stats = new Map<string, ModuleStats>();

  constructor(
    nodes: Iterable<ScenarioNode>,
    /** Keep built-in modules' inputs and outputs (app modules' go to the journal). */
    private readonly recordBundles: boolean,
    private readonly onEvent?: (e: ScenarioEvent) => void,
  ) {
    for (const node of nodes) {
      this.stats.set(node.id, {
        id: node.id,
        module: node.module,
        operations: 0,
        bundlesIn: 0,
        bundlesOut: 0,
        durationMs: 0,
        errors: [],
        inputs: [],
        outputs: [],
      });
    }
  }

  of(node: ScenarioNode): ModuleStats {
    return this.stats.get(node.id) as ModuleStats;
  }

  /** A built-in module's mapped input, kept for the history. */
  input(node: ScenarioNode, params: Record<string, unknown>): void {
    if (this.recordBundles && node.kind !== 'app') this.of(node).inputs.push(params);
  }

  /** A bundle the module emitted: counted, kept (built-in modules) and told to the run's listener. */
  output(node: ScenarioNode, input: unknown, output: Bundle): void {
    const stats = this.of(node);
    stats.bundlesOut += 1;
    if (this.recordBundles && node.kind !== 'app') stats.outputs.push(output);
    this.onEvent?.({ type: 'bundle', moduleId: node.id, input, output });
  }

  /** Every module's summary, in the model's order; inputs and outputs only when they are kept. */
  summaries(): ModuleSummary[] {
    return [...this.stats.values()].map((s) =>
      this.recordBundles
        ? { ...s, durationMs: Math.round(s.durationMs) }
        : {
            id: s.id,
            module: s.module,
            operations: s.operations,
            bundlesIn: s.bundlesIn,
            bundlesOut: s.bundlesOut,
            durationMs: Math.round(s.durationMs),
            errors: s.errors,
          },
    );
  }
}
