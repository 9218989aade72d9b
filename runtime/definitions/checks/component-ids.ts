import type { Problem } from '../../types/app';
import type { LoadedDefinitions } from '../loaded';
import { MANIFEST, componentPointer, definedComponents } from './manifest-pointers';

/** Make's rule for module and RPC ids, with its current maximum of 48 characters; no dashes. */
export const COMPONENT_ID = /^[a-zA-Z][0-9a-zA-Z]{2,47}$/;

export function componentIdsValid(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const type of ['module', 'rpc'] as const) {
    for (const [id] of definedComponents(loaded, type)) {
      if (COMPONENT_ID.test(id)) continue;
      problems.push({
        file: MANIFEST,
        pointer: componentPointer(type, id),
        message: `${type} id \`${id}\` must match ${COMPONENT_ID.source} (a letter, then 2–47 letters or digits)`,
      });
    }
  }
  return problems;
}
