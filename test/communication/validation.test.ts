import { runModule, runRpc } from '../../runtime/communication';
import { BundleValidationError } from '../../runtime/errors';
import { makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ body: {} }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
});

const app = makeApp({
  modules: [
    {
      id: 'create',
      type: 'action',
      communication: { url: '/v1/things', method: 'POST', body: '{{parameters}}' } as never,
      staticParams: [
        {
          name: 'mode',
          label: 'Mode',
          type: 'select',
          required: true,
          options: [
            { label: 'Fast', value: 'fast' },
            { label: 'Safe', value: 'safe' },
          ],
        },
      ],
      mappableParams: [
        { name: 'email', label: 'Email', type: 'email', required: true },
        { name: 'amount', label: 'Amount', type: 'integer' },
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'limit', label: 'Limit', type: 'uinteger', default: 10 },
      ],
    },
    {
      id: 'apiCall',
      type: 'universal',
      communication: {
        url: '{{parameters.url}}',
        method: '{{parameters.method}}',
        response: { output: { status: '{{statusCode}}' } },
      } as never,
      mappableParams: [
        { name: 'url', label: 'URL', type: 'text', required: true },
        { name: 'method', type: 'text', default: 'GET' },
      ],
    },
  ],
});

describe('bad input fails before any request', () => {
  test('wrong type, missing required, unknown select value, malformed date → one BundleValidationError naming each field', async () => {
    const err = await runModule(
      app,
      'create',
      opts(server, { parameters: { mode: 'turbo', amount: 'ten', since: '31/31/2024' } }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(err.componentId).toBe('create');
    expect(err.problems).toEqual([
      { field: 'mode', label: 'Mode', message: 'must be one of: "fast", "safe"' },
      { field: 'email', label: 'Email', message: 'is required' },
      { field: 'amount', label: 'Amount', message: 'must be a whole number' },
      { field: 'since', label: 'Since', message: 'must be a date (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)' },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  test('good input reaches the communication normalized: defaults, dates, numbers; __IMTCONN__ dropped', async () => {
    await runModule(
      app,
      'create',
      opts(server, {
        parameters: {
          mode: 'safe',
          email: 'a@b.co',
          amount: '12',
          since: '2024-05-01',
          __IMTCONN__: 42,
          stale: 'x',
        },
      }),
    );
    expect(JSON.parse(server.requests[0].body)).toEqual({
      mode: 'safe',
      email: 'a@b.co',
      amount: 12,
      since: '2024-05-01T00:00:00.000Z',
      limit: 10,
    });
  });

  test('an unknown module or RPC is a clear error', async () => {
    await expect(runModule(app, 'nope', opts(server))).rejects.toThrow('Unknown module "nope".');
    await expect(runRpc(app, 'nope', opts(server))).rejects.toThrow('Unknown RPC "nope".');
  });
});

describe('the universal module accepts only relative paths on the API host', () => {
  test.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    'HTTP://evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
  ])('%s is refused before sending', async (url) => {
    const err = await runModule(app, 'apiCall', opts(server, { parameters: { url } })).catch((e) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(err.problems[0]).toMatchObject({ field: 'url', label: 'URL' });
    expect(server.requests).toHaveLength(0);
  });

  test('a relative path is sent to the API host (retargeted)', async () => {
    const result = await runModule(
      app,
      'apiCall',
      opts(server, { parameters: { url: '/v1/customers?x=1' } }),
    );
    expect(result.bundles).toEqual([{ status: 200 }]);
    expect(server.requests[0].url).toBe('/v1/customers?x=1');
  });

  test('a URL that only becomes absolute after evaluation is refused too', async () => {
    const sneaky = makeApp({
      modules: [
        {
          id: 'u',
          type: 'universal',
          communication: { url: '{{parameters.host}}/x' } as never,
          mappableParams: [{ name: 'host', type: 'text' }],
        },
      ],
    });
    const err = await runModule(
      sneaky,
      'u',
      opts(server, { parameters: { host: 'http://127.0.0.1:9' } }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
