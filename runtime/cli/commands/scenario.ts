import fs from 'node:fs';
import path from 'node:path';
import { api } from '../api';
import { API_FLAGS, HISTORY_FLAG } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { note, printJson, printLines, printResult } from '../helpers/output';
import { historyFlagText, historyOption } from '../helpers/history';
import { createProgress } from '../helpers/progress';
import { engineOptions, resolveTarget } from '../helpers/target';
import { timezoneFlag } from '../helpers/timezone';
import type { ScenarioRun } from '../../index';
import { KEY_FLAG, scenarioKeyOf } from '../helpers/scenario-key';
import { checkListenFlags, LISTEN_FLAGS, listen } from './scenario-listen';
import { exitCodeOf, runHeadline, runLines } from './scenario-output';

/** `scenario BLUEPRINT.json`: runs a Make blueprint once, or with --every on an interval until stopped. */
export const scenarioCommand: Command = {
  name: 'scenario',
  usage:
    'scenario BLUEPRINT.json [--dry-run] [--every 15m] [--listen [--port N] [--public-url URL]] [--key NAME]',
  summary: 'runs a Make blueprint once, or on a schedule',
  flags: [
    { name: 'dry-run', description: "validate the blueprint and render the first module's requests" },
    {
      name: 'every',
      value: 'INTERVAL',
      description: 'run on a schedule, e.g. 15m, 1h (Ctrl-C stops after the bundle in flight)',
    },
    { name: 'timezone', value: 'TZ', description: "the scenario's time zone (default UTC)" },
    ...LISTEN_FLAGS,
    KEY_FLAG,
  ],
  commonFlags: [...API_FLAGS, HISTORY_FLAG],
  maxPositionals: 1,
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new UsageError('scenario needs a BLUEPRINT.json file', 'scenario');
    checkListenFlags(ctx);
    const blueprint = readBlueprint(ctx, file);
    const timezone = timezoneFlag(ctx);
    const app = await loadCommandApp(resolveAppDir(ctx));
    const target = await resolveTarget(ctx, app);
    // Trigger bundles carried all the way through the flow, out of those the first module emitted.
    const progress = createProgress(ctx, 'bundles');
    const options = {
      ...engineOptions(ctx, target),
      ...historyOption(ctx),
      ...(timezone ? { timezone } : {}),
      scenarioKey: scenarioKeyOf(ctx, file),
    };
    const onProgress = (done: number, total: number) => progress.update(done, total);
    try {
      if (ctx.has('dry-run')) {
        const run = await api().runScenario(app, blueprint, { ...options, dryRun: true });
        printResult(ctx, run, () => [
          `Blueprint OK: ${run.modules.length} module(s). First module's request(s):`,
          ...(run.requests as { method: string; url: string; curl?: string }[]).flatMap((r) => [
            `${r.method} ${r.url}`,
            ...(r.curl ? [r.curl] : []),
            '',
          ]),
        ]);
        return EXIT.ok;
      }
      if (ctx.has('listen')) return await listen(ctx, app, blueprint, options, target);
      const every = ctx.flag('every');
      if (every === undefined) {
        const run = await api().runScenario(app, blueprint, {
          ...options,
          onProgress,
          ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
        });
        progress.finish();
        printResult(ctx, run, () => runLines(run, historyFlagText(ctx)));
        if (!ctx.json)
          note(
            ctx,
            `via ${target.description}; history: chartmogul-connector history ${run.id}${historyFlagText(ctx)}`,
          );
        return exitCodeOf([run], ctx.io.signal?.reason);
      }
      return await runOnSchedule(ctx, app, blueprint, { ...options, every, onProgress }, () =>
        progress.finish(),
      );
    } catch (err) {
      progress.finish();
      if (err instanceof Error && err.name === 'BlueprintError') return reportBlueprintError(ctx, err);
      throw err;
    } finally {
      await target.close();
    }
  },
};

type App = Awaited<ReturnType<ReturnType<typeof api>['loadApp']>>;

async function runOnSchedule(
  ctx: CommandContext,
  app: App,
  blueprint: unknown,
  options: ScheduleOptions,
  endOfRun: () => void,
): Promise<number> {
  const runs: ScenarioRun[] = [];
  let deactivated: string | undefined;
  const schedule = startSchedule(app, blueprint, {
    ...options,
    onEvent: (e) => {
      if (e.type !== 'run:end') return;
      endOfRun();
      runs.push(e.run);
      if (!ctx.json) printLines(ctx, [`${new Date().toISOString()}  ${runHeadline(e.run)}`]);
    },
    onRunError: (err) => note(ctx, `run failed: ${err instanceof Error ? err.message : String(err)}`),
    onDeactivate: (reason) => (deactivated = reason),
  });
  if (!ctx.json) note(ctx, `Running every ${options.every}; Ctrl-C stops after the bundle in flight.`);
  const signal = ctx.io.signal;
  const stop = () => void schedule.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await schedule.done;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (ctx.json) printJson(ctx, { runs, ...(deactivated ? { deactivated } : {}) });
  if (deactivated) {
    note(ctx, `schedule deactivated: ${deactivated}`);
    return EXIT.error;
  }
  return exitCodeOf(runs, signal?.reason);
}

type ScheduleOptions = Parameters<ReturnType<typeof api>['scheduleScenario']>[2];

/**
 * scheduleScenario checks its options before the first run and throws InvalidConfigurationError
 * for one it cannot use. The blueprint is checked separately (BlueprintError) and the time zone
 * already was, so what is left is the interval: `--every` as typed, a usage mistake (exit 2).
 */
function startSchedule(app: App, blueprint: unknown, options: ScheduleOptions) {
  try {
    return api().scheduleScenario(app, blueprint, options);
  } catch (err) {
    if (err instanceof Error && err.name === 'InvalidConfigurationError')
      throw new UsageError(`--every: ${err.message}`, 'scenario');
    throw err;
  }
}

function readBlueprint(ctx: CommandContext, file: string): unknown {
  const full = path.resolve(ctx.io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new UsageError(`cannot read the blueprint ${file}`, 'scenario');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, 'scenario');
  }
}

/** A blueprint the runner cannot run is bad input: exit 2, one line per problem. */
function reportBlueprintError(ctx: CommandContext, err: Error): number {
  const problems = (err as Error & { problems?: string[] }).problems ?? [err.message];
  if (ctx.json) printJson(ctx, { error: { name: err.name, message: err.message, problems } });
  for (const p of problems) ctx.io.stderr.write(`chartmogul-connector: blueprint: ${p}\n`);
  return EXIT.usage;
}
