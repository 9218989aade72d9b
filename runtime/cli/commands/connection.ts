import { api } from '../api';
import { API_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { printResult } from '../helpers/output';
import { engineOptions, withTarget } from '../helpers/target';

/** `connection test`: sends the connection's verification request and prints its label. */
export const connectionCommand: Command = {
  name: 'connection',
  usage: 'connection test',
  summary: 'verifies the connection and prints its label',
  flags: [],
  commonFlags: API_FLAGS,
  maxPositionals: 1,
  async run(ctx) {
    if (ctx.positionals[0] !== 'test')
      throw new UsageError('the only connection subcommand is `connection test`', 'connection');
    const app = await loadCommandApp(resolveAppDir(ctx));
    return withTarget(ctx, app, async (target) => {
      const result = await api().verifyConnection(app, {
        ...engineOptions(ctx, target),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      });
      printResult(ctx, result, () => [
        `Connection OK${result.label ? `: ${result.label}` : ''} (${target.description})`,
      ]);
      return EXIT.ok;
    });
  },
};
