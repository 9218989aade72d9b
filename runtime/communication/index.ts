/**
 * The communication engine's public face: run a module, stream a search, run an RPC, verify the
 * connection. See run.ts; the rest of this folder is the machinery.
 */
export { iterateModule } from './run';
export { runModule, runRpc, verifyConnection } from './fresh-token';
export {
  oauthAuthorizeUrl,
  oauthConnect,
  oauthStart,
  refreshConnection,
  oauthConnection,
  type OAuthStartOptions,
  type OAuthConnectOptions,
  type OAuthResult,
  type OAuthCarry,
} from './oauth';
export {
  runTrigger,
  runEpoch,
  startStateOf,
  checkState as checkTriggerState,
  type TriggerOptions,
  type TriggerResult,
  type TriggerState,
  type EpochChoice,
  type EpochItem,
} from './trigger';
export {
  ACCEPTED,
  readWebhookRequest,
  webhookUid,
  attachWebhook,
  detachWebhook,
  updateWebhook,
  runInstantTrigger,
  runResponder,
  type WebhookAnswer,
  type IncomingRequest,
  type HookContext,
  type WebhookReading,
  type HookRecord,
  type LifecycleResult,
  type InstantTriggerOptions,
} from './webhook';
export type {
  RunOptions,
  ModuleResult,
  Bundle,
  RenderedRequest,
  EngineEvent,
  Logger,
  ConnectionCheck,
  ConnectionOptions,
} from './run';
export type { RetryOptions } from './http';
export type { RateLimit } from './limiter';
