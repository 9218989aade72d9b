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
    name: 'base-url',
    value: 'URL',
    description: 'API base URL (or CHARTMOGUL_BASE_URL); with no key the sandbox demo key is used',
  },
  { name: 'json', description: 'print one JSON document on stdout' },
  { name: 'verbose', description: 'print sanitized requests and responses on stderr' },
  { name: 'version', description: 'print the version' },
  { name: 'help', description: 'print help (of a command: COMMAND --help)' },
];

export interface ParsedArgv {
  commandName?: string;
  positionals: string[];
  flags: FlagValues;
}

function flagsOf(command: Command | undefined): Map<string, FlagSpec> {
  const specs = new Map<string, FlagSpec>();
  for (const spec of COMMON_FLAGS) specs.set(spec.name, spec);
  for (const spec of command?.flags ?? []) specs.set(spec.name, spec);
  return specs;
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
    if (!spec)
      throw new UsageError(
        `unknown flag --${name}${api().didYouMean(
          `--${name}`,
          [...specs.keys()].map((k) => `--${k}`),
        )}`,
        command?.name,
      );
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`, command?.name);
      store(result.flags, spec, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value (${spec.value})`, command?.name);
    store(result.flags, spec, value);
  }
  return result;
}
