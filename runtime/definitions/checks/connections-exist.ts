import type { Problem } from '../../types/app';
import { didYouMean } from '../did-you-mean';
import type { ComponentType, LoadedDefinitions } from '../loaded';
import { MANIFEST, componentPointer, definedComponents } from './manifest-pointers';

const WITH_CONNECTION: ComponentType[] = ['module', 'rpc', 'webhook'];

/** Every component's `connection` and `altConnection` names a connection of makecomapp.json. */
export function connectionsExist(loaded: LoadedDefinitions): Problem[] {
  const connectionIds = definedComponents(loaded, 'connection').map(([id]) => id);
  const problems: Problem[] = [];
  for (const type of WITH_CONNECTION) {
    for (const [id, component] of definedComponents(loaded, type)) {
      for (const key of ['connection', 'altConnection'] as const) {
        const named = (component as { connection?: string | null; altConnection?: string | null })[key];
        if (named === undefined || named === null || connectionIds.includes(named)) continue;
        problems.push({
          file: MANIFEST,
          pointer: componentPointer(type, id, key),
          message: `connection \`${named}\` is not defined in components.connection${didYouMean(named, connectionIds)}`,
        });
      }
    }
  }
  return problems;
}
