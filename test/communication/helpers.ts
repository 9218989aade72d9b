/**
 * Test helpers for the engine: a loopback HTTP server that records every request and answers with a
 * handler the test sets, and a builder for small App objects from inline definitions.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, ModuleInfo, RpcInfo, ConnectionInfo, JsonObject } from '../../runtime/types/app';

export interface Recorded {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
}

export type Handler = (req: Recorded, n: number) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  handle: Handler;
  inFlight: number;
  maxInFlight: number;
  /** Arrival times (ms) of every request, for window counting. */
  arrivals: number[];
  close(): Promise<void>;
}

export async function startTestServer(handle: Handler = () => ({ body: {} })): Promise<TestServer> {
  const state: TestServer = {
    url: '',
    requests: [],
    handle,
    inFlight: 0,
    maxInFlight: 0,
    arrivals: [],
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    state.arrivals.push(performance.now());
    let finished = false;
    const done = () => {
      if (!finished) {
        finished = true;
        state.inFlight--;
      }
    };
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const rec: Recorded = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(rec);
      const reply = await state.handle(rec, state.requests.length);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.drop) {
        req.socket.destroy();
        done();
        return;
      }
      if (res.destroyed) return;
      const isJson =
        reply.body !== undefined &&
        (typeof reply.body !== 'string' || reply.headers?.['content-type'] === undefined);
      const payload =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string' && !isJson
            ? reply.body
            : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        ...(isJson ? { 'content-type': 'application/json' } : {}),
        ...(reply.headers ?? {}),
      });
      res.end(payload);
    });
  });
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** The API origin the fixture Base points at; tests reach the loopback server through `target`. */
export const API = 'https://api.example.test';

export interface AppFixture {
  base?: JsonObject;
  common?: JsonObject;
  modules?: Partial<ModuleInfo>[];
  rpcs?: Partial<RpcInfo>[];
  connection?: Partial<ConnectionInfo>;
}

export const AUTH_HEADER = "Basic {{base64(connection.apiKey + ':')}}";

/** A GET and a POST of `/v1/x` that output the body: the pair the transport tests (retries, timeouts) send. */
export const GET_AND_POST: Partial<ModuleInfo>[] = [
  { id: 'get', communication: { url: '/v1/x', response: { output: '{{body}}' } } as never },
  {
    id: 'post',
    communication: {
      url: '/v1/x',
      method: 'POST',
      body: { a: 1 },
      response: { output: '{{body}}' },
    } as never,
  },
];

/** A small app: Base with baseUrl, Basic auth from the API key, sanitized Authorization. */
export function makeApp(f: AppFixture): App {
  const base: JsonObject = f.base ?? {
    baseUrl: API,
    headers: { Authorization: AUTH_HEADER },
    log: { sanitize: ['request.headers.authorization'] },
  };
  return {
    dir: '/nonexistent',
    name: 'chartmogul',
    base,
    common: f.common ?? {},
    groups: [],
    readme: '',
    connections: [
      {
        id: 'conn',
        label: 'Conn',
        connectionType: 'basic',
        params: [{ name: 'apiKey', type: 'password', label: 'API Key', required: true }],
        communication: {
          url: `${API}/v1/account`,
          headers: { Authorization: AUTH_HEADER },
          response: { metadata: { type: 'text', value: '{{body.name}}' } },
        },
        files: {},
        ...(f.connection ?? {}),
      } as ConnectionInfo,
    ],
    modules: (f.modules ?? []).map(
      (m) =>
        ({
          id: 'mod',
          label: 'Mod',
          type: 'action',
          description: '',
          connection: 'conn',
          staticParams: [],
          mappableParams: [],
          interface: [],
          samples: {},
          communication: { url: '/v1/x' },
          files: {},
          ...m,
        }) as ModuleInfo,
    ),
    rpcs: (f.rpcs ?? []).map(
      (r) =>
        ({
          id: 'rpc',
          label: 'Rpc',
          connection: 'conn',
          params: [],
          communication: { url: '/v1/x' },
          files: {},
          ...r,
        }) as RpcInfo,
    ),
  };
}

export const KEY = 'sk_live_RECOGNIZABLE_KEY_0123456789';

/** Options every engine test uses: the loopback target, fast retries. */
export function opts(server: TestServer, extra: Record<string, unknown> = {}) {
  return {
    target: server.url,
    connection: { apiKey: KEY },
    retry: { minDelayMs: 5, maxDelayMs: 50 },
    ...extra,
  };
}
