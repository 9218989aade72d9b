/**
 * A module's error (make-format.md §8.2): with no `onerror` route, Make's defaults; with one, the route
 * runs like any flow until a bundle reaches a directive (Ignore, Resume, Commit, Rollback, Break), and
 * the first directive reached decides. Kept apart from the flow walk, which it calls back into to run
 * the handler route and a Resume's substitute, so the walk reads as Make's execution model alone.
 */
import { ConnectionError, DuplicateDataError, RateLimitError } from '../errors';
import type { Directive, ScenarioNode } from './blueprint';
import { describeError, type ErrorFacts } from './error-facts';
import { passesFilter } from './filter';
import { mapValue, type MappingEnv } from './mapping';
import type { ModuleAccounting } from './module-accounting';
import type { ModuleExecution } from './module-execution';
import { retrySettings, type Failure, type RunOutcome } from './run-outcome';
import type { Context } from './runner';
import type { Bundle, ScenarioError } from './types';

/** Where in the flow a module failed: its place, and the context its bundle had there. */
interface FailedAt {
  flow: ScenarioNode[];
  index: number;
  node: ScenarioNode;
  context: Context;
}

/** The steps of the flow walk (ScenarioRunner's) that error handling continues with. */
export interface FlowWalk {
  /** Runs `flow[index]` for one bundle, then everything after it (a handler route). */
  runAt(flow: ScenarioNode[], index: number, context: Context): Promise<void>;
  /** Sends Resume's substitute down the flow after the failed module, as if that module had emitted it. */
  resumeWith(at: FailedAt, substitute: Bundle): Promise<void>;
}

/** An error handler route being run: the directive its bundle reached, with the context there. */
interface HandlerFrame {
  reached?: { node: ScenarioNode; context: Context };
}

export class ErrorHandling {
  /** Error handler routes being run, innermost last. */
  private readonly handlers: HandlerFrame[] = [];

  constructor(
    private readonly walk: FlowWalk,
    private readonly outcome: RunOutcome,
    private readonly executions: ModuleExecution,
    private readonly accounting: ModuleAccounting,
    private readonly env: MappingEnv,
  ) {}

  /** In an error handler route, once a directive is reached the error is decided: no further route runs. */
  get decided(): boolean {
    return this.handlers[this.handlers.length - 1]?.reached !== undefined;
  }

  /** Stops the run on an error, remembering where (a trigger's run keeps that item). */
  private halt(node: ScenarioNode, context: Context, error: ScenarioError, err: unknown): void {
    this.outcome.stop('error', failureAt(node, context, error, this.executions.factsAbout(err)));
  }

  /** A module's error: its handler route and the directive that route reaches, or Make's default. */
  async handle(
    flow: ScenarioNode[],
    index: number,
    node: ScenarioNode,
    context: Context,
    err: unknown,
    isTrigger: boolean,
  ): Promise<void> {
    const error = describeError(err);
    if (!node.onerror) {
      // No handler: Make's defaults (incomplete executions off).
      if (err instanceof DuplicateDataError) {
        this.outcome.warning = true;
      } else if (isTrigger && (err instanceof ConnectionError || err instanceof RateLimitError)) {
        // The service was unavailable on the first module: Make ends such a run with a warning.
        this.outcome.warning = true;
      } else {
        this.halt(node, context, error, err);
      }
      return;
    }
    // The handler route runs like any flow until the bundle reaches a directive (or ends: Ignore). The
    // directive maps with what the route produced on the way, besides the failed module's error.
    const handler: HandlerFrame = {};
    this.handlers.push(handler);
    try {
      await this.walk.runAt(node.onerror.route, 0, { ...context, [node.id]: { error } });
    } finally {
      this.handlers.pop();
    }
    if (this.outcome.halted) return;
    const reached = handler.reached;
    try {
      await this.applyDirective(reached?.node.directive ?? 'Ignore', reached?.node.directiveMapper ?? {}, {
        flow,
        index,
        node,
        context,
        handlerContext: reached?.context ?? context,
        error,
        facts: this.executions.factsAbout(err),
      });
    } catch (directiveError) {
      // The directive's own mapping failed (Resume's substitute, Break's retry settings): stop the run.
      this.accounting.of(node).errors.push(describeError(directiveError));
      this.halt(node, context, error, err);
    }
  }

  /** A bundle reached a directive in an error handler route: the first one reached decides. */
  reach(node: ScenarioNode, context: Context): void {
    const handler = this.handlers[this.handlers.length - 1];
    if (!handler || handler.reached) return;
    try {
      if (node.filter && !passesFilter(node.filter, context, this.env)) return;
    } catch {
      return; // a filter that cannot be read lets nothing through
    }
    handler.reached = { node, context };
  }

  private async applyDirective(
    directive: Directive,
    mapper: Record<string, unknown>,
    at: FailedAt & { handlerContext: Context; error: ScenarioError; facts?: ErrorFacts },
  ): Promise<void> {
    switch (directive) {
      case 'Ignore':
        return;
      case 'Commit':
        this.outcome.stoppedBy = 'commit';
        return;
      case 'Rollback':
        this.outcome.stop('rollback', failureAt(at.node, at.context, at.error, at.facts));
        return;
      case 'Resume': {
        const substitute = mapValue(mapper, at.handlerContext, this.env) as Bundle;
        await this.walk.resumeWith(at, substitute ?? {});
        return;
      }
      case 'Break': {
        if (at.facts?.applied) {
          // The write this retry repeated had landed before its reply was lost: retrying it again can
          // never succeed, so nothing is stored; the bundle ends here, as a DuplicateDataError does.
          this.outcome.warning = true;
          return;
        }
        const retry = retrySettings(mapValue(mapper, at.handlerContext, this.env));
        this.outcome.keepForRetry(failureAt(at.node, at.context, at.error, at.facts), retry);
        return;
      }
    }
  }
}

/** Where the run stopped, or what a Break keeps: the module that failed, with its context and error. */
function failureAt(node: ScenarioNode, context: Context, error: ScenarioError, facts?: ErrorFacts): Failure {
  return { node, context, error, outcome: facts?.outcome ?? 'failed' };
}
