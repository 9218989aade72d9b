import { api } from '../api';
import { API_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { requireKnownId } from '../helpers/known-id';
import { note, printResult } from '../helpers/output';
import { PARAMETER_FLAGS, readParameters } from '../helpers/params';
import { engineOptions, withTarget } from '../helpers/target';

/** `run MODULE`: one module through the engine; prints its bundles (or, with --dry-run, its requests). */
export const runCommand: Command = {
  name: 'run',
  usage: 'run MODULE [--param k=v]... [--params FILE|-] [--dry-run]',
  summary: 'runs one module and prints its bundles',
  flags: [...PARAMETER_FLAGS, { name: 'dry-run', description: 'render the requests, send nothing' }],
  commonFlags: API_FLAGS,
  maxPositionals: 1,
  async run(ctx) {
    const moduleId = ctx.positionals[0];
    if (!moduleId) throw new UsageError('run needs a MODULE id (see `chartmogul-connector modules`)', 'run');
    const app = await api().loadApp(resolveAppDir(ctx));
    requireKnownId('module', moduleId, app.modules, 'run');
    const parameters = await readParameters(ctx);
    return withTarget(ctx, app, async (target) => {
      const result = await api().runModule(app, moduleId, {
        parameters,
        ...engineOptions(ctx, target),
        ...(ctx.has('dry-run') ? { dryRun: true } : {}),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      });
      if (ctx.has('dry-run')) {
        printResult(ctx, result, () => result.requests.flatMap((r) => [`${r.method} ${r.url}`, r.curl, '']));
      } else {
        printResult(ctx, result, () => [JSON.stringify(result.bundles, null, 2)]);
        if (!ctx.json)
          note(ctx, `${result.bundles.length} bundle(s) from ${moduleId} via ${target.description}`);
      }
      return EXIT.ok;
    });
  },
};
