/**
 * Every IML template of every definition file compiles (app dialect): a bad template is reported at
 * load as `file: /json/pointer: message (line:col)`. Compiling here also fills IML's memo cache, so
 * the engine's later compiles of the same text are cache hits.
 */
import { ImlError } from '../../errors';
import { compile } from '../../iml';
import type { Problem } from '../../types/app';
import { walkJson } from '../json-pointer';
import type { LoadedDefinitions } from '../loaded';
import { definedComponents } from './manifest-pointers';

function templateProblem(
  file: string,
  pointer: string,
  template: string,
  what: string,
  functions: string[],
): Problem | undefined {
  if (!template.includes('{{')) return undefined;
  try {
    compile(template, { dialect: 'app', functions });
    return undefined;
  } catch (err) {
    if (!(err instanceof ImlError)) throw err;
    const base = err.message.replace(/ \(at \d+:\d+\)$/, '');
    const where = err.position ? ` (${err.position.line}:${err.position.column})` : '';
    return { file, pointer, message: `${what}${base}${where}` };
  }
}

/** An OAuth connection's communication has no schema of ours (checks/oauth-requests.ts) but holds templates. */
function isOAuthCommunication(file: LoadedDefinitions['files'][number]): boolean {
  return (
    file.owner.kind === 'component' && file.owner.type === 'connection' && file.owner.code === 'communication'
  );
}

export function templatesCompile(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  // Templates of the app's definitions may call its custom functions (not scenario mappings).
  const functions = definedComponents(loaded, 'function').map(([id]) => id);
  for (const file of loaded.files) {
    if (file.value === undefined || (file.schema === undefined && !isOAuthCommunication(file))) continue;
    walkJson(
      file.value,
      (value, pointer) => {
        if (typeof value !== 'string') return;
        const p = templateProblem(file.path, pointer, value, '', functions);
        if (p) problems.push(p);
      },
      '',
      (key, pointer) => {
        if (key === '{{...}}') return; // the spread key, not a template
        const p = templateProblem(file.path, pointer, key, 'in the key: ', functions);
        if (p) problems.push(p);
      },
    );
  }
  return problems;
}
