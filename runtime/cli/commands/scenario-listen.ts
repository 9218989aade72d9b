/**
 * `scenario BLUEPRINT --listen`: serves the scenario's hook without the workbench page and runs the
 * scenario once per delivered item until Ctrl-C (which lets the run in flight finish). The hook's URL
 * is printed on stderr for people (it is the credential, so `--json` output masks it).
 */
import { api } from '../api';
import type { CommandContext, FlagSpec } from '../command';
import { EXIT, UsageError } from '../errors';
import { note, printJson } from '../helpers/output';
import type { ResolvedTarget } from '../helpers/target';
import type { App, ScenarioOptions, ScenarioRun } from '../../index';
import { checkedPublicUrl } from './hooks';
import { exitCodeOf, runHeadline } from './scenario-output';

export const LISTEN_FLAGS: FlagSpec[] = [
  {
    name: 'listen',
    description: "serve the scenario's hook and run it for each delivered item (Ctrl-C stops)",
  },
  { name: 'port', value: 'N', description: 'with --listen: the port (default 8080)' },
  {
    name: 'public-url',
    value: 'URL',
    description: 'with --listen: the origin senders reach the hook at (a tunnel)',
  },
];

/** --port and --public-url belong to --listen, which runs neither once nor on a schedule. */
export function checkListenFlags(ctx: CommandContext): void {
  const listening = ctx.has('listen');
  for (const flag of ['port', 'public-url'])
    if (!listening && ctx.has(flag)) throw new UsageError(`--${flag} goes with --listen`, 'scenario');
  for (const flag of ['every', 'dry-run'])
    if (listening && ctx.has(flag))
      throw new UsageError(`--listen runs per delivery: it does not take --${flag}`, 'scenario');
}

export async function listen(
  ctx: CommandContext,
  app: App,
  blueprint: unknown,
  options: ScenarioOptions,
  target: ResolvedTarget,
): Promise<number> {
  const portText = ctx.flag('port');
  const port = portText === undefined ? 8080 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected a port number, got ${portText}`, 'scenario');
  const publicUrl = ctx.flag('public-url');
  const runs: ScenarioRun[] = [];
  const listener = await api().listenScenario(app, blueprint, {
    ...options,
    port,
    ...(publicUrl !== undefined ? { publicUrl: checkedPublicUrl(publicUrl) } : {}),
    ...(target.hookRegistrar ? { registrar: target.hookRegistrar } : {}),
    onEvent: (e) => {
      if (e.type !== 'run:end') return;
      runs.push(e.run);
      if (!ctx.json) ctx.io.stdout.write(`${new Date().toISOString()}  ${runHeadline(e.run)}\n`);
    },
    onRunError: (err) =>
      note(ctx, `a delivered item could not run: ${err instanceof Error ? err.message : String(err)}`),
  });
  const hook = listener.hooks[0];
  if (!ctx.json) {
    note(ctx, `Listening at ${hook.url} via ${target.description}; Ctrl-C stops after the run in flight.`);
    const registered = api()
      .listHooks(options.historyPath ? { historyPath: options.historyPath } : { appDir: app.dir })
      .find((h) => h.id === hook.id);
    if (registered && registered.url !== hook.url)
      note(
        ctx,
        target.hookRegistrar && !registered.attached
          ? `The embedded sandbox delivers to this listener while it runs (the hook's own URL is ${registered.url}).`
          : `Note: the service was given ${registered.url}; deliveries must reach this listener there.`,
      );
  }
  const signal = ctx.io.signal;
  await new Promise<void>((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await listener.stop();
  if (ctx.json) printJson(ctx, { runs });
  return runs.length === 0 ? EXIT.ok : exitCodeOf(runs);
}
