import type { CliIo } from './io';

/** One flag: boolean when `value` is absent, else it takes a value named `value` in the help. */
export interface FlagSpec {
  name: string;
  value?: string;
  repeatable?: boolean;
  description: string;
}

export type FlagValues = Record<string, string | string[] | true>;

export interface CommandContext {
  command: Command;
  /** Arguments after the command name that are not flags. */
  positionals: string[];
  flags: FlagValues;
  io: CliIo;
  /** --json: one JSON document on stdout. */
  json: boolean;
  /** --verbose: sanitized requests and responses on stderr. */
  verbose: boolean;
  /** The last value of a value flag (undefined when absent). */
  flag(name: string): string | undefined;
  /** Every value of a repeatable flag, in order. */
  flagList(name: string): string[];
  /** Whether a boolean flag is set. */
  has(name: string): boolean;
}

/** A command of `chartmogul-connector`: one file in commands/, one line in commands/registry.ts. */
export interface Command {
  name: string;
  /** Usage line after the program name, e.g. `run MODULE [--param k=v]... [--dry-run]`. */
  usage: string;
  summary: string;
  /** Flags of this command; a flag named like a common one replaces it for this command. */
  flags: FlagSpec[];
  /**
   * The common flags (DESIGN.md "Common flags") this command takes besides --json, --version and
   * --help, e.g. API_FLAGS; its help lists only these, and any other is refused.
   */
  commonFlags: readonly string[];
  /** Most positional arguments the command takes (Infinity = any number). */
  maxPositionals: number;
  run(ctx: CommandContext): Promise<number>;
}
