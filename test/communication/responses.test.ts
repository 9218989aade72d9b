import { runModule, runRpc, verifyConnection } from '../../runtime/communication';
import {
  ConnectionError,
  DataError,
  InvalidAccessTokenError,
  RateLimitError,
  RuntimeError,
} from '../../runtime/errors';
import { AUTH_HEADER, makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
});

const one = (communication: unknown, type = 'action') =>
  makeApp({
    modules: [
      {
        id: 'm',
        type: type as never,
        communication: communication as never,
        mappableParams: [{ name: 'limit', type: 'uinteger' }],
      },
    ],
  });
const noRetry = (extra: Record<string, unknown> = {}) => opts(server, { retry: false, ...extra });

describe('response parsing', () => {
  test('response.type by status range: the smallest matching range wins', async () => {
    server.handle = (_r, n) => ({
      status: n === 1 ? 201 : 200,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const app = one({
      url: '/v1/x',
      response: { type: { '*': 'json', '200-299': 'binary', '201': 'text' }, output: { v: '{{body}}' } },
    });
    expect((await runModule(app, 'm', noRetry())).bundles).toEqual([{ v: '{"a":1}' }]);
    const second = (await runModule(app, 'm', noRetry())).bundles[0].v;
    expect(Buffer.isBuffer(second)).toBe(true);
  });

  test('automatic type goes by Content-Type: json, urlencoded, text', async () => {
    const replies = [
      { headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"k":"json"}' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'k=form&n=1' },
      { headers: { 'content-type': 'text/plain' }, body: 'just text' },
    ];
    server.handle = (_r, n) => replies[(n - 1) % 3];
    const app = one({ url: '/v1/x', response: { output: { v: '{{body}}' } } });
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await runModule(app, 'm', noRetry())).bundles[0].v);
    expect(got).toEqual([{ k: 'json' }, { k: 'form', n: '1' }, 'just text']);
  });

  test('response.temp is evaluated before output and is visible to it', async () => {
    server.handle = () => ({ body: { a: 2 } });
    const app = one({
      url: '/v1/x',
      response: { temp: { doubled: '{{body.a * 2}}' }, output: { d: '{{temp.doubled}}' } },
    });
    expect((await runModule(app, 'm', noRetry())).bundles).toEqual([{ d: 4 }]);
  });
});

