import { api } from '../api';
import type { CommandContext } from '../command';
import { UsageError } from '../errors';

/**
 * `--timezone TZ`, checked up front by every command that takes it: an unknown zone is bad input
 * (exit 2), and the IML would otherwise quietly evaluate in UTC.
 */
export function timezoneFlag(ctx: CommandContext): string | undefined {
  const timezone = ctx.flag('timezone');
  if (timezone !== undefined && !api().isValidZone(timezone))
    throw new UsageError(
      `--timezone: unknown time zone ${timezone} (use an IANA name such as Europe/Prague)`,
      ctx.command.name,
    );
  return timezone;
}
