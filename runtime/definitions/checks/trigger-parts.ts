/**
 * The trigger components hang together (make-format.md §4.1, §4.5, §4.6): an instant trigger names a
 * webhook that exists; a polling trigger's communication says how to tell new items (`response.trigger`);
 * a webhook's communication holds only the directives Make reads from an incoming request (a shared
 * one also its `uid`); a responder's communication is only the answer to the caller.
 */
import type { Problem } from '../../types/app';
import { isPlainObject } from '../../iml/values';
import { didYouMean } from '../did-you-mean';
import type { LoadedDefinitions } from '../loaded';
import { MANIFEST, componentPointer, definedComponents } from './manifest-pointers';

const WEBHOOK_KEYS = ['verification', 'respond', 'iterate', 'output', 'condition', 'uid'];
const RESPOND_KEYS = ['type', 'status', 'headers', 'body'];

export function triggerPartsHold(loaded: LoadedDefinitions): Problem[] {
  return [...instantTriggers(loaded), ...pollingTriggers(loaded), ...responders(loaded), ...webhooks(loaded)];
}

function instantTriggers(loaded: LoadedDefinitions): Problem[] {
  const webhookIds = definedComponents(loaded, 'webhook').map(([id]) => id);
  const problems: Problem[] = [];
  for (const [id, c] of definedComponents(loaded, 'module')) {
    if (c.moduleType !== 'instant_trigger') continue;
    const named = c.webhook;
    if (typeof named !== 'string' || named === '') {
      problems.push({
        file: MANIFEST,
        pointer: componentPointer('module', id),
        message: 'an instant trigger needs `webhook`: the webhook component it reads its items from',
      });
    } else if (!webhookIds.includes(named)) {
      problems.push({
        file: MANIFEST,
        pointer: componentPointer('module', id, 'webhook'),
        message: `webhook \`${named}\` is not defined in components.webhook${didYouMean(named, webhookIds)}`,
      });
    }
  }
  return problems;
}

function pollingTriggers(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const [id, c] of definedComponents(loaded, 'module')) {
    if (c.moduleType !== 'trigger') continue;
    const file = loaded.componentFile('module', id, 'communication');
    if (!file || file.value === undefined) continue; // missing or unreadable: reported elsewhere
    const requests = Array.isArray(file.value) ? file.value : [file.value];
    const last = requests[requests.length - 1];
    const response = isPlainObject(last) ? last.response : undefined;
    if (!isPlainObject(response) || !isPlainObject(response.trigger)) {
      problems.push({
        file: file.path,
        pointer: Array.isArray(file.value) ? `/${requests.length - 1}` : '',
        message:
          'a trigger needs `response.trigger` {type, order, id} in its (last) request: it says which items are new',
      });
    }
  }
  return problems;
}

function responders(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const [id, c] of definedComponents(loaded, 'module')) {
    if (c.moduleType !== 'responder') continue;
    const file = loaded.componentFile('module', id, 'communication');
    if (!file || file.value === undefined) continue;
    if (!isPlainObject(file.value)) {
      problems.push({ file: file.path, pointer: '', message: "a responder's communication is one object" });
      continue;
    }
    for (const key of Object.keys(file.value)) {
      if (key !== 'response')
        problems.push({
          file: file.path,
          pointer: `/${key}`,
          message: `a responder's communication holds only \`response\` (the answer to the webhook's caller), not \`${key}\``,
        });
    }
    problems.push(...respondShape(file.path, '/response', file.value.response));
  }
  return problems;
}

function webhooks(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const [id, c] of definedComponents(loaded, 'webhook')) {
    const file = loaded.componentFile('webhook', id, 'communication');
    const value = file?.value;
    if (file && value !== undefined && !isPlainObject(value)) {
      problems.push({ file: file.path, pointer: '', message: "a webhook's communication is one object" });
      continue;
    }
    const communication = isPlainObject(value) ? value : {};
    if (file) {
      for (const key of Object.keys(communication)) {
        if (!WEBHOOK_KEYS.includes(key))
          problems.push({
            file: file.path,
            pointer: `/${key}`,
            message: `a webhook's communication does not read \`${key}\` (it takes ${WEBHOOK_KEYS.join(', ')})${didYouMean(key, WEBHOOK_KEYS)}`,
          });
      }
      problems.push(...respondShape(file.path, '/respond', communication.respond));
      const verification = communication.verification;
      if (isPlainObject(verification))
        problems.push(...respondShape(file.path, '/verification/respond', verification.respond));
    }
    if (c.webhookType === 'web-shared' && communication.uid === undefined) {
      problems.push({
        file: file?.path ?? MANIFEST,
        pointer: file ? '' : componentPointer('webhook', id),
        message:
          'a shared webhook (web-shared) needs `uid` in its communication: it tells whose request it is',
      });
    }
  }
  return problems;
}

function respondShape(file: string, pointer: string, respond: unknown): Problem[] {
  if (respond === undefined) return [];
  if (!isPlainObject(respond))
    return [{ file, pointer, message: 'must be an object {status, headers, body, type}' }];
  return Object.keys(respond)
    .filter((key) => !RESPOND_KEYS.includes(key))
    .map((key) => ({
      file,
      pointer: `${pointer}/${key}`,
      message: `an answer takes ${RESPOND_KEYS.join(', ')}, not \`${key}\`${didYouMean(key, RESPOND_KEYS)}`,
    }));
}
