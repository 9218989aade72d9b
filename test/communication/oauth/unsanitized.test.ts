/**
 * A connection's own requests (preauthorize, token, refresh) answer with credentials. Make leaves
 * masking them to the definition's `log.sanitize`; a definition that forgets must still log none of
 * them (decisions.md "Credentials in a connection's answers"). The OAuth 2 fixture with every `log`
 * directive removed, against a loopback provider; the request token's secret comes form-encoded, as
 * OAuth 1 providers send it.
 */
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { oauthConnect, oauthStart, runModule, type EngineEvent } from '../../../runtime/communication';
import type { App, JsonObject } from '../../../runtime/types/app';
import { startTestServer, type Recorded, type TestServer } from '../helpers';

const CLIENT = { clientId: 'notes-client', clientSecret: 'cs_UNSANITIZED_CLIENT_SECRET' };
const REDIRECT = 'http://127.0.0.1:8080/oauth/callback';
const SECRETS = ['at_UNSANITIZED_ACCESS', 'rt_UNSANITIZED_REFRESH', 'ts_UNSANITIZED_TEMP_SECRET'];
let app: App;
let server: TestServer;

function provider(req: Recorded) {
  if (req.path === '/oauth/request_token')
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'oauth_token=rq-1&oauth_token_secret=ts_UNSANITIZED_TEMP_SECRET&oauth_callback_confirmed=true',
    };
  if (req.path === '/oauth/token') {
    const grant = new URLSearchParams(req.body).get('grant_type');
    return {
      body: {
        access_token: `at_UNSANITIZED_ACCESS_${grant}`,
        ...(grant === 'authorization_code' ? { refresh_token: 'rt_UNSANITIZED_REFRESH' } : {}),
        expires_in: grant === 'authorization_code' ? -3600 : 3600,
        token_type: 'bearer',
        scope: 'notes.read',
      },
    };
  }
  if (req.path === '/me') return { body: { id: 'me-1', name: 'Ann' } };
  return { status: 404, body: { error: 'no route' } };
}

/** The fixture's connection without any `log` directive, and a preauthorize answering form-encoded. */
function unsanitized(loaded: App): App {
  const conn = loaded.connections[0];
  const comm = conn.communication as Record<string, JsonObject>;
  const communication: Record<string, JsonObject> = {
    preauthorize: {
      url: 'https://notes.example.com/oauth/request_token',
      method: 'POST',
      response: { type: 'urlencoded', temp: { requestToken: '{{body.oauth_token}}' } },
    },
  };
  for (const [name, request] of Object.entries(comm)) {
    const { log: _log, ...rest } = request;
    communication[name] = rest;
  }
  return { ...loaded, connections: [{ ...conn, communication }] };
}

beforeAll(async () => {
  app = unsanitized(await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'oauth-app')));
  server = await startTestServer(provider);
});
afterAll(() => server.close());

const target = () => ({ target: server.url, retry: false as const });

test('the definition names nothing to sanitize', () => {
  expect(JSON.stringify(app.connections[0].communication)).not.toContain('sanitize');
});

test('sign-in, token exchange and refresh log no credential the provider answered with', async () => {
  const events: EngineEvent[] = [];
  const logger = (e: EngineEvent) => events.push(e);
  const start = await oauthStart(app, {
    connection: CLIENT,
    redirectUri: REDIRECT,
    state: 'st-1',
    logger,
    ...target(),
  });
  expect(start.carry.temp).toMatchObject({ requestToken: 'rq-1' });
  const { data } = await oauthConnect(app, {
    connection: CLIENT,
    redirectUri: REDIRECT,
    query: { code: 'code-123', state: 'st-1' },
    carry: start.carry,
    logger,
    ...target(),
  });
  // Expired at once: the module's run refreshes first.
  await runModule(app, 'getMe', { connection: { ...CLIENT, data }, logger, ...target() });

  const responses = events.filter((e) => e.type === 'response');
  expect(responses.map((e) => new URL(e.url).pathname)).toEqual(
    expect.arrayContaining(['/oauth/request_token', '/oauth/token', '/me']),
  );
  const logged = JSON.stringify(events);
  for (const secret of SECRETS) expect(logged).not.toContain(secret);
  // What is not a credential is still shown: the log stays useful.
  expect(logged).toContain('oauth_callback_confirmed');
  expect(logged).toContain('notes.read');
  expect(logged).toContain('\\"token_type\\":\\"bearer\\"');
});
