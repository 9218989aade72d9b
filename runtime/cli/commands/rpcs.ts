import { APP_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { formatTable, printResult } from '../helpers/output';

export const rpcsCommand: Command = {
  name: 'rpcs',
  usage: 'rpcs',
  summary: 'lists the RPCs (the options behind dynamic select fields): id, label, type',
  flags: [],
  commonFlags: APP_FLAGS,
  maxPositionals: 0,
  async run(ctx) {
    const app = await loadCommandApp(resolveAppDir(ctx));
    // RPCs have no type of their own in Make; "rpc" keeps the columns of `modules`.
    const rpcs = app.rpcs.map((r) => ({ id: r.id, label: r.label, type: 'rpc' }));
    printResult(ctx, rpcs, () => formatTable(rpcs.map((r) => [r.id, r.label, r.type])));
    return EXIT.ok;
  },
};
