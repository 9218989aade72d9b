import { api } from '../api';
import { API_FLAGS, HISTORY_FLAG } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { historyFlagText, historyOption } from '../helpers/history';
import { note, printResult } from '../helpers/output';
import { engineOptions, withTarget } from '../helpers/target';
import { exitCodeOf, runHeadline, runLines, runListLines } from './scenario-output';

/** `history [RUN] [--retry]`: the run history of the app folder (`.sandbox/history.db`), or `--history FILE`. */
export const historyCommand: Command = {
  name: 'history',
  usage: 'history [RUN] [--retry] [--limit N]',
  summary: 'lists runs, shows one, retries its due incomplete executions',
  flags: [
    {
      name: 'retry',
      description: 'retry the due incomplete executions (of RUN, or of every run when RUN is omitted)',
    },
    { name: 'limit', value: 'N', description: 'how many runs to list (default 20)' },
  ],
  commonFlags: [...API_FLAGS, HISTORY_FLAG],
  maxPositionals: 1,
  async run(ctx) {
    const appDir = resolveAppDir(ctx);
    const file = historyOption(ctx);
    // Where runs are read: the file named, else the app folder's.
    const where = file.historyPath ? file : { appDir };
    const runArg = ctx.positionals[0];
    const runId = runArg === undefined ? undefined : await resolveRunId(runArg, where);

    if (ctx.has('retry')) {
      const app = await loadCommandApp(appDir);
      return withTarget(ctx, app, async (target) => {
        const runs = await api().retryIncomplete(app, {
          ...engineOptions(ctx, target),
          ...file,
          ...(runId ? { runId } : {}),
          // Ctrl-C / SIGTERM: the bundle in flight finishes and the retry run ends interrupted.
          ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
        });
        printResult(ctx, runs, () =>
          runs.length === 0
            ? ['Nothing is due for a retry.']
            : runs.flatMap((run) =>
                run.status === 'interrupted' ? runLines(run, historyFlagText(ctx)) : [runHeadline(run)],
              ),
        );
        return exitCodeOf(runs, ctx.io.signal?.reason);
      });
    }
    if (runId !== undefined) {
      const run = await api().getRun(runId, where);
      printResult(ctx, run, () => runLines(run, historyFlagText(ctx)));
      return EXIT.ok;
    }
    const limitText = ctx.flag('limit');
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit <= 0)
      throw new UsageError(`--limit: expected a positive whole number, got ${limitText}`, 'history');
    const runs = await api().listRuns({ ...where, limit });
    printResult(ctx, runs, () => runListLines(runs));
    if (!ctx.json && runs.length > 0)
      note(ctx, 'Show one with `chartmogul-connector history RUN` (an id prefix is enough).');
    return EXIT.ok;
  },
};

/**
 * The full id of a run named by its id or a unique prefix. An unknown run, or a prefix several runs
 * share, is bad input (exit 2); for the latter the message lists some of the runs it matches.
 */
async function resolveRunId(
  idOrPrefix: string,
  where: { appDir: string } | { historyPath?: string },
): Promise<string> {
  try {
    return (await api().getRun(idOrPrefix, where)).id;
  } catch (err) {
    // getRun's message already lists the matching ids.
    if (Array.isArray((err as { matches?: unknown }).matches))
      throw new UsageError(`${(err as Error).message} (give more of the id)`, 'history');
    throw new UsageError(
      `no run ${idOrPrefix} in the history (list them with \`chartmogul-connector history\`)`,
      'history',
    );
  }
}
