import { api } from '../api';
import { API_FLAGS, HISTORY_FLAG } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { historyOption } from '../helpers/history';
import { formatTable, note, printResult } from '../helpers/output';
import { parseParamFlag } from '../helpers/params';
import { KEY_FLAG, readBlueprintFile, scenarioKeyOf } from '../helpers/scenario-key';
import { engineOptions, withTarget } from '../helpers/target';
import type { HookInfo } from '../../index';

/** The history the command works on: `--history FILE` / CHARTMOGUL_HISTORY, else the app folder's. */
type Where = { historyPath?: string; appDir: string };

/** Where `scenario --listen` serves by default: hook URLs made with no --public-url point there. */
export const DEFAULT_LISTEN_ORIGIN = 'http://127.0.0.1:8080';

/**
 * `hooks`: lists the hooks, `hooks create BLUEPRINT` makes one for the scenario (running the webhook's
 * attach), `hooks delete ID` removes one (running its detach). The one command that shows hook ids
 * and URLs in full: they are the hooks' credentials.
 */
export const hooksCommand: Command = {
  name: 'hooks',
  usage: 'hooks [create BLUEPRINT [--public-url URL] [--param k=v]... | delete ID]',
  summary: 'lists, creates (attach) and deletes (detach) the hooks of instant triggers',
  flags: [
    KEY_FLAG,
    {
      name: 'public-url',
      value: 'URL',
      description: `the origin the service reaches the hook at, e.g. a tunnel (default ${DEFAULT_LISTEN_ORIGIN})`,
    },
    { name: 'param', value: 'k=v', repeatable: true, description: 'a parameter of the webhook (its params)' },
  ],
  commonFlags: [...API_FLAGS, HISTORY_FLAG],
  maxPositionals: 2,
  async run(ctx) {
    const [action, arg] = ctx.positionals;
    const appDir = resolveAppDir(ctx);
    const where = { ...historyOption(ctx), appDir };
    if (action === undefined) {
      if (ctx.has('key') || ctx.has('public-url') || ctx.has('param'))
        throw new UsageError('--key, --public-url and --param go with `hooks create`', 'hooks');
      const hooks = api().listHooks(where);
      printResult(ctx, hooks, () =>
        hooks.length === 0 ? ['No hooks yet: `hooks create BLUEPRINT` makes one.'] : hookTable(hooks),
      );
      return EXIT.ok;
    }
    if (action === 'create') return createHook(ctx, where, arg);
    if (action === 'delete') return deleteHook(ctx, where, arg);
    throw new UsageError(`unknown action \`${action}\`: use create or delete`, 'hooks');
  },
};

function hookTable(hooks: HookInfo[]): string[] {
  return formatTable([
    ['ID', 'TYPE', 'ATTACHED', 'QUEUED', 'SCENARIO', 'URL'],
    ...hooks.map((h) => [h.id, h.type, h.attached ? 'yes' : 'no', String(h.queued), h.scenarioKey, h.url]),
  ]);
}

async function createHook(ctx: CommandContext, where: Where, file: string | undefined): Promise<number> {
  if (!file) throw new UsageError('hooks create needs a BLUEPRINT.json file', 'hooks');
  const blueprint = readBlueprintFile(ctx, file);
  const scenarioKey = scenarioKeyOf(ctx, file);
  const publicUrl = ctx.flag('public-url') ?? DEFAULT_LISTEN_ORIGIN;
  const parameters = Object.fromEntries(ctx.flagList('param').map((p) => parseParamFlag(p, 'hooks')));
  const app = await loadCommandApp(where.appDir);
  return withTarget(ctx, app, async (target) => {
    const hook = await api().createHook(app, blueprint, {
      ...engineOptions(ctx, target),
      ...where,
      scenarioKey,
      publicUrl: checkedPublicUrl(publicUrl),
      ...(Object.keys(parameters).length ? { parameters } : {}),
      ...(target.hookRegistrar ? { registrar: target.hookRegistrar } : {}),
    });
    printResult(ctx, hook, () => hookTable([hook]));
    if (!ctx.json) {
      const serve = `\`chartmogul-connector scenario ${file} --listen\``;
      note(
        ctx,
        hook.attached
          ? `The service was given ${hook.url}; serve it with ${serve}.`
          : target.hookRegistrar
            ? `This webhook has no attach: the embedded sandbox now delivers to ${hook.url} (with a real account, paste the URL into the service); serve it with ${serve}.`
            : `This webhook has no attach: paste ${hook.url} into the service, then run ${serve}.`,
      );
    }
    return EXIT.ok;
  });
}

async function deleteHook(ctx: CommandContext, where: Where, id: string | undefined): Promise<number> {
  if (!id) throw new UsageError('hooks delete needs the hook ID (see `chartmogul-connector hooks`)', 'hooks');
  if (
    !api()
      .listHooks(where)
      .some((h) => h.id === id)
  )
    throw new UsageError(`no hook ${id} (see \`chartmogul-connector hooks\`)`, 'hooks');
  const app = await loadCommandApp(where.appDir);
  return withTarget(ctx, app, async (target) => {
    const hook = await api().deleteHook(app, id, {
      ...engineOptions(ctx, target),
      ...where,
      ...(target.hookRegistrar ? { registrar: target.hookRegistrar } : {}),
    });
    printResult(ctx, hook, () => [
      `Deleted hook ${hook.id}${hook.attached ? ' (detached from the service)' : ''}.`,
    ]);
    return EXIT.ok;
  });
}

export function checkedPublicUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new UsageError(`--public-url: expected an http(s) URL, got ${url}`);
  }
  return url;
}