describe("errors: error vs valid, Make's message and type precedence", () => {
  const error = {
    message: 'general {{statusCode}}',
    type: 'DataError',
    '404': { message: 'status {{body.why}}', type: 'RuntimeError' },
    '200': { message: 'status-200', type: 'DuplicateDataError' },
  };

  test('a 4xx/5xx uses error.<status> first, then error.message/type', async () => {
    server.handle = (_r, n) => ({ status: n === 1 ? 404 : 422, body: { why: 'gone' } });
    const app = one({ url: '/v1/x', response: { error } });
    await expect(runModule(app, 'm', noRetry())).rejects.toMatchObject({
      name: 'RuntimeError',
      message: 'status gone',
      statusCode: 404,
    });
    await expect(runModule(app, 'm', noRetry())).rejects.toMatchObject({
      name: 'DataError',
      message: 'general 422',
    });
  });

  test('valid false: valid.message/type, then error.<status>, then error, then "Response marked as invalid."', async () => {
    server.handle = () => ({ status: 200, body: { ok: false } });
    const withValid = one({
      url: '/v1/x',
      response: {
        valid: { condition: '{{body.ok}}', message: 'valid says no', type: 'IncompleteDataError' },
        error,
      },
    });
    await expect(runModule(withValid, 'm', noRetry())).rejects.toMatchObject({
      name: 'IncompleteDataError',
      message: 'valid says no',
    });
    const perStatus = one({ url: '/v1/x', response: { valid: '{{body.ok}}', error } });
    await expect(runModule(perStatus, 'm', noRetry())).rejects.toMatchObject({
      name: 'DuplicateDataError',
      message: 'status-200',
    });
    const general = one({
      url: '/v1/x',
      response: { valid: '{{body.ok}}', error: { message: 'general', type: 'DataError' } },
    });
    await expect(runModule(general, 'm', noRetry())).rejects.toMatchObject({
      name: 'DataError',
      message: 'general',
    });
    const bare = one({ url: '/v1/x', response: { valid: '{{body.ok}}' } });
    const err = await runModule(bare, 'm', noRetry()).catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err.message).toBe('Response marked as invalid.');
  });

  test('status-specific 2xx entries apply only through valid', async () => {
    server.handle = () => ({ status: 200, body: { ok: true } });
    const app = one({ url: '/v1/x', response: { error, output: '{{body}}' } });
    expect((await runModule(app, 'm', noRetry())).bundles).toEqual([{ ok: true }]);
  });

  test.each([
    [401, InvalidAccessTokenError],
    [403, InvalidAccessTokenError],
    [429, RateLimitError],
    [502, ConnectionError],
    [503, ConnectionError],
    [504, ConnectionError],
    [400, RuntimeError],
    [500, RuntimeError],
  ])('default error type by status when the definition gives none: %i', async (status, Type) => {
    server.handle = () => ({
      status,
      body: { message: `server said ${status}` },
      headers: { 'retry-after': '7' },
    });
    const err = await runModule(one({ url: '/v1/x' }), 'm', noRetry()).catch((e) => e);
    expect(err).toBeInstanceOf(Type);
    expect(err.constructor).toBe(Type);
    expect(err.message).toBe(`[${status}] server said ${status}`);
    expect(err.statusCode).toBe(status);
    expect(err.bodyExcerpt).toBe(JSON.stringify({ message: `server said ${status}` }));
    if (status === 429) expect(err.retryAfter).toBe(7);
  });

  test('a non-JSON error body still gives a message and an excerpt', async () => {
    server.handle = () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Oops</h1>' });
    const err = await runModule(one({ url: '/v1/x' }), 'm', noRetry()).catch((e) => e);
    expect(err).toMatchObject({
      name: 'RuntimeError',
      message: '[500] <h1>Oops</h1>',
      bodyExcerpt: '<h1>Oops</h1>',
    });
  });

  test("an error type outside Make's list falls back to RuntimeError", async () => {
    server.handle = () => ({ status: 400, body: {} });
    const err = await runModule(
      one({ url: '/v1/x', response: { error: { message: 'm', type: 'NoSuchError' } } }),
      'm',
      noRetry(),
    ).catch((e) => e);
    expect(err.name).toBe('RuntimeError');
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err).not.toBeInstanceOf(DataError);
  });
});

