/**
 * A connection that saves `response.data` (a workspace id and a session token from its verification
 * answer) and modules that read it as `{{connection.workspaceId}}` / `{{connection.sessionToken}}`,
 * run over real HTTP against a loopback server: through the API (verifyConnection's savedData, then
 * runModule) and through the scenario runner (verified once per run). The token never shows up in
 * printed results, thrown errors, log events, run events or the run history.
 */
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  closeHistory,
  getRun,
  loadApp,
  retryIncomplete,
  runModule,
  runRpc,
  runScenario,
  verifyConnection,
} from '../../runtime';
import { startSandbox } from '../../sandbox';
import { savesData } from '../../runtime/scenario/connection';
import type { ScenarioEvent } from '../../runtime/scenario';
import { createMasker } from '../../runtime/scenario/history/mask';
import { secretDataValues, isSecretDataKey } from '../../runtime/communication/connection-data';
import { API, KEY, makeApp, startTestServer, type Recorded, type TestServer } from '../communication/helpers';
import { blueprint, mod, tempDir } from './fixtures';
import { sandboxClient } from './sandbox-client';

const TOKEN = 'sess_TOKEN_7f3a9c1e55d04b2a';
const WORKSPACE = 'ws_4242';
const SESSION_HEADER = { 'X-Session': '{{connection.sessionToken}}' };

const app = makeApp({
  connection: {
    communication: {
      url: `${API}/v1/me`,
      headers: { Authorization: "Basic {{base64(parameters.apiKey + ':')}}" },
      // The definition sanitizes the token in the verification answer itself, as Make's log.sanitize does.
      log: { sanitize: ['request.headers.authorization', 'response.body.session.token'] },
      response: {
        metadata: { type: 'text', value: '{{body.name}}' },
        data: { workspaceId: '{{body.workspace.id}}', sessionToken: '{{body.session.token}}' },
      },
    } as never,
  },
  rpcs: [
    {
      id: 'rpcThings',
      communication: {
        url: '/v1/workspaces/{{connection.workspaceId}}/things',
        headers: SESSION_HEADER,
        response: { iterate: '{{body.things}}', output: { label: '{{item.id}}', value: '{{item.id}}' } },
      } as never,
    },
  ],
  modules: [
    {
      id: 'listThings',
      type: 'search',
      communication: {
        url: '/v1/workspaces/{{connection.workspaceId}}/things',
        headers: SESSION_HEADER,
        response: { iterate: '{{body.things}}', output: '{{item}}' },
      } as never,
    },
    {
      id: 'getThing',
      mappableParams: [{ name: 'id', type: 'text', required: true }],
      communication: {
        url: '/v1/workspaces/{{connection.workspaceId}}/things/{{parameters.id}}',
        headers: SESSION_HEADER,
        response: { output: '{{body}}' },
      } as never,
    },
  ],
});

