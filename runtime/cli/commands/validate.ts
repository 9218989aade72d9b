import path from 'node:path';
import { api } from '../api';
import { APP_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { printJson, printLines } from '../helpers/output';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate [DIR]',
  summary:
    'checks the definitions against schemas/ and the cross-file rules, one `file: /pointer: message` line per problem',
  flags: [],
  commonFlags: APP_FLAGS,
  maxPositionals: 1,
  async run(ctx) {
    const dir =
      ctx.positionals[0] !== undefined ? path.resolve(ctx.io.cwd, ctx.positionals[0]) : resolveAppDir(ctx);
    const problems = await api().validateApp(dir);
    if (ctx.json) {
      printJson(ctx, { dir, valid: problems.length === 0, problems });
    } else if (problems.length === 0) {
      printLines(ctx, [`No problems in ${dir}`]);
    } else {
      printLines(
        ctx,
        problems.map((p) => api().formatProblem(p)),
      );
      ctx.io.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
    }
    return problems.length === 0 ? EXIT.ok : EXIT.usage;
  },
};
