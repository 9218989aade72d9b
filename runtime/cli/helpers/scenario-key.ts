import fs from 'node:fs';
import path from 'node:path';
import type { CommandContext, FlagSpec } from '../command';
import { UsageError } from '../errors';

export const KEY_FLAG: FlagSpec = {
  name: 'key',
  value: 'NAME',
  description:
    "the scenario's key (default: the blueprint file's real path); trigger state and hooks hang off it",
};

/**
 * The scenario key of a blueprint file (DESIGN "Scenario identity"): `--key NAME`, else the file's
 * real path (symlinks resolved), never its content or its name.
 */
export function scenarioKeyOf(ctx: CommandContext, file: string): string {
  const key = ctx.flag('key');
  if (key !== undefined) {
    if (key.trim() === '') throw new UsageError('--key needs a name', ctx.command.name);
    return key;
  }
  try {
    return fs.realpathSync(path.resolve(ctx.io.cwd, file));
  } catch {
    throw new UsageError(`cannot read the blueprint ${file}`, ctx.command.name);
  }
}

/** A blueprint file as JSON; a missing or unparsable file is a usage error naming it. */
export function readBlueprintFile(ctx: CommandContext, file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(ctx.io.cwd, file), 'utf8');
  } catch {
    throw new UsageError(`cannot read the blueprint ${file}`, ctx.command.name);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, ctx.command.name);
  }
}
