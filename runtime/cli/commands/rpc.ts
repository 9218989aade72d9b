import { api } from '../api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { formatTable, printResult } from '../helpers/output';
import { readParameters } from '../helpers/params';
import { resolveTarget } from '../helpers/target';
import { verboseLogger } from '../helpers/verbose';

function isOptionList(value: unknown): value is { label: unknown; value: unknown }[] {
  return Array.isArray(value) && value.every((o) => o !== null && typeof o === 'object' && 'value' in o);
}

/** `rpc RPC`: one RPC through the engine; prints its options as `value  label` (or its raw result). */
export const rpcCommand: Command = {
  name: 'rpc',
  usage: 'rpc RPC [--param k=v]... [--params FILE|-]',
  summary: 'runs one RPC and prints its options',
  flags: [
    {
      name: 'param',
      value: 'k=v',
      repeatable: true,
      description: 'a parameter value (JSON when it parses, else text)',
    },
    { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
  ],
  maxPositionals: 1,
  async run(ctx) {
    const rpcId = ctx.positionals[0];
    if (!rpcId) throw new UsageError('rpc needs an RPC id (see `chartmogul-connector rpcs`)', 'rpc');
    const app = await api().loadApp(resolveAppDir(ctx));
    const parameters = await readParameters(ctx);
    const target = await resolveTarget(ctx, app.dir);
    try {
      const logger = verboseLogger(ctx);
      const result = await api().runRpc(app, rpcId, {
        parameters,
        connection: target.connection,
        ...(target.target ? { target: target.target } : {}),
        ...(logger ? { logger } : {}),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
      });
      printResult(ctx, result, () =>
        isOptionList(result)
          ? formatTable(result.map((o) => [String(o.value), String(o.label ?? '')]))
          : [JSON.stringify(result, null, 2)],
      );
      return EXIT.ok;
    } finally {
      await target.close();
    }
  },
};
