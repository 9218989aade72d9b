import type { Problem } from '../../types/app';
import { didYouMean } from '../did-you-mean';
import { appendPointer } from '../json-pointer';
import type { LoadedDefinitions } from '../loaded';
import { validateAgainstSchema } from '../schemas';
import { definedComponents } from './manifest-pointers';

/** Make's OAuth requests (api-oauth.json): the only keys of an OAuth connection's communication. */
export const OAUTH_REQUESTS = ['preauthorize', 'authorize', 'token', 'info', 'refresh', 'invalidate'];

/** An OAuth connection's communication: an object of Make's OAuth requests, each a valid request. */
export function oauthRequestsValid(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const [id, component] of definedComponents(loaded, 'connection')) {
    if (component.connectionType !== 'oauth') continue;
    const file = loaded.componentFile('connection', id, 'communication');
    if (!file || file.value === undefined) continue;
    const value = file.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        file: file.path,
        pointer: '',
        message: `must be an object of ${OAUTH_REQUESTS.join(', ')}`,
      });
      continue;
    }
    for (const [key, request] of Object.entries(value)) {
      const pointer = appendPointer('', key);
      if (!OAUTH_REQUESTS.includes(key)) {
        problems.push({
          file: file.path,
          pointer,
          message: `unknown key \`${key}\`${didYouMean(key, OAUTH_REQUESTS)}`,
        });
        continue;
      }
      for (const p of validateAgainstSchema('communication', request))
        problems.push({ file: file.path, pointer: pointer + p.pointer, message: p.message });
    }
    file.valid = problems.length === 0;
  }
  return problems;
}
