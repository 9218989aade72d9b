import path from 'node:path';
import { api } from '../api';
import type { CommandContext } from '../command';
import { UsageError } from '../errors';
import type { App, HookRegistrar } from '../../index';
import { parseParamFlag } from './params';
import { verboseLogger } from './verbose';

/** The sandbox's documented demo key (DESIGN.md "The sandbox"): used with a base URL but no key. */
/** Without its trailing slashes, by a loop: `/\/+$/` is quadratic on a long run of slashes (issue 16). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

export const SANDBOX_DEMO_KEY = 'sandbox-demo-key';

/** Where requests go and with which credentials; `close` stops an embedded sandbox. */
export interface ResolvedTarget {
  /** The connection's values by parameter name (DESIGN Round 2); ChartMogul's `{ apiKey }`. */
  connection: Record<string, unknown>;
  /** Base URL replacing the real API's origin; undefined = the real ChartMogul API. */
  target?: string;
  /** For messages: never contains the key. */
  description: string;
  /** The embedded sandbox takes the URLs of hooks without attach (createHook's registrar). */
  hookRegistrar?: HookRegistrar;
  close(): Promise<void>;
}

const nothingToClose = async () => {};

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The file database of the CLI's sandboxes: `.sandbox/chartmogul.db` in the app folder. */
export function sandboxDbPath(appDir: string): string {
  return path.join(appDir, '.sandbox', 'chartmogul.db');
}

/** `--connection k=v` values (JSON when they parse), by parameter name. */
function connectionFlags(ctx: CommandContext): Record<string, unknown> {
  return Object.fromEntries(ctx.flagList('connection').map((f) => parseParamFlag(f, ctx.command.name)));
}

/**
 * The connection and target of commands that call the API. Flags beat environment variables:
 * `--api-key` / CHARTMOGUL_API_KEY, `--base-url` / CHARTMOGUL_BASE_URL; `--connection k=v` gives any
 * other value of the app's connection. For an app the sandbox emulates, a base URL without a key
 * uses the sandbox demo key and neither starts the embedded sandbox; any other app runs against its
 * own API, or the base URL given (no sandbox stands in for it).
 */
export async function resolveTarget(
  ctx: CommandContext,
  app: Pick<App, 'dir' | 'base'>,
): Promise<ResolvedTarget> {
  const apiKey = nonEmpty(ctx.flag('api-key')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_API_KEY);
  const baseUrl = nonEmpty(ctx.flag('base-url')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_BASE_URL);
  const given = { ...connectionFlags(ctx), ...(apiKey !== undefined ? { apiKey } : {}) };
  const emulated = api().sandboxServes(app);
  if (emulated && Object.keys(given).length === 0 && baseUrl === undefined)
    return startEmbeddedSandbox(app.dir);
  if (baseUrl === undefined) {
    const description = emulated ? 'the ChartMogul API' : "the app's API";
    return { connection: given, description, close: nothingToClose };
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url: not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--base-url: expected http(s), got ${baseUrl}`);
  return {
    connection: emulated && given.apiKey === undefined ? { ...given, apiKey: SANDBOX_DEMO_KEY } : given,
    target: withoutTrailingSlashes(baseUrl),
    description: url.origin,
    close: nothingToClose,
  };
}

/**
 * The embedded sandbox: on a free loopback port, over the app's file database, seeded with the demo
 * data when the file is new.
 */
export async function startEmbeddedSandbox(appDir: string): Promise<ResolvedTarget> {
  const { startSandbox } = api();
  // The sandbox creates `.sandbox` itself, readable by its owner only (the data may be customers').
  const sandbox = await startSandbox({ port: 0, dbPath: sandboxDbPath(appDir), seed: 'demo' });
  return {
    connection: { apiKey: sandbox.apiKey },
    target: sandbox.url,
    description: `the embedded sandbox at ${sandbox.url}`,
    hookRegistrar: sandbox.webhookDestinations,
    close: () => sandbox.close(),
  };
}

/** The options every engine call of the CLI passes: the resolved credentials and target, and `--verbose`. */
export function engineOptions(
  ctx: CommandContext,
  target: ResolvedTarget,
): { connection: Record<string, unknown>; target?: string; logger?: (event: unknown) => void } {
  const logger = verboseLogger(ctx);
  return {
    connection: target.connection,
    ...(target.target ? { target: target.target } : {}),
    ...(logger ? { logger } : {}),
  };
}

/** Resolves the connection and target, runs `work`, and always stops an embedded sandbox afterwards. */
export async function withTarget<T>(
  ctx: CommandContext,
  app: Pick<App, 'dir' | 'base'>,
  work: (target: ResolvedTarget) => Promise<T>,
): Promise<T> {
  const target = await resolveTarget(ctx, app);
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}
