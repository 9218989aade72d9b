import path from 'node:path';
import type { CommandContext } from '../command';

/**
 * The run history file of commands that read or write it: `--history FILE`, else CHARTMOGUL_HISTORY
 * (either relative to the working directory); neither → the runtime's default in the app folder.
 */
export function historyOption(ctx: CommandContext): { historyPath?: string } {
  const given = [ctx.flag('history'), ctx.io.env.CHARTMOGUL_HISTORY].find(
    (v) => v !== undefined && v.trim() !== '',
  );
  return given === undefined ? {} : { historyPath: path.resolve(ctx.io.cwd, given) };
}

/** How to name the history in a command line printed for the user: the flag, when one was given. */
export function historyFlagText(ctx: CommandContext): string {
  const flag = ctx.flag('history');
  return flag === undefined ? '' : ` --history ${flag}`;
}
