/**
 * A recognizable API key goes through success, 401, 500 (with the server echoing the request back),
 * dry-run and verbose logging, on the project's real definitions: neither the key, nor its
 * Authorization header, nor their base64 forms appear in any output, log event or thrown error.
 */
import path from 'node:path';
import util from 'node:util';
import { loadApp } from '../../runtime/definitions';
import { runModule, runRpc, verifyConnection } from '../../runtime/communication';
import type { App } from '../../runtime/types/app';
import { startTestServer, TestServer } from './helpers';

const KEY = 'cm_live_SUPER_SECRET_api_key_4242';
const AUTH = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
const FORBIDDEN = [
  KEY,
  AUTH,
  Buffer.from(`${KEY}:`).toString('base64'),
  Buffer.from(KEY).toString('base64'),
  encodeURIComponent(KEY),
];

let server: TestServer;
let app: App;
const events: unknown[] = [];
const outputs: unknown[] = [];

beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..'));
  server = await startTestServer();
});
afterAll(() => server.close());

function expectClean(value: unknown): void {
  const text = [
    typeof value === 'string'
      ? value
      : JSON.stringify(value, value instanceof Error ? Object.getOwnPropertyNames(value) : undefined),
    util.inspect(value, { depth: Infinity, showHidden: true, getters: true }),
  ].join('\n');
  for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
}

const run = (moduleId: string, extra: Record<string, unknown> = {}) =>
  runModule(app, moduleId, {
    target: server.url,
    connection: { apiKey: KEY },
    retry: false,
    logger: (e) => events.push(e),
    ...extra,
  });

/** The server echoes what it received, Authorization header included. */
const echo = (status: number) => (req: { headers: Record<string, unknown>; url: string }) => ({
  status,
  body: {
    message: `you sent ${String(req.headers.authorization)}`,
    echoed: req.headers,
    url: req.url,
    key: KEY,
  },
});

test('the key reaches the server as Basic auth (sanity check of the test itself)', async () => {
  server.handle = () => ({ body: { uuid: 'cus_1', name: 'A' } });
  const result = await run('getCustomer', { parameters: { customer_uuid: 'cus_1' } });
  outputs.push(result);
  expect(server.requests.at(-1)!.headers.authorization).toBe(AUTH);
  expectClean(result);
});

test.each([401, 500, 422, 429])(
  'an error answer (%i) echoing the credentials is scrubbed from the thrown error',
  async (status) => {
    server.handle = echo(status);
    const err = await run('getCustomer', { parameters: { customer_uuid: 'cus_1' } }).catch((e) => e);
    expect(err.statusCode).toBe(status);
    expect(err.message).toContain('***');
    expectClean(err);
  },
);

test("a success answer echoing the key: the key stays in the data (it is the API's answer), never in logs", async () => {
  server.handle = echo(200);
  events.length = 0;
  await run('makeApiCall', { parameters: { url: '/v1/echo', method: 'GET' } });
  expect(events.length).toBeGreaterThan(1);
  expectClean(events);
});

test('dry-run output masks the Authorization header and its curl line', async () => {
  const before = server.requests.length;
  const result = await run('createCustomer', {
    dryRun: true,
    parameters: { data_source_uuid: 'ds_1', external_id: 'x', name: 'N' },
  });
  expect(server.requests.length).toBe(before);
  expect(result.requests[0].headers.Authorization).toBe('***');
  expect(result.requests[0].curl).toContain("-H 'Authorization: ***'");
  expectClean(result);
});

test('the connection test, an RPC and a universal call with a header naming the key', async () => {
  server.handle = () => ({ status: 401, body: { message: `bad key ${KEY}` } });
  const conn = await verifyConnection(app, {
    target: server.url,
    connection: { apiKey: KEY },
    retry: false,
    logger: (e) => events.push(e),
  }).catch((e) => e);
  expect(conn.name).toBe('InvalidAccessTokenError');
  expectClean(conn);
  server.handle = () => ({ status: 500, body: 'internal error' });
  const rpcErr = await runRpc(app, 'rpcPlans', {
    target: server.url,
    connection: { apiKey: KEY },
    retry: false,
  }).catch((e) => e);
  expectClean(rpcErr);
  server.handle = echo(400);
  const uni = await run('makeApiCall', {
    parameters: {
      url: '/v1/x',
      method: 'POST',
      headers: [{ key: 'X-Api-Key', value: KEY }],
      body: { k: KEY },
    },
  }).catch((e) => e);
  expect(uni.name).toBe('DataError');
  expectClean(uni);
});

test('verbose logging across all of the above never shows a credential', () => {
  expect(events.length).toBeGreaterThan(5);
  expectClean(events);
  expectClean(outputs);
});

test('an IML failure whose message quotes a value does not carry the key', async () => {
  const { makeApp } = await import('./helpers');
  const broken = makeApp({
    modules: [
      {
        id: 'b',
        communication: {
          url: "/v1/{{connection.apiKey + ''}}",
          qs: {
            n: '{{parseNumber(connection.apiKey)}}',
            x: '{{length(connection.apiKey, connection.apiKey, 1, 2, 3)}}',
          },
        } as never,
      },
    ],
  });
  const err = await runModule(broken, 'b', {
    target: server.url,
    connection: { apiKey: KEY },
    retry: false,
  }).catch((e) => e);
  expectClean(err);
  expectClean(String(err));
});

test('scrubError masks the key in message, stack, body excerpt and causes', async () => {
  const { Secrets, scrubError } = await import('../../runtime/communication/sanitize');
  const secrets = new Secrets();
  secrets.addHeaderValue(AUTH);
  const err = Object.assign(new Error(`value ${KEY} is odd`, { cause: new Error(`inner ${AUTH}`) }), {
    bodyExcerpt: `{"k":"${KEY}"}`,
  });
  scrubError(err, secrets);
  expectClean(err);
  expect(err.message).toBe('value *** is odd');
});

test('a header value is learned with its parts even when the whole value was a secret already', async () => {
  const { Secrets } = await import('../../runtime/communication/sanitize');
  const secrets = new Secrets();
  // A connection field holding the whole header value is learned first (as the engine does).
  secrets.add('Bearer tok-123456');
  secrets.addHeaderValue('Bearer tok-123456');
  expect(secrets.scrub('token tok-123456 seen')).toBe('token *** seen');
  // Learning it again (every request of a run) changes nothing.
  secrets.addHeaderValue('Bearer tok-123456');
  expect(secrets.scrub('Bearer tok-123456')).toBe('***');
});