describe('iterate, output, wrapper, limit', () => {
  const list = {
    entries: [
      { id: 1, keep: true },
      { id: 2, keep: false },
      { id: 3, keep: true },
      { id: 4, keep: true },
    ],
  };

  test('iterate (IML) → output per item; search bundles carry __IMTINDEX__ and __IMTLENGTH__', async () => {
    server.handle = () => ({ body: list });
    const app = one(
      { url: '/v1/x', response: { iterate: '{{body.entries}}', output: { id: '{{item.id}}' } } },
      'search',
    );
    expect((await runModule(app, 'm', noRetry())).bundles).toEqual(
      [1, 2, 3, 4].map((id, i) => ({ id, __IMTINDEX__: i + 1, __IMTLENGTH__: 4 })),
    );
  });

  test('iterate {container, condition} filters items; output defaults to the item', async () => {
    server.handle = () => ({ body: list });
    const app = one(
      { url: '/v1/x', response: { iterate: { container: '{{body.entries}}', condition: '{{item.keep}}' } } },
      'search',
    );
    expect((await runModule(app, 'm', noRetry())).bundles.map((b) => b.id)).toEqual([1, 3, 4]);
  });

  test('output without iterate defaults to the body; an action yields exactly one bundle', async () => {
    server.handle = () => ({ body: { id: 'x' } });
    expect((await runModule(one({ url: '/v1/x' }), 'm', noRetry())).bundles).toEqual([{ id: 'x' }]);
    server.handle = () => ({ status: 204 });
    expect((await runModule(one({ url: '/v1/x', method: 'DELETE' }), 'm', noRetry())).bundles).toEqual([{}]);
  });

  test('wrapper is evaluated once with output (the list when iterating) and iterate.container', async () => {
    server.handle = () => ({ body: list });
    const app = one({
      url: '/v1/x',
      response: {
        iterate: '{{body.entries}}',
        output: '{{item.id}}',
        wrapper: { ids: '{{output}}', last: '{{iterate.container.last.id}}' },
      },
    });
    expect((await runModule(app, 'm', noRetry())).bundles).toEqual([{ ids: [1, 2, 3, 4], last: 4 }]);
  });

  test("limit cuts the items; in a chain only the last request's limit applies", async () => {
    server.handle = () => ({ body: list });
    const app = one(
      [
        { url: '/v1/first', response: { limit: 1, iterate: '{{body.entries}}' } },
        {
          url: '/v1/x',
          response: { iterate: '{{body.entries}}', output: '{{item}}', limit: '{{parameters.limit}}' },
        },
      ],
      'search',
    );
    const result = await runModule(app, 'm', noRetry({ parameters: { limit: 3 } }));
    expect(result.bundles.map((b) => [b.id, b.__IMTLENGTH__])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test('an RPC returns its output list ({label, value})', async () => {
    server.handle = () => ({ body: list });
    const app = makeApp({
      rpcs: [
        {
          id: 'r',
          communication: {
            url: '/v1/x',
            response: {
              iterate: '{{body.entries}}',
              output: { label: 'Item {{item.id}}', value: '{{item.id}}' },
            },
          } as never,
        },
      ],
    });
    expect(await runRpc(app, 'r', noRetry({ parameters: { anything: 'passed through' } }))).toEqual(
      [1, 2, 3, 4].map((id) => ({ label: `Item ${id}`, value: id })),
    );
  });
});

describe('connection', () => {
  test('verifyConnection: its own absolute request (retargeted), response.metadata as the label', async () => {
    server.handle = () => ({ body: { name: 'Acme Inc' } });
    const app = makeApp({});
    expect(await verifyConnection(app, noRetry())).toEqual({ ok: true, label: 'Acme Inc' });
    expect(server.requests[0].path).toBe('/v1/account');
    expect(server.requests[0].headers.authorization).toMatch(/^Basic /);
  });

  test('verifyConnection throws the typed error when the key is refused, and validates its parameters', async () => {
    server.handle = () => ({ status: 401, body: { message: 'bad key' } });
    await expect(verifyConnection(makeApp({}), noRetry())).rejects.toMatchObject({
      name: 'InvalidAccessTokenError',
      message: '[401] bad key',
    });
    server.requests = [];
    await expect(verifyConnection(makeApp({}), { target: server.url })).rejects.toMatchObject({
      name: 'BundleValidationError',
    });
    expect(server.requests).toHaveLength(0);
  });

  test('response.data and metadata: the label follows the definition; valid can refuse a 200', async () => {
    server.handle = () => ({ body: { user: { email: 'me@example.com' }, active: false } });
    const app = makeApp({
      connection: {
        communication: {
          url: 'https://api.example.test/v1/me',
          response: {
            valid: '{{body.active}}',
            error: { message: 'inactive account' },
            metadata: { type: 'email', value: '{{body.user.email}}' },
            data: { email: '{{body.user.email}}' },
          },
        } as never,
      },
    });
    await expect(verifyConnection(app, noRetry())).rejects.toMatchObject({
      name: 'RuntimeError',
      message: 'inactive account',
    });
    server.handle = () => ({ body: { user: { email: 'me@example.com' }, active: true } });
    expect(await verifyConnection(app, noRetry())).toEqual({
      ok: true,
      label: 'me@example.com',
      data: { email: 'me@example.com' },
    });
  });

  test('verifyConnection returns response.data: evaluated after response.temp, known secrets masked', async () => {
    server.handle = () => ({ body: { account: { id: 'acc_42', plan: 'pro' } } });
    const app = makeApp({
      connection: {
        communication: {
          url: 'https://api.example.test/v1/account',
          headers: { Authorization: AUTH_HEADER },
          response: {
            temp: { plan: '{{upper(body.account.plan)}}' },
            data: {
              accountId: '{{body.account.id}}',
              plan: '{{temp.plan}}',
              nested: { status: '{{statusCode}}' },
              echoedKey: '{{parameters.apiKey}}',
            },
          },
        } as never,
      },
    });
    expect(await verifyConnection(app, noRetry())).toEqual({
      ok: true,
      data: { accountId: 'acc_42', plan: 'PRO', nested: { status: 200 }, echoedKey: '***' },
    });
  });

  test('verifyConnection: a response.data that is not an object is not returned', async () => {
    server.handle = () => ({ body: { name: 'Acme' } });
    const app = makeApp({
      connection: {
        communication: {
          url: 'https://api.example.test/v1/account',
          response: { metadata: { type: 'text', value: '{{body.name}}' }, data: '{{body.name}}' },
        } as never,
      },
    });
    expect(await verifyConnection(app, noRetry())).toEqual({ ok: true, label: 'Acme' });
  });
});
