import { api } from '../api';
import { HISTORY_FLAG } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { historyOption } from '../helpers/history';
import { note, printResult } from '../helpers/output';
import { KEY_FLAG, readBlueprintFile, scenarioKeyOf } from '../helpers/scenario-key';
import type { App, EpochChoice } from '../../index';

/**
 * `trigger state BLUEPRINT`: the polling trigger state kept under the scenario's key (DESIGN "Round 2
 * additions"); `--reset` forgets it (the next run polls every item), `--from DATE|ID` sets where the next
 * run starts: a date trigger's items since DATE, an id trigger's items after ID.
 */
export const triggerCommand: Command = {
  name: 'trigger',
  usage: 'trigger state BLUEPRINT [--reset | --from DATE|ID] [--key NAME]',
  summary: "shows, resets or sets a scenario's polling trigger state",
  flags: [
    KEY_FLAG,
    { name: 'reset', description: 'forget the state: the next run polls every item' },
    {
      name: 'from',
      value: 'DATE|ID',
      description:
        'start the next run from a date (date triggers: items since it) or an item id (items after it)',
    },
  ],
  commonFlags: ['app', HISTORY_FLAG],
  maxPositionals: 2,
  async run(ctx) {
    const [action, file] = ctx.positionals;
    if (action !== 'state') throw new UsageError('use `trigger state BLUEPRINT`', 'trigger');
    if (!file) throw new UsageError('trigger state needs a BLUEPRINT.json file', 'trigger');
    if (ctx.has('reset') && ctx.has('from'))
      throw new UsageError('--reset and --from do not go together', 'trigger');
    const key = scenarioKeyOf(ctx, file);
    const appDir = resolveAppDir(ctx);
    const where = { ...historyOption(ctx), appDir };
    if (ctx.has('reset')) {
      await api().setTriggerState(key, undefined, where);
    } else if (ctx.has('from')) {
      const app = await loadCommandApp(appDir);
      const state = api().startStateOf(
        app,
        triggerModuleOf(app, readBlueprintFile(ctx, file)),
        choiceOf(ctx.flag('from')!),
      );
      await api().setTriggerState(key, state as Record<string, unknown>, where);
    }
    const state = (await api().getTriggerState(key, where)) ?? null;
    printResult(ctx, { key, state }, () => [
      state === null ? 'No state: the next run polls every item.' : JSON.stringify(state, null, 2),
    ]);
    if (!ctx.json) note(ctx, `scenario key: ${key}`);
    return EXIT.ok;
  },
};

/** The blueprint's first module, which must be a polling trigger of the app. */
function triggerModuleOf(app: App, blueprint: unknown): string {
  const trigger = api().scenarioTrigger(app, blueprint);
  if (trigger?.type !== 'trigger')
    throw new UsageError('the blueprint does not start with a polling trigger of this app', 'trigger');
  return trigger.moduleId;
}

/** `--from`: a date reads as "since"; anything else is an item id (a number when it is one). */
function choiceOf(text: string): EpochChoice {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return { type: 'since', date: text };
  return { type: 'item', id: /^\d+$/.test(text) ? Number(text) : text };
}
