/** A trigger's request that holds `response.trigger` (its last one), and the type it declares. */
import type { JsonObject, ModuleInfo } from '../../types/app';
import { isPlainObject } from '../../iml/values';
import type { Evaluate, Scope } from '../scope';

/** The trigger's type before any request (the epoch needs it): `response.trigger.type` of its last request. */
export function triggerType(module: ModuleInfo, ev: Evaluate, scope: Scope): 'id' | 'date' {
  const response = lastRequest(module).response;
  const spec = isPlainObject(response) && isPlainObject(response.trigger) ? response.trigger : {};
  const type = ev(spec.type, scope);
  return type === 'date' ? 'date' : 'id';
}

export function lastRequest(module: ModuleInfo): JsonObject {
  const c = module.communication;
  return (Array.isArray(c) ? c[c.length - 1] : c) ?? {};
}
