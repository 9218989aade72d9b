/**
 * Creating and deleting hooks (make-format.md §4.6; DESIGN "Webhooks"): a hook belongs to one scenario
 * (its scenario key) whose first module is an instant trigger. Creating one gives it an unguessable id
 * and URL and runs the webhook's attach (its saved data kept with the hook), so the URL never changes
 * across restarts; deleting one runs detach. A webhook without attach leaves the URL for the user to
 * paste into the service, or gives it to a registrar (an embedded emulator of the service). A shared
 * webhook (web-shared) has one URL for every hook of it.
 */
import type * as Communication from '../../communication';
import type { ConnectionOptions } from '../../communication/connection-data';
import { trimTrailingSlashes } from '../../communication/encode';
import { InvalidConfigurationError } from '../../errors';
import { setOwn } from '../../iml/values';
import type { App } from '../../types/app';
import { buildScenario, BlueprintError } from '../blueprint';
import { historyPathOf, type HistoryOptions } from '../history/queries';
import { openHistory } from '../history/store';
import { HookStore, newHookId, type HookRow } from './store';
import { triggerOf } from '../triggers/trigger-node';

/**
 * A service standing in for the app's API on this machine (an embedded emulator) that delivers to hook
 * URLs it is given. Where the webhook has no attach (the real service's URL is pasted by the user), the
 * caller that knows the connection is such a service passes one: creating a hook gives it the URL,
 * deleting the hook takes the URL back (docs/decisions.md "Contract (embedded hook registration)").
 */
export interface HookRegistrar {
  /** Makes the service deliver to `url`; true when it did not already. */
  register(url: string): Promise<boolean>;
  /** Stops its deliveries to `url` (nothing when it had none). */
  unregister(url: string): Promise<unknown>;
}

export interface HookOptions {
  /** The service that takes hook URLs of webhooks without attach (an embedded emulator); else none. */
  registrar?: HookRegistrar;
  /** The run history holding the hooks (or the app folder whose default history it is). */
  historyPath?: string;
  appDir?: string;
  connection?: ConnectionOptions;
  target?: string;
  logger?: Communication.Logger;
  timezone?: string;
}

export interface CreateHookOptions extends HookOptions {
  /** The scenario the hook belongs to (DESIGN "Scenario identity"). */
  scenarioKey: string;
  /** The origin the hook is served at, as the service reaches it (e.g. a tunnel's URL). */
  publicUrl: string;
  /** The hook's parameters (the webhook's params), over those the blueprint's trigger module carries. */
  parameters?: Record<string, unknown>;
}

/** A hook as `hooks` lists it: its id and URL in full (the credential), never its saved data. */
export interface HookInfo {
  id: string;
  url: string;
  scenarioKey: string;
  app: string;
  webhook: string;
  module: string;
  type: 'web' | 'web-shared';
  /** False when the webhook has no attach: the user pastes `url` into the service. */
  attached: boolean;
  createdAt: string;
  /** Delivered items waiting for their scenario run. */
  queued: number;
}

const engine = (): typeof Communication => require('../../communication') as typeof Communication;

/** The hooks of the history the options name; with neither a file nor a folder, the app folder's. */
function historyOf(app: App, options: HistoryOptions): HistoryOptions {
  return options.historyPath || options.appDir ? options : { appDir: app.dir };
}

export function hookStore(history: string | HistoryOptions): HookStore {
  return new HookStore(openHistory(typeof history === 'string' ? history : historyPathOf(history)));
}

export function hookInfo(row: HookRow, store: HookStore): HookInfo {
  return {
    id: row.id,
    url: row.url,
    scenarioKey: row.scenarioKey,
    app: row.app,
    webhook: row.webhook,
    module: row.module,
    type: row.type,
    attached: row.attached,
    createdAt: row.createdAt,
    queued: store.queued(row.scenarioKey),
  };
}

