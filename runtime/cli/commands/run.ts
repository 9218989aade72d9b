import { api } from '../api';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { note, printResult } from '../helpers/output';
import { readParameters } from '../helpers/params';
import { resolveTarget } from '../helpers/target';
import { verboseLogger } from '../helpers/verbose';
import { UsageError } from '../errors';

/** `run MODULE`: one module through the engine; prints its bundles (or, with --dry-run, its requests). */
export const runCommand: Command = {
  name: 'run',
  usage: 'run MODULE [--param k=v]... [--params FILE|-] [--dry-run]',
  summary: 'runs one module and prints its bundles',
  flags: [
    {
      name: 'param',
      value: 'k=v',
      repeatable: true,
      description: 'a parameter value (JSON when it parses, else text)',
    },
    { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
    { name: 'dry-run', description: 'render the requests, send nothing' },
  ],
  maxPositionals: 1,
  async run(ctx) {
    const moduleId = ctx.positionals[0];
    if (!moduleId) throw new UsageError('run needs a MODULE id (see `chartmogul-connector modules`)', 'run');
    const app = await api().loadApp(resolveAppDir(ctx));
    const parameters = await readParameters(ctx);
    const target = await resolveTarget(ctx, app.dir);
    try {
      const logger = verboseLogger(ctx);
      const result = await api().runModule(app, moduleId, {
        parameters,
        connection: target.connection,
        ...(target.target ? { target: target.target } : {}),
        ...(ctx.has('dry-run') ? { dryRun: true } : {}),
        ...(logger ? { logger } : {}),
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
    } finally {
      await target.close();
    }
  },
};
