import type { Problem } from '../../types/app';
import { didYouMean } from '../did-you-mean';
import type { LoadedDefinitions } from '../loaded';
import { definedComponents } from './manifest-pointers';

/** Every module a group lists exists. */
export function groupsNameModules(loaded: LoadedDefinitions): Problem[] {
  const file = loaded.generalFile('groups');
  if (!file || !Array.isArray(file.value)) return [];
  const moduleIds = definedComponents(loaded, 'module').map(([id]) => id);
  const problems: Problem[] = [];
  file.value.forEach((group: unknown, g) => {
    const modules = (group as { modules?: unknown } | null)?.modules;
    if (!Array.isArray(modules)) return;
    modules.forEach((id: unknown, m) => {
      if (typeof id !== 'string' || moduleIds.includes(id)) return;
      problems.push({
        file: file.path,
        pointer: `/${g}/modules/${m}`,
        message: `module \`${id}\` is not defined${didYouMean(id, moduleIds)}`,
      });
    });
  });
  return problems;
}
