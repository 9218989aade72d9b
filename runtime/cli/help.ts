import { COMMON_FLAGS, commonFlagsOf } from './args';
import type { Command, FlagSpec } from './command';
import { allCommands } from './commands/registry';
import { formatTable } from './helpers/output';

const PROGRAM = 'chartmogul-connector';

function flagLines(flags: FlagSpec[]): string[] {
  return formatTable(
    flags.map((f) => [
      `  --${f.name}${f.value ? ` ${f.value}` : ''}${f.repeatable ? ' (repeatable)' : ''}`,
      f.description,
    ]),
  );
}

export function globalHelp(): string {
  return [
    `Usage: ${PROGRAM} <command> [flags]`,
    '',
    'Commands:',
    ...formatTable(allCommands().map((c) => [`  ${c.name}`, c.summary])),
    '',
    'Common flags (each command lists those it takes: COMMAND --help):',
    ...flagLines(COMMON_FLAGS),
    '',
    'Exit codes: 0 success, 1 error, 2 bad usage or invalid input/definitions, 3 finished with warnings,',
    '  130 / 143 interrupted by Ctrl-C / SIGTERM (the run is kept as interrupted: history RUN --retry).',
    `Help on a command: ${PROGRAM} <command> --help`,
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const own = new Set(command.flags.map((f) => f.name));
  return [
    `Usage: ${PROGRAM} ${command.usage}`,
    '',
    command.summary,
    ...(command.flags.length > 0 ? ['', 'Flags:', ...flagLines(command.flags)] : []),
    '',
    'Common flags:',
    ...flagLines(commonFlagsOf(command).filter((f) => !own.has(f.name))),
    '',
  ].join('\n');
}
