import type { Problem } from '../../types/app';
import type { LoadedDefinitions } from '../loaded';
import { MANIFEST, componentPointer, definedComponents } from './manifest-pointers';

function iterates(request: unknown): boolean {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return false;
  const response = (request as { response?: unknown }).response;
  return (
    response !== null &&
    typeof response === 'object' &&
    (response as { iterate?: unknown }).iterate !== undefined
  );
}

/** A search module returns many bundles, so one of its requests must say what to iterate. */
export function searchModulesIterate(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const [id, component] of definedComponents(loaded, 'module')) {
    if (component.moduleType !== 'search') continue;
    const file = loaded.componentFile('module', id, 'communication');
    if (!file) {
      problems.push({
        file: MANIFEST,
        pointer: componentPointer('module', id, 'codeFiles'),
        message: 'a search module needs a communication with `response.iterate`',
      });
      continue;
    }
    if (file.value === undefined) continue; // unreadable: already reported
    const requests = Array.isArray(file.value) ? file.value : [file.value];
    if (!requests.some(iterates)) {
      problems.push({
        file: file.path,
        pointer: '',
        message: 'a search module needs `response.iterate` in its communication',
      });
    }
  }
  return problems;
}
