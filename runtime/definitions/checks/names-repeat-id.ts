import type { Problem } from '../../types/app';
import { COMPONENT_CODE_KINDS, COMPONENT_FOLDERS } from '../code-files';
import type { ComponentType, LoadedDefinitions } from '../loaded';
import { MANIFEST, componentPointer, definedComponents } from './manifest-pointers';

/** Folder and file names repeat the id: `modules/<id>/<id>.communication.iml.json` (DESIGN.md layout). */
export function namesRepeatId(loaded: LoadedDefinitions): Problem[] {
  const problems: Problem[] = [];
  for (const type of Object.keys(COMPONENT_FOLDERS) as ComponentType[]) {
    for (const [id, component] of definedComponents(loaded, type)) {
      for (const [code, file] of Object.entries(
        component.codeFiles as Record<string, string | null | undefined>,
      )) {
        const kind = COMPONENT_CODE_KINDS[type][code];
        if (!file || !kind) continue;
        const expected = `${COMPONENT_FOLDERS[type]}/${id}/${id}${kind.suffix}`;
        if (file.replace(/\\/g, '/') !== expected) {
          problems.push({
            file: MANIFEST,
            pointer: componentPointer(type, id, 'codeFiles', code),
            message: `\`${file}\` should be \`${expected}\` (folder and file names repeat the ${type} id)`,
          });
        }
      }
    }
  }
  return problems;
}
