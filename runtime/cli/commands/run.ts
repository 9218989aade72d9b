import { api } from '../api';
import { API_FLAGS } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { requireKnownId } from '../helpers/known-id';
import { note, printResult } from '../helpers/output';
import { PARAMETER_FLAGS, readParameters } from '../helpers/params';
import { engineOptions, withTarget } from '../helpers/target';

/** `run MODULE`: one module through the engine; prints its bundles (or, with --dry-run, its requests). */
export const runCommand: Command = {
  name: 'run',
  usage: 'run MODULE [--param k=v]... [--params FILE|-] [--dry-run] [--state JSON]',
  summary: 'runs one module and prints its bundles (a trigger: one poll, and the state it leaves)',
  flags: [
    ...PARAMETER_FLAGS,
    { name: 'dry-run', description: 'render the requests, send nothing' },
    {
      name: 'state',
      value: 'JSON',
      description:
        'a trigger\'s stored state to poll from, e.g. \'{"lastDate":"2026-01-01T00:00:00Z"}\' (default: none, all items)',
    },
  ],
  commonFlags: API_FLAGS,
  maxPositionals: 1,
  async run(ctx) {
    const moduleId = ctx.positionals[0];
    if (!moduleId) throw new UsageError('run needs a MODULE id (see `chartmogul-connector modules`)', 'run');
    const app = await loadCommandApp(resolveAppDir(ctx));
    requireKnownId('module', moduleId, app.modules, 'run');
    const parameters = await readParameters(ctx);
    const module = app.modules.find((m) => m.id === moduleId)!;
    if (ctx.has('state') && module.type !== 'trigger')
      throw new UsageError(
        `--state is a polling trigger's; ${moduleId} is ${module.type === 'action' ? 'an' : 'a'} ${module.type}`,
        'run',
      );
    if (module.type === 'trigger') return pollOnce(ctx, app, moduleId, parameters);
    return withTarget(ctx, app, async (target) => {
      const result = await api().runModule(app, moduleId, {
        parameters,
        ...engineOptions(ctx, target),
        ...(ctx.has('dry-run') ? { dryRun: true } : {}),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      });
      return printRun(
        ctx,
        result,
        `${result.bundles.length} bundle(s) from ${moduleId} via ${target.description}`,
      );
    });
  },
};

/** `run TRIGGER`: one poll from `--state` (or none); prints the new items and the state to store. */
function pollOnce(
  ctx: CommandContext,
  app: Awaited<ReturnType<ReturnType<typeof api>['loadApp']>>,
  moduleId: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  const state = stateFlag(ctx);
  return withTarget(ctx, app, async (target) => {
    const result = await api().runTrigger(app, moduleId, {
      parameters,
      ...engineOptions(ctx, target),
      ...(state ? { state } : {}),
      ...(ctx.has('dry-run') ? { dryRun: true } : {}),
      ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
    });
    return printRun(
      ctx,
      result,
      `${result.bundles.length} new item(s) from ${moduleId} via ${target.description}; state after: ${JSON.stringify(result.state)}`,
    );
  });
}

/** A run's bundles (or, with --dry-run, its requests), then `summary` for people on stderr. */
function printRun(
  ctx: CommandContext,
  result: { bundles: unknown[]; requests: { method: string; url: string; curl?: string }[] },
  summary: string,
): number {
  if (ctx.has('dry-run')) {
    printResult(ctx, result, () =>
      result.requests.flatMap((r) => [`${r.method} ${r.url}`, r.curl ?? '', '']),
    );
  } else {
    printResult(ctx, result, () => [JSON.stringify(result.bundles, null, 2)]);
    if (!ctx.json) note(ctx, summary);
  }
  return EXIT.ok;
}

function stateFlag(ctx: CommandContext): Record<string, unknown> | undefined {
  const text = ctx.flag('state');
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--state is not JSON: ${(err as Error).message}`, 'run');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError('--state must be a JSON object, e.g. {"lastID": 42}', 'run');
  return value as Record<string, unknown>;
}
