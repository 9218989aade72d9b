/** Starts a sandbox for a test and hands out the official SDK configured against it (no retries). */
import http from 'node:http';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox';

// The SDK ships no types; the tests use it exactly as its README does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ChartMogul: any = require('chartmogul-node');

export interface SdkSandbox {
  sandbox: RunningSandbox;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  config: any;
}

export async function startWithSdk(options: SandboxOptions = {}): Promise<SdkSandbox> {
  const sandbox = await startSandbox({ limits: false, ...options });
  const config = new ChartMogul.Config(sandbox.apiKey, sandbox.url);
  config.retries = 0;
  return { sandbox, config };
}

/** A rejected SDK call's HTTP status and parsed body. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { status?: number; response?: { body?: unknown } };
    return { status: e.status ?? -1, body: e.response?.body };
  }
  throw new Error('expected the call to fail');
}

/** Raw HTTP against the sandbox with the key (for what the SDK cannot send: bad JSON, GET bodies, odd headers). */
export function raw(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      sandbox.url + path,
      {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}`,
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          connection: 'close',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : JSON.parse(text),
            headers: res.headers,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function stats(
  sandbox: RunningSandbox,
): Promise<{ requests: Record<string, number>; writes: Record<string, number> }> {
  const res = await fetch(`${sandbox.url}/__sandbox/stats`, { headers: { connection: 'close' } });
  return (await res.json()) as { requests: Record<string, number>; writes: Record<string, number> };
}

/**
 * chartmogul-node 3.12 warns on every Subscription.all, the import-API list the app's subscription modules
 * use (and these tests read); that warning is expected in the enclosing block, and any other fails the test.
 */
export function expectOnlySubscriptionAllWarnings(): void {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    const unexpected = warn.mock.calls.filter(
      ([msg]) => !/^\[DEPRECATED\] Subscription\.all /.test(String(msg)),
    );
    warn.mockRestore();
    expect(unexpected).toEqual([]);
  });
}
