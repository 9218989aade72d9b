import { appendPointer } from '../json-pointer';
import type { ComponentType, LoadedDefinitions } from '../loaded';

export const MANIFEST = 'makecomapp.json';

/** The pointer of a component (or one of its keys) inside makecomapp.json. */
export function componentPointer(type: ComponentType, id: string, ...keys: string[]): string {
  return keys.reduce((pointer, key) => appendPointer(pointer, key), appendPointer(`/components/${type}`, id));
}

/** The components of one type that are defined (reserved `null` entries skipped). */
export function definedComponents<T extends ComponentType>(
  loaded: LoadedDefinitions,
  type: T,
): Array<[string, NonNullable<LoadedDefinitions['manifest']['components'][T][string]>]> {
  const entries = Object.entries(loaded.manifest.components[type]);
  return entries.filter(
    (entry): entry is [string, NonNullable<LoadedDefinitions['manifest']['components'][T][string]>] =>
      entry[1] !== null,
  );
}
