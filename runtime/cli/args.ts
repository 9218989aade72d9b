import { api } from './api';
import { UsageError } from './errors';
import type { Command, FlagSpec, FlagValues } from './command';

/** Flags every command takes (DESIGN.md "Common flags"). */
export const COMMON_FLAGS: FlagSpec[] = [
  {
    name: 'app',
    value: 'DIR',
    description: 'app folder (default: the nearest folder upward holding makecomapp.json)',
  },
  { name: 'api-key', value: 'KEY', description: 'ChartMogul API key (or CHARTMOGUL_API_KEY)' },
  {
    name: 'connection',
    value: 'k=v',
    repeatable: true,
    description: "a value of the app's connection by parameter name (any app; JSON when it parses)",
  },
  {
    name: 'base-url',
    value: 'URL',
    description: 'API base URL (or CHARTMOGUL_BASE_URL); with no key the sandbox demo key is used',
  },
  {
    name: 'history',
    value: 'FILE',
    description:
      'the run history database (or CHARTMOGUL_HISTORY; default .sandbox/history.db in the app folder)',
  },
  { name: 'json', description: 'print one JSON document on stdout' },
  { name: 'verbose', description: 'print sanitized requests and responses on stderr' },
  { name: 'version', description: 'print the version' },
  { name: 'help', description: 'print help (of a command: COMMAND --help)' },
];

/** The common flags every command takes: the rest are taken only where a command says so. */
const UNIVERSAL_FLAGS = new Set(['json', 'version', 'help']);

/** Common flags of commands that read the app folder. */
export const APP_FLAGS = ['app'];
/** Common flags of commands that call the API through the engine (credentials, target, --verbose). */
export const API_FLAGS = ['app', 'api-key', 'connection', 'base-url', 'verbose'];
/** The common flag of every command that reads or writes the run history. */
export const HISTORY_FLAG = 'history';

/** The common flags a command takes, in the order of COMMON_FLAGS. */
export function commonFlagsOf(command: Command): FlagSpec[] {
  const taken = new Set(command.commonFlags);
  return COMMON_FLAGS.filter((f) => UNIVERSAL_FLAGS.has(f.name) || taken.has(f.name));
}

export interface ParsedArgv {
  commandName?: string;
  positionals: string[];
  flags: FlagValues;
}

/** The flags accepted so far: every common flag until the command is known, then the command's own. */
function flagsOf(command: Command | undefined): Map<string, FlagSpec> {
  const specs = new Map<string, FlagSpec>();
  for (const spec of command ? commonFlagsOf(command) : COMMON_FLAGS) specs.set(spec.name, spec);
  for (const spec of command?.flags ?? []) specs.set(spec.name, spec);
  return specs;
}

function unknownFlag(name: string, specs: Map<string, FlagSpec>, command: Command | undefined): UsageError {
  const hint = api().didYouMean(
    `--${name}`,
    [...specs.keys()].map((k) => `--${k}`),
  );
  // A common flag the command does not take is a mistake of its own kind: say which command refuses it.
  if (command && !hint && COMMON_FLAGS.some((f) => f.name === name))
    return new UsageError(`${command.name} does not take --${name}`, command.name);
  return new UsageError(`unknown flag --${name}${hint}`, command?.name);
}

function store(flags: FlagValues, spec: FlagSpec, value: string | true): void {
  if (spec.repeatable && typeof value === 'string') {
    const previous = flags[spec.name];
    flags[spec.name] = Array.isArray(previous) ? [...previous, value] : [value];
  } else {
    flags[spec.name] = value;
  }
}

/**
 * Splits argv into the command name, its positional arguments and its flags. Flags may come before
 * or after the command; `--flag value` and `--flag=value` both work; `--` ends the flags; `-h` is
 * `--help`. The command is looked up as soon as its name is seen, so its own flags are known after it.
 */
export function parseArgv(argv: string[], findCommand: (name: string) => Command | undefined): ParsedArgv {
  const result: ParsedArgv = { positionals: [], flags: {} };
  let command: Command | undefined;
  let specs = flagsOf(undefined);
  const positional = (token: string) => {
    if (result.commandName === undefined) {
      result.commandName = token;
      command = findCommand(token);
      specs = flagsOf(command);
    } else {
      result.positionals.push(token);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      argv.slice(i + 1).forEach(positional);
      break;
    }
    if (token === '-h') {
      result.flags.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--') {
      positional(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    const spec = specs.get(name);
    if (!spec) throw unknownFlag(name, specs, command);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`, command?.name);
      store(result.flags, spec, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value (${spec.value})`, command?.name);
    store(result.flags, spec, value);
  }
  // Flags given before the command name were read against every common flag.
  for (const name of Object.keys(result.flags))
    if (command && !specs.has(name)) throw unknownFlag(name, specs, command);
  return result;
}
