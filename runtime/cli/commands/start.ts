/**
 * `start`: the workbench server. Prints exactly `http://HOST:PORT/?token=TOKEN` and serves until
 * Ctrl-C. No key and no base URL → the server's embedded sandbox (started on first use).
 */
import { api } from '../api';
import { parseParamFlag } from '../helpers/params';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { resolveAppDir } from '../helpers/app-dir';
import { historyOption } from '../helpers/history';
import { parsePort, untilAborted } from '../helpers/serve';
import { printJson, printLines } from '../helpers/output';
import { withoutTrailingSlashes } from '../helpers/target';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** 127.0.0.0/8, localhost, ::1: only this machine can connect. */
function isLoopbackHost(host: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || ['localhost', '::1', '[::1]'].includes(host.toLowerCase());
}

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--port 8080] [--host 127.0.0.1]',
  summary: 'the workbench server; embedded sandbox unless an API key is given',
  flags: [
    { name: 'port', value: 'PORT', description: 'port to listen on (default 8080; 0 = any free port)' },
    { name: 'host', value: 'HOST', description: 'address to bind (default 127.0.0.1)' },
  ],
  commonFlags: ['app', 'api-key', 'connection', 'base-url', 'history'],
  maxPositionals: 0,
  async run(ctx) {
    const port = parsePort(ctx.flag('port'), 8080, 'start');
    const host = nonEmpty(ctx.flag('host')) ?? '127.0.0.1';
    const apiKey = nonEmpty(ctx.flag('api-key')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_API_KEY);
    const baseUrl = nonEmpty(ctx.flag('base-url')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_BASE_URL);
    if (baseUrl !== undefined) {
      let url: URL | undefined;
      try {
        url = new URL(baseUrl);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
        throw new UsageError(`--base-url: not an http(s) URL: ${baseUrl}`, 'start');
    }
    const given = {
      ...Object.fromEntries(ctx.flagList('connection').map((f) => parseParamFlag(f, 'start'))),
      ...(apiKey !== undefined ? { apiKey } : {}),
    };
    const { startServer } = api();
    const server = await startServer({
      port,
      host,
      appDir: resolveAppDir(ctx),
      ...historyOption(ctx),
      // A base URL without a key: the server uses the sandbox demo key there (DESIGN.md "Command
      // line") for the app the sandbox emulates, and no key for any other app.
      ...(Object.keys(given).length > 0 ? { connection: given } : {}),
      ...(baseUrl !== undefined ? { target: withoutTrailingSlashes(baseUrl) } : {}),
    });
    if (ctx.json) printJson(ctx, { url: server.url });
    else printLines(ctx, [server.url]);
    if (!isLoopbackHost(host))
      ctx.io.stderr.write(
        `warning: the workbench listens on ${host}, so it is reachable from the network: anyone who can reach this machine and learns the token can drive it with your API key. Use --host 127.0.0.1 to keep it local.\n`,
      );
    await untilAborted(ctx.io.signal);
    await server.close();
    return EXIT.ok;
  },
};