/** The service: /v1/me answers the session; thing routes want it and echo it back (bad ids in an error). */
function service(req: Recorded) {
  if (req.path === '/v1/me') {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`)
      return { status: 401, body: { message: 'bad key' } };
    return { body: { name: 'Acme', workspace: { id: WORKSPACE }, session: { token: TOKEN } } };
  }
  if (req.headers['x-session'] !== TOKEN) return { status: 401, body: { message: 'no session' } };
  const thing = /^\/v1\/workspaces\/ws_4242\/things(?:\/([^/]+))?$/.exec(req.path);
  if (!thing) return { status: 404, body: { message: `no route ${req.path}` } };
  if (!thing[1]) return { body: { things: [{ id: 't1' }, { id: 't2' }] } };
  if (thing[1] === 'bad') return { status: 400, body: { message: `session ${TOKEN} may not read "bad"` } };
  return { body: { id: thing[1], session: req.headers['x-session'] } };
}

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer(service);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
  server.handle = service;
  dir = tempDir();
});
afterEach(() => {
  closeHistory();
  fs.rmSync(dir, { recursive: true, force: true });
});

const paths = () => server.requests.map((r) => r.path);
const options = (extra: Record<string, unknown> = {}) => ({
  connection: { apiKey: KEY },
  target: server.url,
  retry: false as const,
  historyPath: path.join(dir, 'history.db'),
  ...extra,
});

function expectNoToken(value: unknown): void {
  const text = [
    JSON.stringify(value, value instanceof Error ? Object.getOwnPropertyNames(value) : undefined),
    util.inspect(value, { depth: Infinity, showHidden: true }),
  ].join('\n');
  for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')])
    expect(text).not.toContain(form);
}

const listThenGet = blueprint([mod(1, 'listThings'), mod(2, 'getThing', { id: '{{1.id}}' })]);

describe('the API: verifyConnection gives the data to save, runModule reads it as connection', () => {
  test('verifyConnection: data masked for display, the raw values only through savedData()', async () => {
    const check = await verifyConnection(app, options());
    expect(check).toEqual({ ok: true, label: 'Acme', data: { workspaceId: WORKSPACE, sessionToken: '***' } });
    expect(check.savedData?.()).toEqual({ workspaceId: WORKSPACE, sessionToken: TOKEN });
    expectNoToken(check);
  });

  test("verifyConnection's verbose log masks the token its own response carries, without log.sanitize naming it", async () => {
    // The same connection without the definition's own sanitize path for the token: the data saves it.
    const conn = app.connections[0];
    const communication = {
      ...(conn.communication as object),
      log: { sanitize: ['request.headers.authorization'] },
    };
    const unsanitized = { ...app, connections: [{ ...conn, communication }] } as typeof app;
    const events: { type: string; body?: unknown }[] = [];
    await verifyConnection(unsanitized, options({ logger: (e: { type: string }) => events.push(e) }));
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    expect(JSON.stringify(events[1].body)).toContain('***'); // the token's place in the logged body
    expectNoToken(events);
  });

  test('runModule: connection.data reaches URL and headers; errors, logs and dry runs mask the token', async () => {
    const data = (await verifyConnection(app, options())).savedData?.();
    const events: unknown[] = [];
    const connection = { apiKey: KEY, data };
    const result = await runModule(app, 'getThing', {
      ...options({ connection, logger: (e: unknown) => events.push(e) }),
      parameters: { id: 't1' },
    });
    expect(result.bundles).toEqual([{ id: 't1', session: TOKEN }]); // the API's own answer is data
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/workspaces/ws_4242/things/t1' });
    expect(server.requests.at(-1)!.headers['x-session']).toBe(TOKEN);

    const err = await runModule(app, 'getThing', {
      ...options({ connection, logger: (e: unknown) => events.push(e) }),
      parameters: { id: 'bad' },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'RuntimeError',
      message: expect.stringContaining('session *** may not'),
    });
    expectNoToken(err);
    expect(events.length).toBeGreaterThanOrEqual(4);
    expectNoToken(events);

    const dry = await runModule(app, 'getThing', {
      ...options({ connection, dryRun: true }),
      parameters: { id: 't1' },
    });
    expect(dry.requests[0]).toMatchObject({
      url: `${server.url}/v1/workspaces/ws_4242/things/t1`,
      headers: { 'X-Session': '***' },
    });
    expectNoToken(dry);
  });

  test('runRpc reads the saved data as connection too', async () => {
    const data = { workspaceId: WORKSPACE, sessionToken: TOKEN };
    expect(await runRpc(app, 'rpcThings', options({ connection: { apiKey: KEY, data } }))).toEqual([
      { label: 't1', value: 't1' },
      { label: 't2', value: 't2' },
    ]);
    expect(server.requests.map((r) => [r.path, r.headers['x-session']])).toEqual([
      ['/v1/workspaces/ws_4242/things', TOKEN],
    ]);
  });

  test('saved data wins over a parameter of the same name (Make merges data into the parameters)', async () => {
    const data = { apiKey: 'saved_key_9999', workspaceId: WORKSPACE, sessionToken: TOKEN };
    await runModule(app, 'getThing', {
      ...options({ connection: { apiKey: KEY, data } }),
      parameters: { id: 't1' },
    });
    // The Base's Authorization reads connection.apiKey: the saved one.
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('saved_key_9999:').toString('base64')}`,
    );
  });
});

