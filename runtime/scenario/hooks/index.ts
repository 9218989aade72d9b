/** Hooks: created and deleted with the webhook's attach/detach, served, queued durably, run per item. */
export {
  createHook,
  deleteHook,
  listHooks,
  checkPublicUrl,
  type HookInfo,
  type HookOptions,
  type CreateHookOptions,
  type HookRegistrar,
} from './manage';
export {
  createHookReceiver,
  HOOK_METHODS,
  NOT_FOUND,
  type ReceiverOptions,
  type DeliverySink,
} from './receiver';
export { MAX_HOOK_BODY_BYTES, MAX_HOOK_DEPTH } from './body';
export { DeliveryDispatcher, type DispatcherOptions, type DispatchTarget } from './dispatcher';
export { listenScenario, type ListenOptions, type Listener } from './listen';
