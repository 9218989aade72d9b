import path from 'node:path';
import { api } from '../api';
import { APP_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { parsePort, untilAborted } from '../helpers/serve';
import { printJson, printLines } from '../helpers/output';
import { sandboxDbPath } from '../helpers/target';

export const sandboxCommand: Command = {
  name: 'sandbox',
  usage:
    'sandbox [--port 4010] [--host 127.0.0.1] [--db FILE] [--seed demo|none] [--api-key KEY]... [--no-limits] [--faults SPEC] [--clock ISO]',
  summary: 'runs the offline ChartMogul API alone; prints `listening on http://127.0.0.1:PORT`',
  flags: [
    { name: 'port', value: 'PORT', description: 'port to listen on (default 4010; 0 = any free port)' },
    { name: 'host', value: 'HOST', description: 'address to bind (default 127.0.0.1)' },
    {
      name: 'db',
      value: 'FILE',
      description: 'SQLite file (default .sandbox/chartmogul.db in the app folder)',
    },
    {
      name: 'seed',
      value: 'demo|none',
      description: 'load the demo data into a new database (default demo)',
    },
    {
      name: 'api-key',
      value: 'KEY',
      repeatable: true,
      description: 'an accepted API key (repeatable; default the demo key sandbox-demo-key)',
    },
    { name: 'no-limits', description: 'turn off the 40 requests/s and 20 in-flight limits' },
    {
      name: 'faults',
      value: 'SPEC',
      description: 'fault injection, e.g. "latency=50,503=0.05,429=0.02,drop=0.02,seed=7"',
    },
    { name: 'clock', value: 'ISO', description: 'fix the clock (and make generated ids reproducible)' },
  ],
  commonFlags: APP_FLAGS,
  maxPositionals: 0,
  async run(ctx) {
    const port = parsePort(ctx.flag('port'), 4010, 'sandbox');
    const seed = ctx.flag('seed') ?? 'demo';
    if (seed !== 'demo' && seed !== 'none')
      throw new UsageError(`--seed must be demo or none, got ${seed}`, 'sandbox');
    const clock = ctx.flag('clock');
    // Read as the sandbox reads it (Date.parse), but before the database is opened or created.
    if (clock !== undefined && !Number.isFinite(Date.parse(clock)))
      throw new UsageError(`--clock: not an ISO 8601 timestamp: ${clock}`, 'sandbox');
    const dbFlag = ctx.flag('db');
    // `:memory:` is SQLite's name for a database that lives in memory, not a file name to resolve.
    const dbPath =
      dbFlag === undefined
        ? sandboxDbPath(resolveAppDir(ctx))
        : dbFlag === ':memory:'
          ? dbFlag
          : path.resolve(ctx.io.cwd, dbFlag);
    const { startSandbox } = api();
    const spec = ctx.flag('faults');
    let faults;
    if (spec !== undefined) {
      const { parseFaults } = api();
      try {
        faults = parseFaults(spec);
      } catch (err) {
        throw new UsageError(`--faults: ${(err as Error).message}`, 'sandbox');
      }
    }
    // The sandbox creates the database's folder itself, readable by its owner only.
    const apiKeys = ctx.flagList('api-key');
    const host = ctx.flag('host');
    // The demo data goes into a new file only: the sandbox seeds when it creates the database.
    const sandbox = await startSandbox({
      port,
      dbPath,
      seed,
      limits: !ctx.has('no-limits'),
      ...(host !== undefined ? { host } : {}),
      ...(apiKeys.length > 0 ? { apiKeys } : {}),
      ...(faults !== undefined ? { faults } : {}),
      ...(clock !== undefined ? { clock } : {}),
    });
    if (ctx.json) printJson(ctx, { url: sandbox.url, db: dbPath });
    else printLines(ctx, [`listening on ${sandbox.url}`]);
    await untilAborted(ctx.io.signal);
    await sandbox.close();
    return EXIT.ok;
  },
};