describe('the scenario runner', () => {
  test('verifies once per run, every module gets the data, history and events never hold the token', async () => {
    const events: ScenarioEvent[] = [];
    const run = await runScenario(
      app,
      listThenGet,
      options({ onEvent: (e: ScenarioEvent) => events.push(e) }),
    );
    expect(run.status).toBe('success');
    expect(paths()).toEqual([
      '/v1/me',
      '/v1/workspaces/ws_4242/things',
      '/v1/workspaces/ws_4242/things/t1',
      '/v1/workspaces/ws_4242/things/t2',
    ]);
    const stored = await getRun(run.id, { historyPath: path.join(dir, 'history.db') });
    expect(stored.modules[1].outputs).toEqual([
      { id: 't1', session: '********' },
      { id: 't2', session: '********' },
    ]);
    expectNoToken(stored);
    expectNoToken(events);
    expectNoToken(run);

    // A second run verifies again: the data belongs to the run, not to the process.
    await runScenario(app, listThenGet, options());
    expect(paths().filter((p) => p === '/v1/me')).toHaveLength(2);
  });

  test('a module error quoting the token is masked in the run, its events and the history', async () => {
    const events: ScenarioEvent[] = [];
    const run = await runScenario(
      app,
      blueprint([mod(1, 'getThing', { id: 'bad' })]),
      options({ onEvent: (e: ScenarioEvent) => events.push(e) }),
    );
    expect(run.status).toBe('error');
    expect(run.modules[0].errors).toEqual([
      { type: 'RuntimeError', message: expect.stringContaining('session *** may not read "bad"') },
    ]);
    expect(events.find((e) => e.type === 'module:end')).toMatchObject({ error: { type: 'RuntimeError' } });
    expectNoToken(run);
    expectNoToken(events);
    expectNoToken(await getRun(run.id, { historyPath: path.join(dir, 'history.db') }));
  });

  test('data the caller saved is used as given: no verification request', async () => {
    const connection = { apiKey: KEY, data: { workspaceId: WORKSPACE, sessionToken: TOKEN } };
    const run = await runScenario(app, listThenGet, options({ connection }));
    expect(run.status).toBe('success');
    expect(paths()).not.toContain('/v1/me');
    expect(paths()).toHaveLength(3);
    expectNoToken(await getRun(run.id, { historyPath: path.join(dir, 'history.db') }));
  });

  test('a refused verification is the first app module’s error, sent once; the modules send nothing', async () => {
    const run = await runScenario(app, listThenGet, options({ connection: { apiKey: 'not-the-key' } }));
    expect(run.status).toBe('error');
    expect(run.modules[0].errors).toEqual([{ type: 'InvalidAccessTokenError', message: expect.any(String) }]);
    expect(paths()).toEqual(['/v1/me']);
  });

  test('a dry run sends nothing, not even the verification', async () => {
    const run = await runScenario(app, listThenGet, options({ dryRun: true }));
    expect(run.requests).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
  });

  test('retrying an incomplete execution verifies again, once, and masks the token', async () => {
    const withBreak = blueprint([
      mod(1, 'listThings'),
      mod(
        2,
        'getThing',
        { id: '{{if(1.id = "t1"; "bad"; 1.id)}}' },
        {
          onerror: [
            {
              id: 3,
              module: 'builtin:Break',
              version: 1,
              mapper: { retry: true, count: '3', interval: '1' },
            },
          ],
        },
      ),
    ]);
    const first = await runScenario(app, withBreak, options({ now: new Date('2026-01-01T00:00:00Z') }));
    expect(first.incomplete).toHaveLength(1);
    server.requests = [];
    const [retried] = await retryIncomplete(app, {
      ...options({ now: new Date('2026-01-01T00:05:00Z') }),
      runId: first.id,
    });
    expect(paths()).toEqual(['/v1/me', '/v1/workspaces/ws_4242/things/bad']);
    expectNoToken(retried);
    expectNoToken(await getRun(retried.id, { historyPath: path.join(dir, 'history.db') }));
  });
});

test('the ChartMogul app saves no data: a scenario sends no verification request, only its modules’', async () => {
  const chartmogul = await loadApp(path.join(__dirname, '..', '..'));
  expect(savesData(chartmogul)).toBe(false);
  expect(savesData(app)).toBe(true);
  const sb = await startSandbox({ seed: 'demo', limits: false });
  try {
    const client = sandboxClient(sb);
    await client.get('/v1/account'); // the test's own request: the run must add none
    const run = await runScenario(
      chartmogul,
      blueprint([
        mod(1, 'listCustomers', { limit: 3 }),
        mod(2, 'getCustomer', { customer_uuid: '{{1.uuid}}' }),
      ]),
      { connection: { apiKey: sb.apiKey }, target: sb.url, historyPath: path.join(dir, 'history.db') },
    );
    expect(run.status).toBe('success');
    expect(run.operations).toBe(4);
    expect((await client.stats()).requests).toEqual({
      'GET /v1/account': 1,
      'GET /v1/customers': 1,
      'GET /v1/customers/:uuid': 3,
    });
  } finally {
    await sb.close();
  }
});

describe('which saved values are secrets', () => {
  test('values under a credential-looking key, at any depth; routing values stay readable', () => {
    expect(
      secretDataValues({
        workspaceId: 'ws_1',
        region: 'eu',
        accessToken: 'a-token',
        oauth: { refresh: 'r-token', scopes: ['read'] },
        nested: { apiKey: 'k-1234', plan: 'pro' },
        sessions: [{ id: 's1' }],
      }),
    ).toEqual(['a-token', 'r-token', 'read', 'k-1234', 's1']);
    expect(['workspaceId', 'plan', 'email', 'region'].filter(isSecretDataKey)).toEqual([]);
  });

  test('the history masker cuts the saved secrets out in plain, URL-encoded and base64 form', () => {
    const secret = 'tok/with+chars==';
    const mask = createMasker({ apiKey: KEY, data: { sessionToken: secret, workspaceId: WORKSPACE } });
    const masked = mask({
      url: `https://x.test/?t=${encodeURIComponent(secret)}`,
      note: `b64 ${Buffer.from(secret).toString('base64')} and ${secret}`,
      workspace: WORKSPACE,
    });
    expect(masked).toEqual({
      url: 'https://x.test/?t=********',
      note: 'b64 ******** and ********',
      workspace: WORKSPACE,
    });
  });
});
