/**
 * The trigger-related parts of the App: webhook components, and the links a module has to them (an
 * instant trigger's `webhook`, a trigger's `epoch` code). Kept apart from build-app.ts, which builds
 * the request/response components.
 */
import type { CodeFiles, Communication, JsonObject, ModuleInfo, WebhookInfo } from '../types/app';
import { isPlainObject } from '../iml/values';
import { definedComponents } from './checks/manifest-pointers';
import type { LoadedDefinitions } from './loaded';

/**
 * A lifecycle code that holds no request is no code at all: Make's empty template is `{}`, and the
 * shared apps ship attach files whose every line is commented out. Such a webhook has no attach, so
 * its URL is shown for the user to paste into the service.
 */
export function requestOrNothing(value: unknown): Communication | undefined {
  if (Array.isArray(value)) return value.length > 0 ? (value as Communication) : undefined;
  if (!isPlainObject(value) || Object.keys(value).length === 0) return undefined;
  return value as Communication;
}

export function buildWebhooks(loaded: LoadedDefinitions): WebhookInfo[] {
  return definedComponents(loaded, 'webhook').map(([id, c]) => {
    const file = (code: string) => loaded.componentFile('webhook', id, code)?.value;
    const params = file('params');
    const communication = file('communication');
    const info: WebhookInfo = {
      id,
      label: c.label ?? id,
      type: c.webhookType === 'web-shared' ? 'web-shared' : 'web',
      connection: c.connection ?? null,
      params: Array.isArray(params) ? (params as WebhookInfo['params']) : [],
      communication: isPlainObject(communication) ? (communication as JsonObject) : {},
      files: filesOf(c.codeFiles as Record<string, string | null | undefined>),
    };
    for (const code of ['attach', 'detach', 'update'] as const) {
      const request = requestOrNothing(file(code));
      if (request) info[code] = request;
    }
    return info;
  });
}

/** Adds a module's trigger links: the webhook of an instant trigger, the epoch of a trigger. */
export function withTriggerParts(loaded: LoadedDefinitions, info: ModuleInfo, webhook: unknown): ModuleInfo {
  if (info.type === 'instant_trigger' && typeof webhook === 'string') info.webhook = webhook;
  if (info.type === 'trigger') {
    const epoch = loaded.componentFile('module', info.id, 'epoch')?.value;
    if (isPlainObject(epoch) && Object.keys(epoch).length > 0) info.epoch = epoch as JsonObject;
  }
  return info;
}

/** A component's code files as the App records them: app-relative paths, forward slashes. */
export function filesOf(codeFiles: Record<string, string | null | undefined>): CodeFiles {
  const files: CodeFiles = {};
  for (const [code, file] of Object.entries(codeFiles ?? {}))
    if (file) files[code] = file.replace(/\\/g, '/');
  return files;
}
