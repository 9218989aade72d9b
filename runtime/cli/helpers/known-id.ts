import { api } from '../api';
import { UsageError } from '../errors';

/**
 * Checks a module or RPC id named on the command line before anything runs: an id the app lacks is
 * a usage mistake (exit 2), not a failed run, and the message suggests the nearest id.
 */
export function requireKnownId(
  kind: 'module' | 'RPC',
  id: string,
  known: { id: string }[],
  command: string,
): void {
  if (known.some((k) => k.id === id)) return;
  const hint = api().didYouMean(
    id,
    known.map((k) => k.id),
  );
  const list = kind === 'module' ? 'modules' : 'rpcs';
  const help = hint || ` (list them with \`chartmogul-connector ${list}\`)`;
  throw new UsageError(`this app has no ${kind} ${id}${help}`, command);
}
