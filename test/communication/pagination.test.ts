import v8 from 'node:v8';
import vm from 'node:vm';
import { iterateModule, runModule } from '../../runtime/communication';
import type { Recorded } from './helpers';
import { makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A cursor-paginated list of `total` records, `per_page` per page (ChartMogul's style). */
function cursorList(total: number) {
  return (req: Recorded) => {
    const start = Number(req.query.get('cursor') ?? 0);
    const per = Number(req.query.get('per_page') ?? 10);
    const end = Math.min(total, start + per);
    const entries = [];
    for (let i = start; i < end; i++) entries.push({ id: i + 1 });
    return { body: { entries, has_more: end < total, cursor: end < total ? String(end) : null } };
  };
}

const cursorSearch = {
  url: '/v1/things',
  qs: { per_page: '{{parameters.per_page}}' },
  response: { iterate: '{{body.entries}}', limit: '{{parameters.limit}}' },
  pagination: { qs: { cursor: '{{body.cursor}}' }, condition: '{{body.has_more}}' },
};

const search = (communication: unknown) =>
  makeApp({
    modules: [
      {
        id: 's',
        type: 'search',
        communication: communication as never,
        mappableParams: [
          { name: 'limit', type: 'uinteger' },
          { name: 'per_page', type: 'uinteger', default: 10 },
        ],
      },
    ],
  });

beforeEach(() => {
  server.requests = [];
});

describe('pagination (§4.4)', () => {
  test('cursor pagination: qs merges into the original request, condition sees the previous page', async () => {
    server.handle = cursorList(25);
    const result = await runModule(search(cursorSearch), 's', opts(server));
    expect(result.bundles.map((b) => b.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/things?per_page=10',
      '/v1/things?per_page=10&cursor=10',
      '/v1/things?per_page=10&cursor=20',
    ]);
    expect(result.bundles[24]).toMatchObject({ __IMTINDEX__: 25, __IMTLENGTH__: 25 });
  });

  test('pagination.page starts at 2 on the first pagination request', async () => {
    server.handle = (req) => ({
      body: { items: Number(req.query.get('page')) <= 3 ? [{ p: req.query.get('page') }] : [] },
    });
    const app = search({
      url: '/v1/p',
      qs: { page: 1 },
      response: { iterate: '{{body.items}}' },
      pagination: { qs: { page: '{{pagination.page}}', offset: '{{(pagination.page - 1) * 100}}' } },
    });
    await runModule(app, 's', opts(server));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/p?page=1',
      '/v1/p?page=2&offset=100',
      '/v1/p?page=3&offset=200',
      '/v1/p?page=4&offset=300',
    ]);
  });

  test('without a condition, pagination stops automatically on an empty page', async () => {
    server.handle = (req) => ({ body: { items: req.query.get('page') === '3' ? [] : [{}] } });
    const app = search({
      url: '/v1/p',
      response: { iterate: '{{body.items}}' },
      pagination: { qs: { page: '{{pagination.page}}' } },
    });
    const result = await runModule(app, 's', opts(server));
    expect(server.requests).toHaveLength(3);
    expect(result.bundles).toHaveLength(2);
  });

  test('without iterate, pagination stops automatically on a page whose output is an empty array', async () => {
    server.handle = (req) => ({ body: { data: Number(req.query.get('page') ?? 1) < 3 ? [{}] : [] } });
    const app = search({
      url: '/v1/p',
      response: { output: '{{body.data}}' },
      pagination: { qs: { page: '{{pagination.page}}' } },
    });
    await runModule(app, 's', opts(server));
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/p', '/v1/p?page=2', '/v1/p?page=3']);
  });

  test('pagination stops once the limit is reached', async () => {
    server.handle = cursorList(100);
    const result = await runModule(search(cursorSearch), 's', opts(server, { parameters: { limit: 15 } }));
    expect(result.bundles).toHaveLength(15);
    expect(server.requests).toHaveLength(2);
  });

  test('url, method and body override; headers merge; mergeWithParent false drops the original qs and body', async () => {
    server.handle = (req) => ({ body: { items: [{}], next: req.path === '/v1/start' ? '/v1/next' : null } });
    const app = search({
      url: '/v1/start',
      method: 'POST',
      qs: { keep: 'k' },
      headers: { 'X-A': 'a' },
      body: { first: true },
      response: { iterate: '{{body.items}}' },
      pagination: {
        mergeWithParent: false,
        url: '{{body.next}}',
        method: 'PUT',
        qs: { only: 'o' },
        headers: { 'X-B': 'b' },
        condition: '{{body.next}}',
      },
    });
    await runModule(app, 's', opts(server));
    const [first, second] = server.requests;
    expect([first.method, first.url, first.body]).toEqual(['POST', '/v1/start?keep=k', '{"first":true}']);
    expect([second.method, second.url, second.body]).toEqual(['PUT', '/v1/next?only=o', '']);
    expect([second.headers['x-a'], second.headers['x-b']]).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  test("Make's caps: 50 pagination requests, 3,200 records; the limits option changes them", async () => {
    server.handle = cursorList(10_000);
    const app = search(cursorSearch);
    const capped = await runModule(app, 's', opts(server, { parameters: { per_page: 100 } }));
    expect(capped.bundles).toHaveLength(3200);
    expect(server.requests).toHaveLength(32);
    server.requests = [];
    const pages = await runModule(app, 's', opts(server, { parameters: { per_page: 1 } }));
    expect(server.requests).toHaveLength(51);
    expect(pages.bundles).toHaveLength(51);
    server.requests = [];
    const custom = await runModule(
      app,
      's',
      opts(server, { parameters: { per_page: 10 }, limits: { maxPages: 2, maxRecords: 25 } }),
    );
    expect(custom.bundles).toHaveLength(25);
    expect(server.requests).toHaveLength(3);
  });

  test('limits: false turns the caps off', async () => {
    server.handle = cursorList(4000);
    const result = await runModule(
      search(cursorSearch),
      's',
      opts(server, { parameters: { per_page: 100 }, limits: false }),
    );
    expect(result.bundles).toHaveLength(4000);
    expect(server.requests).toHaveLength(40);
  });

  test('maxRequests counts every request of the module execution', async () => {
    server.handle = cursorList(1000);
    const app = search([{ url: '/v1/warmup' }, cursorSearch]);
    const result = await runModule(
      app,
      's',
      opts(server, { parameters: { per_page: 1 }, limits: { maxRequests: 5 } }),
    );
    expect(server.requests).toHaveLength(5);
    expect(result.bundles).toHaveLength(4);
  });

  test('loop detection: a page that repeats the previous cursor ends with a clear error', async () => {
    server.handle = () => ({ body: { entries: [{ id: 1 }], has_more: true, cursor: 'same' } });
    const err = await runModule(search(cursorSearch), 's', opts(server)).catch((e) => e);
    expect(err.name).toBe('RuntimeError');
    expect(err.message).toMatch(
      /^Pagination loop: page 3 would repeat the previous request \(GET \/v1\/things\)/,
    );
    expect(server.requests).toHaveLength(2);
  });

  test('iterateModule streams every record with no caps, no __IMTLENGTH__ and no wrapper', async () => {
    server.handle = cursorList(3500);
    const app = search({
      ...cursorSearch,
      response: { ...cursorSearch.response, wrapper: { wrapped: '{{output}}' } },
    });
    let count = 0;
    let last: Record<string, unknown> = {};
    for await (const bundle of iterateModule(app, 's', opts(server, { parameters: { per_page: 50 } }))) {
      count++;
      last = bundle;
    }
    expect(count).toBe(3500);
    expect(last).toEqual({ id: 3500, __IMTINDEX__: 3500 });
    expect(server.requests).toHaveLength(70);
  });

  test('iterateModule holds one page: while the next page is on its way, the previous one can be collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const collected = new Map<number, number>(); // page → its records garbage-collected so far
    const registry = new FinalizationRegistry<number>((page) =>
      collected.set(page, (collected.get(page) ?? 0) + 1),
    );
    let page2CollectedWhilePage3Pending = -1;
    const list = cursorList(30);
    server.handle = async (req, n) => {
      if (n === 3) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 100)); // finalizers run in a later task
        page2CollectedWhilePage3Pending = collected.get(2) ?? 0;
      }
      return list(req);
    };
    let i = 0;
    for await (const bundle of iterateModule(search(cursorSearch), 's', opts(server))) {
      registry.register(bundle, Math.floor(i++ / 10) + 1);
    }
    expect(i).toBe(30);
    // All of page 2 but its last record, which the loop variable above still holds.
    expect(page2CollectedWhilePage3Pending).toBeGreaterThanOrEqual(9);
  });

  test('iterateModule pulls pages lazily: stopping early sends no further requests', async () => {
    server.handle = cursorList(1000);
    let n = 0;
    for await (const bundle of iterateModule(search(cursorSearch), 's', opts(server))) {
      void bundle;
      if (++n === 15) break;
    }
    expect(server.requests).toHaveLength(2);
  });
});
