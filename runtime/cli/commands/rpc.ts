import { api } from '../api';
import { API_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { requireKnownId } from '../helpers/known-id';
import { formatTable, printResult } from '../helpers/output';
import { PARAMETER_FLAGS, readParameters } from '../helpers/params';
import { engineOptions, withTarget } from '../helpers/target';

function isOptionList(value: unknown): value is { label: unknown; value: unknown }[] {
  return Array.isArray(value) && value.every((o) => o !== null && typeof o === 'object' && 'value' in o);
}

/** `rpc RPC`: one RPC through the engine; prints its options as `value  label` (or its raw result). */
export const rpcCommand: Command = {
  name: 'rpc',
  usage: 'rpc RPC [--param k=v]... [--params FILE|-]',
  summary: 'runs one RPC and prints its options',
  flags: PARAMETER_FLAGS,
  commonFlags: API_FLAGS,
  maxPositionals: 1,
  async run(ctx) {
    const rpcId = ctx.positionals[0];
    if (!rpcId) throw new UsageError('rpc needs an RPC id (see `chartmogul-connector rpcs`)', 'rpc');
    const app = await loadCommandApp(resolveAppDir(ctx));
    requireKnownId('RPC', rpcId, app.rpcs, 'rpc');
    const parameters = await readParameters(ctx);
    return withTarget(ctx, app, async (target) => {
      const result = await api().runRpc(app, rpcId, {
        parameters,
        ...engineOptions(ctx, target),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      });
      printResult(ctx, result, () =>
        isOptionList(result)
          ? formatTable(result.map((o) => [String(o.value), String(o.label ?? '')]))
          : [JSON.stringify(result, null, 2)],
      );
      return EXIT.ok;
    });
  },
};
