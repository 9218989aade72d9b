/** How scenario runs look on the command line: a summary line, a module table, incomplete executions. */
import type { ScenarioRun, ScenarioRunSummary } from '../../index';
import { EXIT } from '../errors';
import { signalExitCode } from '../io';
import { formatTable } from '../helpers/output';

/**
 * Exit code of finished runs: 0 success, 3 warnings (e.g. incomplete executions), 1 error; a run that
 * a signal interrupted, 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
 */
export function exitCodeOf(runs: Pick<ScenarioRun, 'status'>[], stopReason?: unknown): number {
  if (runs.some((r) => r.status === 'error')) return EXIT.error;
  if (runs.some((r) => r.status === 'interrupted')) return signalExitCode(stopReason);
  if (runs.some((r) => r.status === 'warning')) return EXIT.warnings;
  return EXIT.ok;
}

export function runHeadline(run: ScenarioRun): string {
  const incomplete = run.incomplete.filter((i) => i.status !== 'resolved').length;
  const parts = [`Run ${run.id}`, run.status, `${run.operations} operation(s)`];
  if (incomplete > 0) parts.push(`${incomplete} incomplete execution(s)`);
  if (run.stoppedBy) parts.push(`stopped by ${run.stoppedBy}`);
  if (run.retryOf) parts.push(`retry of ${run.retryOf}`);
  return parts.join(', ');
}

/** `historyFlag`: how the history was named on the command line (` --history FILE`), for the hint. */
export function runLines(run: ScenarioRun, historyFlag = ''): string[] {
  const lines = [runHeadline(run), ''];
  lines.push(
    // Named after ScenarioRun.modules[].id and .module (DESIGN.md): the blueprint's module id and the
    // module it runs (`app#chartmogul:listCustomers`), as the blueprint's flow calls them.
    ...formatTable([
      ['ID', 'MODULE', 'OPS', 'IN', 'OUT', 'TIME', 'ERRORS'],
      ...run.modules.map((m) => [
        m.id,
        m.module,
        String(m.operations),
        String(m.bundlesIn),
        String(m.bundlesOut),
        `${m.durationMs} ms`,
        m.errors.map((e) => `${e.type}: ${e.message}`).join('; '),
      ]),
    ]),
  );
  if (run.incomplete.length > 0) {
    lines.push('', 'Incomplete executions:');
    lines.push(
      ...formatTable([
        // MODULE ID: the blueprint id of the module that failed, the ID column of the table above.
        // OUTCOME: unknown when the execution may have taken effect (a lost reply, a process that died).
        ['ID', 'MODULE ID', 'STATUS', 'OUTCOME', 'ATTEMPTS', 'NEXT RETRY', 'ERROR'],
        ...run.incomplete.map((i) => [
          i.id ?? '',
          i.moduleId,
          i.status ?? 'pending',
          i.outcome ?? 'failed',
          String(i.attempts ?? 0),
          i.nextAttemptAt ?? (i.status === 'resolved' ? '' : 'manual'),
          `${i.error.type}: ${i.error.message}`,
        ]),
      ]),
    );
  }
  if (run.status === 'interrupted')
    lines.push(
      '',
      `Interrupted: finish it with \`chartmogul-connector history ${run.id} --retry${historyFlag}\`.`,
    );
  return lines;
}

export function runListLines(runs: ScenarioRunSummary[]): string[] {
  if (runs.length === 0) return ['No runs yet.'];
  return formatTable([
    ['RUN', 'STARTED', 'STATUS', 'OPS', 'INCOMPLETE', 'SCENARIO'],
    ...runs.map((r) => [
      r.id,
      r.startedAt,
      r.status,
      String(r.operations),
      String(r.incomplete),
      r.retryOf ? `${r.name} (retry of ${r.retryOf.slice(0, 8)})` : r.name,
    ]),
  ]);
}
