import { APP_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { formatTable, printResult } from '../helpers/output';

export const modulesCommand: Command = {
  name: 'modules',
  usage: 'modules',
  summary: 'lists the modules: id, label, type',
  flags: [],
  commonFlags: APP_FLAGS,
  maxPositionals: 0,
  async run(ctx) {
    const app = await loadCommandApp(resolveAppDir(ctx));
    const modules = app.modules.map((m) => ({ id: m.id, label: m.label, type: m.type }));
    printResult(ctx, modules, () => formatTable(modules.map((m) => [m.id, m.label, m.type])));
    return EXIT.ok;
  },
};
