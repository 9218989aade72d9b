import type { Problem } from '../types/app';

export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.pointer || '/'}: ${problem.message}`;
}

/**
 * Thrown by loadApp when the definitions are invalid. `problems` lists every problem found (schema,
 * syntax and cross-file checks); the message holds one `file: /pointer: message` line per problem.
 */
export class InvalidDefinitionsError extends Error {
  readonly problems: Problem[];
  readonly dir: string;

  constructor(dir: string, problems: Problem[]) {
    super(
      `Invalid app definitions in ${dir} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'InvalidDefinitionsError';
    this.dir = dir;
    this.problems = problems;
  }
}
