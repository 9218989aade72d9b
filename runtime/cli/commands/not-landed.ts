import { api } from '../api';
import type { Command, FlagSpec } from '../command';
import { NotLandedError } from '../errors';

/**
 * A command of DESIGN.md's table whose part of the project has not wired it into the CLI yet: it
 * parses its flags (so `--help` is true today) and says which part it waits for. The owning issue
 * replaces the file with the real command.
 */
export function notLandedCommand(spec: {
  name: string;
  usage: string;
  summary: string;
  flags: FlagSpec[];
  maxPositionals: number;
  /** The part it needs, e.g. "the engine (issue 4)". */
  part: string;
  /** The public API functions it will call. */
  needs: string[];
}): Command {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    flags: spec.flags,
    maxPositionals: spec.maxPositionals,
    async run() {
      const exports = api() as unknown as Record<string, unknown>;
      const missing = spec.needs.filter((name) => typeof exports[name] !== 'function');
      const detail =
        missing.length > 0
          ? `${missing.map((n) => `\`${n}\``).join(', ')} from ${spec.part}`
          : `its command file from ${spec.part}`;
      throw new NotLandedError(`\`${spec.name}\``, detail);
    },
  };
}
