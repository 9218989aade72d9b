/**
 * A hook's lifecycle at the service (make-format.md §4.6): `attach` registers the hook's URL and its
 * `response.data` is saved with the hook (later `webhook.<key>`); `detach` unregisters it; `update`
 * changes its parameters. Each is an ordinary request (the Base applies) whose templates see
 * `webhook` (`id`, `url` and the saved data), `parameters` (the hook's), `data` (the saved data) and
 * `connection`. The hook's id and URL are masked in every log event and error: the URL is the
 * credential of whoever may post to it.
 */
import { isPlainObject } from '../../iml/values';
import { prepareParameters } from '../../parameters';
import type { App, Communication } from '../../types/app';
import { secretDataValues } from '../connection-data';
import { execute, newState } from '../engine';
import { capsOf, dateOpts, execution, MODULE_TIMEOUT_MS, type RunOptions } from '../run';
import { scrubError } from '../sanitize';
import { findWebhook } from './receive';

export interface HookRecord {
  id: string;
  url: string;
  /** The hook's parameters (the webhook's params). */
  parameters?: Record<string, unknown>;
  /** What attach saved (`response.data`). */
  data?: Record<string, unknown>;
}

export interface LifecycleResult {
  /** Whether the webhook has that code at all (no attach: the user pastes the URL into the service). */
  ran: boolean;
  /** attach/update: the evaluated `response.data`, to save with the hook (merged over the old data). */
  data: Record<string, unknown>;
}

type Code = 'attach' | 'detach' | 'update';

async function runLifecycle(
  code: Code,
  app: App,
  webhookId: string,
  hook: HookRecord,
  opts: RunOptions,
): Promise<LifecycleResult> {
  const webhook = findWebhook(app, webhookId);
  const saved = hook.data ?? {};
  const request: Communication | undefined = webhook[code];
  if (!request) return { ran: false, data: { ...saved } };
  const parameters = prepareParameters(webhook, webhook.params, hook.parameters ?? opts.parameters, {
    ...dateOpts(opts),
    componentId: webhookId,
  });
  const x = execution(
    app,
    webhookId,
    request,
    parameters,
    opts,
    capsOf(opts.limits),
    opts.timeoutMs ?? MODULE_TIMEOUT_MS,
  );
  x.secrets.add(hook.id);
  x.secrets.add(hook.url);
  for (const v of secretDataValues(saved)) x.secrets.add(v);
  x.scope.webhook = { ...saved, id: hook.id, url: hook.url };
  x.scope.data = saved;
  const state = newState();
  for await (const batch of execute(x, state)) void batch;
  if (code === 'detach' || state.response.data === undefined) return { ran: true, data: { ...saved } };
  try {
    const data = x.ev(state.response.data, x.scope);
    return { ran: true, data: { ...saved, ...(isPlainObject(data) ? data : {}) } };
  } catch (err) {
    throw scrubError(err, x.secrets);
  }
}

/** Registers the hook at the service (the webhook's `attach`), returning the data to save with it. */
export function attachWebhook(app: App, webhookId: string, hook: HookRecord, opts: RunOptions = {}) {
  return runLifecycle('attach', app, webhookId, hook, opts);
}

/** Unregisters the hook at the service (the webhook's `detach`). */
export function detachWebhook(app: App, webhookId: string, hook: HookRecord, opts: RunOptions = {}) {
  return runLifecycle('detach', app, webhookId, hook, opts);
}

/** Sends the hook's new parameters to the service (the webhook's `update`). */
export function updateWebhook(app: App, webhookId: string, hook: HookRecord, opts: RunOptions = {}) {
  return runLifecycle('update', app, webhookId, hook, opts);
}
