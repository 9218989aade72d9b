/**
 * OAuth 1.0a three-legged sign-in through the workbench (issue 20), on test/fixtures/oauth1-app: the
 * local manifest's `oauth` connection with `preauthorize` as the temporary-credentials request,
 * `authorize` as the user's page and `token` as the access-token request (RFC 5849 §2), each signed
 * by its `oauth` directive and checked by a loopback provider with its own verifier. The state rules
 * are OAuth 2's: issued by this server, used once; the secrets never reach a reply.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadApp, startServer, validateApp } from '../../runtime';
import { startTestServer, type Recorded, type TestServer } from '../communication/helpers';
import { verify } from '../communication/oauth1-verifier';
import { workbenchCaller, type RawResponse } from './http';

const APP = path.join(__dirname, '..', 'fixtures', 'oauth1-app');
const CONSUMER_SECRET = 'cs_RECOGNIZABLE_OAUTH1_consumer';
const REQUEST_SECRET = 'rts_RECOGNIZABLE_OAUTH1_request';
const ACCESS_TOKEN = 'at_RECOGNIZABLE_OAUTH1_access';
const ACCESS_SECRET = 'ats_RECOGNIZABLE_OAUTH1_access';
const form = (values: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

let provider: TestServer;
let server: Awaited<ReturnType<typeof startServer>>;
let tmp: string;
/** The oauth_callback the provider was given with the request token. */
let callback: string | undefined;
const seen: RawResponse[] = [];
const call = workbenchCaller(() => server, seen);

/** The provider (RFC 5849 §2): each endpoint verifies the signature with the secrets it expects. */
function provide(req: Recorded) {
  const refuse = (why: string) => ({ status: 401, ...form({ error: why }) });
  if (req.path === '/oauth/request_token') {
    const v = verify(req, { consumerSecret: CONSUMER_SECRET });
    if (!v.ok) return refuse(`request_token: ${v.reason}`);
    if (v.params.oauth_token) return refuse('request_token: no token expected');
    callback = v.params.oauth_callback?.[0];
    return form({
      oauth_token: 'rt_1',
      oauth_token_secret: REQUEST_SECRET,
      oauth_callback_confirmed: 'true',
    });
  }
  if (req.path === '/oauth/access_token') {
    const v = verify(req, { consumerSecret: CONSUMER_SECRET, tokenSecret: REQUEST_SECRET });
    if (!v.ok) return refuse(`access_token: ${v.reason}`);
    if (v.params.oauth_token?.[0] !== 'rt_1' || v.params.oauth_verifier?.[0] !== 'ver_1')
      return refuse('access_token: wrong request token or verifier');
    return form({ oauth_token: ACCESS_TOKEN, oauth_token_secret: ACCESS_SECRET });
  }
  if (req.path === '/account') {
    const v = verify(req, { consumerSecret: CONSUMER_SECRET, tokenSecret: ACCESS_SECRET });
    if (!v.ok || v.params.oauth_token?.[0] !== ACCESS_TOKEN) return refuse(`account: ${v.reason ?? 'token'}`);
    return { body: { name: 'Ann' } };
  }
  return { status: 404, body: { error: 'no such page' } };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-oauth1-'));
  provider = await startTestServer(provide);
  server = await startServer({
    port: 0,
    appDir: APP,
    target: provider.url,
    historyPath: path.join(tmp, 'h.db'),
  });
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the fixture is a valid app: an `oauth` connection of preauthorize, authorize, token and info', async () => {
  expect(await validateApp(APP)).toEqual([]);
  const app = await loadApp(APP);
  expect(Object.keys(app.connections[0].communication as object)).toEqual([
    'preauthorize',
    'authorize',
    'token',
    'info',
  ]);
});

describe('three-legged sign-in', () => {
  let state: string;

  test('start: a signed request-token request with the callback, then the provider’s page for that token', async () => {
    const res = await call('POST', '/api/connection/oauth', {
      parameters: { consumerKey: 'ck_1', consumerSecret: CONSUMER_SECRET },
    });
    expect(res.status).toBe(200);
    const url = new URL(res.json().url);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(url.searchParams.get('oauth_token')).toBe('rt_1');
    state = url.searchParams.get('state')!;
    // The callback RFC 5849 §2.1 asks for: this server's, carrying the state the provider hands back.
    const back = new URL(callback!);
    expect(`${back.origin}${back.pathname}`).toBe(`${new URL(server.url).origin}/oauth/callback`);
    expect(back.searchParams.get('state')).toBe(state);
  });

  test('an unknown state is refused, with nothing sent to the provider', async () => {
    const before = provider.requests.length;
    const res = await call(
      'GET',
      '/oauth/callback?state=made-up&oauth_token=rt_1&oauth_verifier=ver_1',
      undefined,
      false,
    );
    expect(res.status).toBe(400);
    expect(provider.requests.length).toBe(before);
  });

  test('the callback exchanges the verifier for the access token (signed with the request token’s secret)', async () => {
    const back = new URL(callback!);
    back.searchParams.set('oauth_token', 'rt_1');
    back.searchParams.set('oauth_verifier', 'ver_1');
    const res = await call('GET', `${back.pathname}${back.search}`, undefined, false);
    expect([res.status, res.text]).toEqual([200, expect.stringContaining('Connected as Ann')]);
  });

  test('the same state is refused the second time', async () => {
    const back = new URL(callback!);
    back.searchParams.set('oauth_verifier', 'ver_1');
    expect((await call('GET', `${back.pathname}${back.search}`, undefined, false)).status).toBe(400);
  });

  test('runs sign with the access token and its secret; the connection test answers with the label', async () => {
    const run = await call('POST', '/api/modules/getAccount/run', { parameters: {} });
    expect(run.json().bundles).toEqual([{ name: 'Ann' }]);
    expect((await call('POST', '/api/connection/test')).json()).toMatchObject({ ok: true, label: 'Ann' });
  });
});

test('a provider that refuses the request token: the start answers 502 with the provider’s reason', async () => {
  const res = await call('POST', '/api/connection/oauth', {
    parameters: { consumerKey: 'ck_1', consumerSecret: 'cs_wrong_secret' },
  });
  expect(res.status).toBe(502);
  expect(res.text).toContain('request_token: signature mismatch');
});

test('no reply ever held a secret or a token', () => {
  for (const res of seen) expect(res.text).not.toMatch(/RECOGNIZABLE/);
});
