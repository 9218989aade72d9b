/**
 * The workbench with an app that is not ChartMogul (issue 20): its connection form's parameters,
 * values given by name, no sandbox, and OAuth 2: the token-guarded start route issues a state, the
 * callback (no token) accepts only a state this server issued in the last 10 minutes, once, and the
 * tokens it gets are used by runs and never returned by any route. On test/fixtures/oauth-app with a
 * loopback provider.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../runtime';
import { OAuthStates, STATE_TTL_MS } from '../../runtime/server/oauth-callback';
import { startTestServer, type TestServer } from '../communication/helpers';
import { workbenchCaller, type RawResponse } from './http';

const APP = path.join(__dirname, '..', 'fixtures', 'oauth-app');
const SECRET = 'cs_RECOGNIZABLE_WORKBENCH_SECRET';
let provider: TestServer;
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
let tmp: string;
const seen: RawResponse[] = [];
const call = workbenchCaller(() => server, seen);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-oauth-'));
  provider = await startTestServer((req) => {
    if (req.path === '/oauth/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('code') !== 'good-code' || form.get('client_secret') !== SECRET)
        return { status: 400, body: { error: 'bad grant' } };
      return {
        body: { access_token: 'at_RECOGNIZABLE_WB', refresh_token: 'rt_RECOGNIZABLE_WB', expires_in: 3600 },
      };
    }
    if (req.path === '/me' && req.headers.authorization === 'Bearer at_RECOGNIZABLE_WB')
      return { body: { name: 'Ann' } };
    return { status: 401, body: { error: 'no token' } };
  });
  server = await startServer({
    port: 0,
    appDir: APP,
    target: provider.url,
    historyPath: path.join(tmp, 'h.db'),
  });
  base = new URL(server.url).origin;
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('GET /api/app gives the connection form’s parameters; no sandbox is offered for this app', async () => {
  const app = (await call('GET', '/api/app')).json();
  expect(app.connectionForm).toMatchObject({
    id: 'oauth2',
    type: 'oauth',
    params: [{ name: 'clientId' }, { name: 'clientSecret' }],
    // The page's form offers no sandbox, and nothing is given yet.
    sandbox: false,
    saved: false,
  });
  expect(app.connection).toEqual({ mode: 'apiKey', target: provider.url });
  expect(fs.existsSync(path.join(APP, '.sandbox'))).toBe(false);
});

test('the start route needs the workbench token', async () => {
  const res = await call(
    'POST',
    '/api/connection/oauth',
    { parameters: { clientId: 'c1', clientSecret: SECRET } },
    false,
  );
  expect(res.status).toBe(401);
});

describe('sign-in', () => {
  let state: string;
  test('start: the provider’s page with this server’s callback and a fresh state', async () => {
    const res = await call('POST', '/api/connection/oauth', {
      parameters: { clientId: 'c1', clientSecret: SECRET },
    });
    expect(res.status).toBe(200);
    const url = new URL(res.json().url);
    expect(url.searchParams.get('redirect_uri')).toBe(`${base}/oauth/callback`);
    expect(url.searchParams.get('client_id')).toBe('c1');
    state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[\w-]{32}$/);
  });

  test('an unknown state is refused, with nothing sent to the provider', async () => {
    const before = provider.requests.length;
    const res = await call('GET', '/oauth/callback?code=good-code&state=made-up', undefined, false);
    expect(res.status).toBe(400);
    expect(provider.requests.length).toBe(before);
  });

  test('the callback needs no token: it exchanges the code and connects', async () => {
    const res = await call('GET', `/oauth/callback?code=good-code&state=${state}`, undefined, false);
    expect([res.status, res.text]).toEqual([200, expect.stringContaining('Connected as Ann')]);
  });

  test('the same state is refused the second time', async () => {
    const res = await call('GET', `/oauth/callback?code=good-code&state=${state}`, undefined, false);
    expect(res.status).toBe(400);
  });

  test('runs use the tokens; the connection test answers with the label', async () => {
    const run = await call('POST', '/api/modules/getMe/run', { parameters: {} });
    expect(run.json().bundles).toEqual([{ name: 'Ann' }]);
    expect((await call('POST', '/api/connection/test')).json()).toMatchObject({ ok: true, label: 'Ann' });
    // The page learns that a connection is saved (an empty form keeps it), never what it holds.
    expect((await call('GET', '/api/app')).json().connectionForm.saved).toBe(true);
  });
});

test('a connection given by parameter name (PUT { parameters })', async () => {
  expect(
    (await call('PUT', '/api/connection', { parameters: { clientId: 'c2', clientSecret: SECRET } })).status,
  ).toBe(204);
  expect((await call('PUT', '/api/connection', { parameters: { clientId: { nested: true } } })).status).toBe(
    400,
  );
});

test('no reply ever held a token or the client secret', () => {
  for (const res of seen) expect(res.text).not.toMatch(/RECOGNIZABLE/);
});

test('a state is good for 10 minutes, and once', () => {
  let now = 0;
  const states = new OAuthStates(() => now);
  const a = states.issue({ clientId: 'a' });
  const b = states.issue({ clientId: 'b' });
  now = STATE_TTL_MS;
  expect(states.take(a)).toEqual({ clientId: 'a' });
  expect(states.take(a)).toBeUndefined();
  now = STATE_TTL_MS + 1;
  expect(states.take(b)).toBeUndefined();
  expect(states.take(undefined)).toBeUndefined();
});
