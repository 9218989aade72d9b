import type { CommandContext } from '../command';

/**
 * The logger to hand to the engine (RunOptions.logger) for --verbose: one line per event on stderr.
 * The engine sanitizes events before logging (secrets masked); undefined without --verbose.
 */
export function verboseLogger(ctx: CommandContext): ((event: unknown) => void) | undefined {
  if (!ctx.verbose) return undefined;
  return (event) => ctx.io.stderr.write(`${JSON.stringify(event)}\n`);
}
