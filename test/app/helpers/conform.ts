import { moduleFiles } from './definitions';
import { checkInterface } from './interface-check';

/** Asserts that a module's output bundle matches the module's own interface (and names the module). */
export function expectConforms(moduleId: string, bundle: unknown): void {
  const problems = checkInterface(bundle, moduleFiles(moduleId).interface);
  expect({ moduleId, problems }).toEqual({ moduleId, problems: [] });
}
