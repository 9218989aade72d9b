/**
 * Webhooks (DESIGN.md "Round 2 additions"): reading an incoming request (receive.ts), the answer to
 * its caller (answer.ts), the hook's lifecycle at the service (lifecycle.ts), and the instant trigger
 * and responder modules (modules.ts), which this folder registers with runModule.
 */
import type { App, ModuleInfo } from '../../types/app';
import { runByType, type RunOptions } from '../run';
import { runInstantTrigger, runResponder } from './modules';

export { ACCEPTED, toAnswer, type WebhookAnswer } from './answer';
export {
  readWebhookRequest,
  webhookUid,
  type IncomingRequest,
  type HookContext,
  type WebhookReading,
} from './receive';
export {
  attachWebhook,
  detachWebhook,
  updateWebhook,
  type HookRecord,
  type LifecycleResult,
} from './lifecycle';
export { runInstantTrigger, runResponder, type InstantTriggerOptions } from './modules';

/** runModule on an instant trigger: `payload` (RunOptions) is the delivered item. */
runByType.instant_trigger = (app: App, module: ModuleInfo, opts: RunOptions) =>
  runInstantTrigger(app, module.id, opts);
runByType.responder = (app: App, module: ModuleInfo, opts: RunOptions) => runResponder(app, module.id, opts);
