/**
 * The `chartmogul-connector` command line (DESIGN.md "Command line"). bin/chartmogul-connector.js
 * calls `main(process.argv.slice(2))` and exits with the code it returns.
 */
import { api } from './api';
import { parseArgv, type ParsedArgv } from './args';
import type { Command, CommandContext } from './command';
import { COMMAND_NAMES, findCommand } from './commands/registry';
import { EXIT, UsageError } from './errors';
import { commandHelp, globalHelp } from './help';
import { knownKeys, maskedIo, refuseShortKeys } from './helpers/masked-io';
import { processIo, type CliIo } from './io';
import { packageInfo } from './package-info';

function flagValues(parsed: ParsedArgv, name: string): string[] {
  const value = parsed.flags[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

function context(command: Command, parsed: ParsedArgv, io: CliIo): CommandContext {
  const { flags } = parsed;
  return {
    command,
    positionals: parsed.positionals,
    flags,
    io,
    json: flags.json === true,
    verbose: flags.verbose === true,
    flag(name) {
      const value = flags[name];
      if (Array.isArray(value)) return value[value.length - 1];
      return typeof value === 'string' ? value : undefined;
    },
    flagList: (name) => flagValues(parsed, name),
    has(name) {
      return flags[name] !== undefined;
    },
  };
}

/** Errors the user can fix by changing the input: exit 2. Matched by name, as they come from the API. */
const INPUT_ERRORS = new Set([
  'UsageError',
  'BlueprintError',
  'InvalidDefinitionsError',
  'BundleValidationError',
  'ImlError',
]);

/** The exit code of a command that threw: 2 for input the user can fix, else 1. */
export function exitCodeFor(error: unknown): number {
  return error instanceof Error && INPUT_ERRORS.has(error.name) ? EXIT.usage : EXIT.error;
}

function report(error: unknown, io: CliIo, json: boolean): number {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = exitCodeFor(err);
  if (json) {
    const problems = (err as { problems?: unknown }).problems;
    io.stdout.write(
      `${JSON.stringify({ error: { name: err.name, message: err.message, ...(problems ? { problems } : {}) } }, null, 2)}\n`,
    );
  }
  io.stderr.write(`chartmogul-connector: ${err.message}\n`);
  if (err instanceof UsageError) {
    io.stderr.write(
      `Run \`chartmogul-connector ${err.command ? `${err.command} ` : ''}--help\` for usage.\n`,
    );
  }
  return code;
}

export async function main(argv: string[], unmaskedIo: CliIo = processIo()): Promise<number> {
  let json = argv.includes('--json');
  // Until the flags are read, only the environment's key is known.
  let keys = knownKeys([], unmaskedIo.env);
  const io = maskedIo(unmaskedIo, () => keys);
  try {
    const parsed = parseArgv(argv, findCommand);
    json = parsed.flags.json === true;
    keys = knownKeys(flagValues(parsed, 'api-key'), io.env);
    if (parsed.flags.version === true) {
      const { version } = packageInfo();
      io.stdout.write(json ? `${JSON.stringify({ version }, null, 2)}\n` : `${version}\n`);
      return EXIT.ok;
    }
    if (parsed.commandName === undefined || parsed.commandName === 'help') {
      const topic = parsed.commandName === 'help' ? parsed.positionals[0] : undefined;
      const command = topic === undefined ? undefined : findCommand(topic);
      if (topic !== undefined && !command) throw new UsageError(`unknown command \`${topic}\``);
      io.stdout.write(command ? commandHelp(command) : globalHelp());
      // Bare `chartmogul-connector` is a usage mistake; asking for help is not.
      return parsed.flags.help === true || parsed.commandName === 'help' ? EXIT.ok : EXIT.usage;
    }
    const command = findCommand(parsed.commandName);
    if (!command) {
      const hint = api().didYouMean(parsed.commandName, [...COMMAND_NAMES]);
      throw new UsageError(`unknown command \`${parsed.commandName}\`${hint}`);
    }
    if (parsed.flags.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    refuseShortKeys(keys);
    if (parsed.positionals.length > command.maxPositionals) {
      throw new UsageError(
        `too many arguments: ${parsed.positionals.slice(command.maxPositionals).join(' ')}`,
        command.name,
      );
    }
    return await command.run(context(command, parsed, io));
  } catch (error) {
    return report(error, io, json);
  }
}

export { EXIT, UsageError };
