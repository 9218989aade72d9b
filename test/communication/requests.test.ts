import { runModule, runRpc } from '../../runtime/communication';
import { API, KEY, makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
  server.handle = () => ({ body: { ok: true } });
});

const one = (communication: unknown, extra: Record<string, unknown> = {}) =>
  makeApp({ modules: [{ id: 'm', type: 'action', communication: communication as never, ...extra }] });

describe('request building', () => {
  test('Base merges into the request key by key: headers, qs, response.error per status; the module wins', async () => {
    const app = makeApp({
      base: {
        baseUrl: API,
        headers: { Authorization: 'Basic x', 'X-From-Base': 'base', 'X-Both': 'base' },
        qs: { a: 'base', b: 'base' },
        response: {
          error: {
            message: 'base: {{statusCode}}',
            type: 'DataError',
            '404': { message: 'base 404', type: 'DataError' },
          },
        },
      },
      modules: [
        {
          id: 'm',
          communication: {
            url: '/v1/x',
            headers: { 'X-Both': 'module' },
            qs: { b: 'module' },
            response: {
              output: '{{body}}',
              error: { '404': { message: 'module 404', type: 'RuntimeError' } },
            },
          } as never,
        },
      ],
    });
    await runModule(app, 'm', opts(server));
    const r = server.requests[0];
    expect(r.headers['x-from-base']).toBe('base');
    expect(r.headers['x-both']).toBe('module');
    expect(r.query.get('a')).toBe('base');
    expect(r.query.get('b')).toBe('module');
    server.handle = (req) => ({ status: req.query.get('c') === '1' ? 404 : 500, body: {} });
    await expect(runModule(app, 'm', opts(server, { retry: false, parameters: {} }))).rejects.toMatchObject({
      name: 'DataError',
      message: 'base: 500',
    });
  });

  test('Base error per status: the module replaces only its own status entry', async () => {
    const app = makeApp({
      base: {
        baseUrl: API,
        response: {
          error: {
            message: 'base',
            '404': { message: 'base 404', type: 'DataError' },
            '409': { message: 'base 409', type: 'DuplicateDataError' },
          },
        },
      },
      modules: [
        {
          id: 'm',
          communication: {
            url: '/v1/x',
            response: { error: { '404': { message: 'module 404', type: 'RuntimeError' } } },
          } as never,
        },
      ],
    });
    server.handle = (_req, n) => ({ status: n === 1 ? 404 : 409, body: {} });
    await expect(runModule(app, 'm', opts(server))).rejects.toMatchObject({
      name: 'RuntimeError',
      message: 'module 404',
      statusCode: 404,
    });
    await expect(runModule(app, 'm', opts(server))).rejects.toMatchObject({
      name: 'DuplicateDataError',
      message: 'base 409',
    });
  });

  test('baseUrl + relative url, one slash between them; an absolute url bypasses it', async () => {
    const app = makeApp({
      base: { baseUrl: `${API}/` },
      modules: [
        { id: 'm', communication: { url: '/v1/a' } as never },
        { id: 'n', communication: { url: `${API}/v1/b` } as never },
      ],
    });
    await runModule(app, 'm', opts(server));
    await runModule(app, 'n', opts(server));
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/a', '/v1/b']);
  });

  test('target replaces the Base origin in module, RPC and absolute URLs, keeping a path prefix', async () => {
    const app = makeApp({
      modules: [{ id: 'm', communication: { url: `${API}/v1/abs` } as never }],
      rpcs: [{ id: 'r', communication: { url: '/v1/rpc', response: { output: '{{body}}' } } as never }],
    });
    await runModule(app, 'm', opts(server, { target: `${server.url}/prefix/` }));
    await runRpc(app, 'r', opts(server));
    expect(server.requests.map((r) => r.path)).toEqual(['/prefix/v1/abs', '/v1/rpc']);
  });

  test('a URL on another origin is not retargeted', async () => {
    const app = one({ url: 'http://127.0.0.1:9/never' });
    await expect(runModule(app, 'm', opts(server, { retry: false }))).rejects.toMatchObject({
      name: 'ConnectionError',
    });
    expect(server.requests).toHaveLength(0);
  });

  test('encodeUrl encodes what a URL may not contain; encodeUrl false sends the URL as written', async () => {
    const app = makeApp({
      modules: [
        {
          id: 'm',
          communication: { url: '/v1/x/{{parameters.id}}' } as never,
          mappableParams: [{ name: 'id', type: 'text' }],
        },
        { id: 'n', communication: { url: '/v1/y/%41b', encodeUrl: false } as never },
      ],
    });
    await runModule(app, 'm', opts(server, { parameters: { id: 'a b"é%zz' } }));
    await runModule(app, 'n', opts(server));
    expect(server.requests[0].url).toBe('/v1/x/a%20b%22%C3%A9%25zz');
    expect(server.requests[1].url).toBe('/v1/y/%41b');
  });

  test('a definition sent again goes where its URL and target now say, not where it went last', async () => {
    // The engine keeps each request definition's last URL (render.ts endpointUrl): it must follow a
    // changed parameter, a changed target and a definition with encodeUrl false beside one without.
    const other = await startTestServer(() => ({ body: { ok: true } }));
    try {
      const app = makeApp({
        modules: [
          {
            id: 'm',
            communication: { url: '/v1/x/{{parameters.id}}' } as never,
            mappableParams: [{ name: 'id', type: 'text' }],
          },
          { id: 'n', communication: { url: '/v1/y/a b', encodeUrl: false } as never },
          { id: 'e', communication: { url: '/v1/y/a b' } as never },
        ],
      });
      await runModule(app, 'm', opts(server, { parameters: { id: '1' } }));
      await runModule(app, 'm', opts(server, { parameters: { id: '2 3' } }));
      await runModule(app, 'm', opts(other, { parameters: { id: '2 3' } }));
      await runModule(app, 'm', opts(server, { parameters: { id: '1' } }));
      await runModule(app, 'e', opts(server));
      const dry = await runModule(app, 'n', opts(server, { dryRun: true }));
      expect(dry.requests?.[0].url).toBe(`${server.url}/v1/y/a b`);
      await runModule(app, 'e', opts(server));
      await runModule(app, 'e', opts(other));
      expect(server.requests.map((r) => r.url)).toEqual([
        '/v1/x/1',
        '/v1/x/2%203',
        '/v1/x/1',
        '/v1/y/a%20b',
        '/v1/y/a%20b',
      ]);
      expect(other.requests.map((r) => r.url)).toEqual(['/v1/x/2%203', '/v1/y/a%20b']);
    } finally {
      await other.close();
    }
  });

  test('the directives a definition fixes are its own: method, type and URL of one are not another’s', async () => {
    // render.ts keeps per request definition what needs no template (URL, method, type).
    const app = makeApp({
      modules: [
        { id: 'a', communication: { url: '/v1/a', method: 'patch', type: 'text', body: 'x' } as never },
        { id: 'b', communication: { url: '/v1/b', method: 'POST', body: { y: 1 } } as never },
        { id: 'c', communication: { url: '', method: 'POST' } as never },
      ],
    });
    for (let round = 0; round < 2; round++) {
      await runModule(app, 'a', opts(server));
      await runModule(app, 'b', opts(server));
      await expect(runModule(app, 'c', opts(server))).rejects.toThrow('The request has no URL.');
    }
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers['content-type']} ${r.body}`)).toEqual(
      [
        'PATCH /v1/a text/plain; charset=utf-8 x',
        'POST /v1/b application/json {"y":1}',
        'PATCH /v1/a text/plain; charset=utf-8 x',
        'POST /v1/b application/json {"y":1}',
      ],
    );
  });

  test('method from IML, headers in Title-Case, undefined header dropped', async () => {
    const app = one({
      url: '/v1/x',
      method: "{{'pat' + 'ch'}}",
      body: {},
      headers: { 'x-cUSTOM-hEADER': 'v', 'x-gone': '{{parameters.nothing}}' },
    });
    const seen: string[] = [];
    server.handle = (req) => {
      seen.push(...Object.keys(req.headers));
      return { body: {} };
    };
    await runModule(app, 'm', opts(server));
    expect(server.requests[0].method).toBe('PATCH');
    expect(server.requests[0].headers['x-custom-header']).toBe('v');
    expect(seen).not.toContain('x-gone');
  });

  test("headers are sent with Make's Title-Case names", async () => {
    const app = one({ url: '/v1/x', headers: { 'x-cUSTOM-hEADER': 'v' } });
    const raw: string[][] = [];
    server.handle = () => ({ body: {} });
    const http = await import('node:http');
    const { createServer } = http;
    const s = createServer((req, res) => {
      raw.push(req.rawHeaders);
      res.end('{}');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    await runModule(app, 'm', { target: `http://127.0.0.1:${port}`, connection: { apiKey: KEY } });
    s.close();
    expect(raw[0]).toContain('X-Custom-Header');
    expect(raw[0]).toContain('Authorization');
  });

  test('qs: an array repeats the key, undefined is dropped, null sends an empty value', async () => {
    const app = one({
      url: '/v1/x',
      qs: { list: ['one', 'two'], gone: '{{parameters.none}}', empty: null, n: 5 },
    });
    await runModule(app, 'm', opts(server));
    expect(server.requests[0].url).toBe('/v1/x?list=one&list=two&empty=&n=5');
  });

  test.each([
    ['json', { a: 1, b: [1, 2] }, 'application/json', '{"a":1,"b":[1,2]}'],
    [
      'urlencoded',
      { a: 'x y', list: ['1', '2'] },
      'application/x-www-form-urlencoded',
      'a=x%20y&list=1&list=2',
    ],
    ['text', 'plain text', 'text/plain; charset=utf-8', 'plain text'],
    ['binary', 'bytes', 'application/octet-stream', 'bytes'],
  ])('body by type: %s', async (type, body, contentType, sent) => {
    const app = one({ url: '/v1/x', method: 'POST', type, body });
    await runModule(app, 'm', opts(server));
    expect(server.requests[0].headers['content-type']).toBe(contentType);
    expect(server.requests[0].body).toBe(sent);
  });

  test('body by type: multipart/form-data with a file part', async () => {
    const app = one({
      url: '/v1/x',
      method: 'POST',
      type: 'multipart/form-data',
      body: { name: 'n', file: { value: 'DATA', options: { filename: 'a.csv', contentType: 'text/csv' } } },
    });
    await runModule(app, 'm', opts(server));
    const r = server.requests[0];
    expect(r.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(r.body).toContain('Content-Disposition: form-data; name="name"\r\n\r\nn\r\n');
    expect(r.body).toContain('name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nDATA\r\n');
  });

  test('GET sends no body and no Content-Type', async () => {
    const app = one({ url: '/v1/x', method: 'GET', body: { a: 1 } });
    await runModule(app, 'm', opts(server));
    expect(server.requests[0].body).toBe('');
    expect(server.requests[0].headers['content-type']).toBeUndefined();
  });

  test('temp is evaluated first, then condition, then the request', async () => {
    const app = one({
      url: '/v1/{{temp.path}}',
      temp: { path: 'from-temp', go: true },
      condition: '{{temp.go}}',
      qs: { p: '{{temp.path}}' },
    });
    await runModule(app, 'm', opts(server));
    expect(server.requests[0].url).toBe('/v1/from-temp?p=from-temp');
  });

  test('condition false skips the request; its default becomes the output', async () => {
    const app = makeApp({
      modules: [
        {
          id: 'm',
          communication: {
            url: '/v1/x',
            condition: { condition: '{{parameters.go}}', default: { skipped: true } },
          } as never,
          mappableParams: [{ name: 'go', type: 'boolean' }],
        },
        { id: 'n', communication: { url: '/v1/x', condition: false } as never },
      ],
    });
    expect((await runModule(app, 'm', opts(server, { parameters: { go: false } }))).bundles).toEqual([
      { skipped: true },
    ]);
    expect((await runModule(app, 'n', opts(server))).bundles).toEqual([{}]);
    expect(server.requests).toHaveLength(0);
  });

  test("arrays of requests: temp merges across them; the last request's output is the result", async () => {
    server.handle = (req) => ({
      body: req.path === '/v1/first' ? { id: 'abc', extra: 1 } : { got: req.query.get('id') },
    });
    const app = one([
      { url: '/v1/first', temp: { a: { x: 1 } }, response: { temp: { id: '{{body.id}}', a: { y: 2 } } } },
      {
        url: '/v1/second',
        qs: { id: '{{temp.id}}', x: '{{temp.a.x}}', y: '{{temp.a.y}}' },
        response: { output: { got: '{{body.got}}', temp: '{{temp.a}}' } },
      },
    ]);
    const result = await runModule(app, 'm', opts(server));
    expect(server.requests[1].url).toBe('/v1/second?id=abc&x=1&y=2');
    expect(result.bundles).toEqual([{ got: 'abc', temp: { x: 1, y: 2 } }]);
  });

  test('request-less entries: output from temp; condition picks among alternatives', async () => {
    const app = makeApp({
      modules: [
        {
          id: 'm',
          mappableParams: [{ name: 'mode', type: 'text' }],
          communication: [
            { url: '/v1/x', response: { temp: { n: '{{body.n}}' } } },
            { condition: "{{parameters.mode == 'a'}}", response: { output: { answer: 'A {{temp.n}}' } } },
            { condition: "{{parameters.mode == 'b'}}", response: { output: { answer: 'B {{temp.n}}' } } },
          ] as never,
        },
      ],
    });
    server.handle = () => ({ body: { n: 7 } });
    expect((await runModule(app, 'm', opts(server, { parameters: { mode: 'a' } }))).bundles).toEqual([
      { answer: 'A 7' },
    ]);
    expect((await runModule(app, 'm', opts(server, { parameters: { mode: 'b' } }))).bundles).toEqual([
      { answer: 'B 7' },
    ]);
  });

  test('repeat {condition, delay, limit} re-runs the request while its condition (on temp) holds', async () => {
    server.handle = (_req, n) => ({ body: { status: n >= 3 ? 'done' : 'pending', n } });
    const app = one({
      url: '/v1/job',
      response: { temp: { status: '{{body.status}}' }, output: '{{body}}' },
      repeat: { condition: "{{temp.status != 'done'}}", delay: 5, limit: 10 },
    });
    const result = await runModule(app, 'm', opts(server));
    expect(server.requests).toHaveLength(3);
    expect(result.bundles).toEqual([{ status: 'done', n: 3 }]);
    server.requests = [];
    server.handle = () => ({ body: { status: 'pending' } });
    await runModule(app, 'm', opts(server));
    expect(server.requests).toHaveLength(10);
  });

  test('log.sanitize masks the named fields in logged requests', async () => {
    const app = one({
      url: '/v1/x',
      method: 'POST',
      body: { password: 'hunter2-secret', user: 'u' },
      qs: { api_key: 'qs-secret-value' },
      log: { sanitize: ['request.body.password', 'request.qs.api_key'] },
    });
    const events: unknown[] = [];
    await runModule(app, 'm', opts(server, { logger: (e: unknown) => events.push(e) }));
    const text = JSON.stringify(events);
    expect(server.requests[0].body).toContain('hunter2-secret');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('qs-secret-value');
    expect(text).toContain('"user":"u"');
  });

  test('log.sanitize masks response fields in logged responses', async () => {
    server.handle = () => ({
      body: { access_token: 'tok-secret-123456', user: 'u' },
      headers: { 'x-session': 'sess-secret-987654' },
    });
    const app = one({
      url: '/v1/x',
      log: { sanitize: ['response.body.access_token', 'response.headers.`X-Session`'] },
    });
    const events: unknown[] = [];
    const result = await runModule(app, 'm', opts(server, { logger: (e: unknown) => events.push(e) }));
    expect(result.bundles[0].access_token).toBe('tok-secret-123456');
    const text = JSON.stringify(events);
    expect(text).not.toContain('tok-secret-123456');
    expect(text).not.toContain('sess-secret-987654');
    expect(text).toContain('\\"user\\":\\"u\\"');
  });

  test('redirects are followed (303 turns a POST into a GET); followRedirects false stops at the 3xx', async () => {
    server.handle = (req) =>
      req.path === '/v1/old'
        ? { status: 302, headers: { location: '/v1/new?x=1' } }
        : req.path === '/v1/post'
          ? { status: 303, headers: { location: '/v1/result' } }
          : { body: { at: req.path, method: req.method } };
    expect((await runModule(one({ url: '/v1/old' }), 'm', opts(server))).bundles).toEqual([
      { at: '/v1/new', method: 'GET' },
    ]);
    const post = await runModule(one({ url: '/v1/post', method: 'POST', body: { a: 1 } }), 'm', opts(server));
    expect(post.bundles).toEqual([{ at: '/v1/result', method: 'GET' }]);
    expect(server.requests.at(-1)!.headers['content-type']).toBeUndefined();
    expect(server.requests.at(-1)!.headers.authorization).toMatch(/^Basic /);
    server.requests = [];
    const stay = await runModule(
      one({ url: '/v1/old', followRedirects: false, response: { output: { status: '{{statusCode}}' } } }),
      'm',
      opts(server),
    );
    expect(stay.bundles).toEqual([{ status: 302 }]);
    expect(server.requests).toHaveLength(1);
  });

  test('a redirect to another origin does not carry the credentials', async () => {
    const other = await startTestServer(() => ({ body: { ok: true } }));
    try {
      server.handle = () => ({ status: 307, headers: { location: `${other.url}/elsewhere` } });
      await runModule(one({ url: '/v1/x' }), 'm', opts(server));
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  test('dryRun renders every request (method, URL, masked headers, body, curl) and sends nothing', async () => {
    const app = one({ url: '/v1/x', method: 'POST', body: { a: 1 }, qs: { q: 'v' } });
    const result = await runModule(app, 'm', opts(server, { dryRun: true }));
    expect(server.requests).toHaveLength(0);
    expect(result.bundles).toEqual([]);
    expect(result.requests).toEqual([
      {
        method: 'POST',
        url: `${server.url}/v1/x?q=v`,
        headers: { Authorization: '***', 'Content-Type': 'application/json' },
        body: { a: 1 },
        curl: `curl -X POST '${server.url}/v1/x?q=v' -H 'Authorization: ***' -H 'Content-Type: application/json' --data-raw '{"a":1}'`,
      },
    ]);
  });
});
