import path from 'node:path';
import { api } from '../api';
import type { CommandContext } from '../command';
import { UsageError } from '../errors';
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
  connection: { apiKey: string };
  /** Base URL replacing the real API's origin; undefined = the real ChartMogul API. */
  target?: string;
  /** For messages: never contains the key. */
  description: string;
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

/**
 * The connection and target of commands that call the API. Flags beat environment variables:
 * `--api-key` / CHARTMOGUL_API_KEY, `--base-url` / CHARTMOGUL_BASE_URL. A base URL without a key
 * uses the sandbox demo key; neither starts the embedded sandbox.
 */
export async function resolveTarget(ctx: CommandContext, appDir: string): Promise<ResolvedTarget> {
  const apiKey = nonEmpty(ctx.flag('api-key')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_API_KEY);
  const baseUrl = nonEmpty(ctx.flag('base-url')) ?? nonEmpty(ctx.io.env.CHARTMOGUL_BASE_URL);
  if (apiKey === undefined && baseUrl === undefined) return startEmbeddedSandbox(appDir);
  if (baseUrl === undefined) {
    return { connection: { apiKey: apiKey! }, description: 'the ChartMogul API', close: nothingToClose };
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
    connection: { apiKey: apiKey ?? SANDBOX_DEMO_KEY },
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
    close: () => sandbox.close(),
  };
}

/** The options every engine call of the CLI passes: the resolved credentials and target, and `--verbose`. */
export function engineOptions(
  ctx: CommandContext,
  target: ResolvedTarget,
): { connection: { apiKey: string }; target?: string; logger?: (event: unknown) => void } {
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
  appDir: string,
  work: (target: ResolvedTarget) => Promise<T>,
): Promise<T> {
  const target = await resolveTarget(ctx, appDir);
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}