/** `publicUrl` as an origin with an optional path prefix, no trailing slash; else a usage error. */
export function checkPublicUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new InvalidConfigurationError(`The public URL "${publicUrl}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidConfigurationError(`The public URL "${publicUrl}" is not http(s)`);
  if (url.search || url.hash)
    throw new InvalidConfigurationError(`The public URL "${publicUrl}" must not carry a query or fragment`);
  return `${url.origin}${trimTrailingSlashes(url.pathname)}`;
}

/** The hook's parameters: the trigger module's static parameters in the blueprint, then the given ones. */
function hookParameters(blueprintParameters: Record<string, unknown>, given: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(blueprintParameters)) if (!k.startsWith('__IMT')) setOwn(out, k, v);
  return { ...out, ...given };
}

export async function createHook(
  app: App,
  blueprint: unknown,
  options: CreateHookOptions,
): Promise<HookInfo> {
  const model = buildScenario(app, blueprint);
  const trigger = triggerOf(app, model);
  if (!trigger || trigger.kind !== 'instant_trigger')
    throw new BlueprintError([
      `module ${model.flow[0].id} (${model.flow[0].module}) is not an instant trigger: a hook feeds a scenario that starts with one`,
    ]);
  const webhook = app.webhooks?.find((w) => w.id === trigger.module.webhook);
  if (!webhook)
    throw new InvalidConfigurationError(`The app has no webhook "${String(trigger.module.webhook)}"`);
  const store = hookStore(historyOf(app, options));
  const existing = store.forScenario(options.scenarioKey);
  if (existing)
    throw new InvalidConfigurationError(
      `This scenario already has hook ${existing.id}; delete it first (hooks delete ${existing.id})`,
    );
  const origin = checkPublicUrl(options.publicUrl);
  const id = newHookId();
  const pathId = webhook.type === 'web-shared' ? (store.sharedPath(app.name, webhook.id) ?? id) : id;
  const row: HookRow = {
    id,
    pathId,
    url: `${origin}/hooks/${pathId}`,
    scenarioKey: options.scenarioKey,
    app: app.name,
    webhook: webhook.id,
    module: trigger.module.id,
    type: webhook.type,
    parameters: hookParameters(trigger.node.parameters, options.parameters),
    data: {},
    uid: webhook.type === 'web-shared' ? await connectionUid(app, options) : null,
    attached: false,
    createdAt: new Date().toISOString(),
  };
  // Stored before attach runs: a service that registered the URL must find it served afterwards.
  store.insert(row);
  try {
    const result = await engine().attachWebhook(
      app,
      webhook.id,
      { id: row.pathId, url: row.url, parameters: row.parameters },
      runOptions(options),
    );
    if (result.ran) {
      store.markAttached(id, result.data);
      row.attached = true;
    } else await options.registrar?.register(row.url);
  } catch (err) {
    store.delete(id);
    throw err;
  }
  return hookInfo(row, store);
}

/**
 * Runs detach (when the hook was attached; else the registrar takes its URL back) and forgets the hook.
 * Its queued items still run.
 */
export async function deleteHook(app: App, hookId: string, options: HookOptions): Promise<HookInfo> {
  const store = hookStore(historyOf(app, options));
  const row = store.get(hookId);
  if (!row) throw new InvalidConfigurationError('No such hook');
  if (row.attached) {
    await engine().detachWebhook(
      app,
      row.webhook,
      { id: row.pathId, url: row.url, parameters: row.parameters, data: row.data },
      runOptions(options),
    );
  } else if (!store.list().some((other) => other.id !== row.id && other.url === row.url)) {
    // A shared webhook's URL stays while another hook still uses it.
    await options.registrar?.unregister(row.url);
  }
  const info = hookInfo(row, store);
  store.delete(hookId);
  return info;
}

export function listHooks(options: HistoryOptions = {}): HookInfo[] {
  const store = hookStore(options);
  return store.list().map((row) => hookInfo(row, store));
}

function runOptions(options: HookOptions): Communication.RunOptions {
  return {
    ...(options.connection ? { connection: options.connection } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timezone ? { timezone: options.timezone } : {}),
  };
}

/** A shared webhook routes deliveries by the connection's uid: ask the connection for it. */
async function connectionUid(app: App, options: HookOptions): Promise<string | null> {
  const check = await engine().verifyConnection(app, runOptions(options));
  if (check.uid === undefined)
    throw new InvalidConfigurationError(
      "A shared webhook routes deliveries by the connection's uid, and the connection's response gives none (response.uid)",
    );
  return check.uid;
}
