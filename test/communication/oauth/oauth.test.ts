/**
 * OAuth 2 connections (issue 20) against a loopback provider: the authorization page's URL, the code
 * exchanged for tokens by the connection's `token` request, `info` for the label, the token refreshed
 * by `refresh` when it has expired or when the service refuses it, and every token masked. On
 * test/fixtures/oauth-app, an app of our own (none of the real apps uses OAuth).
 */
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import {
  oauthAuthorizeUrl,
  oauthConnect,
  oauthStart,
  runModule,
  verifyConnection,
  type EngineEvent,
} from '../../../runtime/communication';
import type { App, JsonObject } from '../../../runtime/types/app';
import { startTestServer, type Recorded, type TestServer } from '../helpers';

const CLIENT = { clientId: 'notes-client', clientSecret: 'cs_RECOGNIZABLE_CLIENT_SECRET' };
const REDIRECT = 'http://127.0.0.1:8080/oauth/callback';
let app: App;
let server: TestServer;
let issued = 0;
/** Access tokens the provider still accepts. */
const valid = new Set<string>();

function provider(req: Recorded) {
  if (req.path === '/oauth/token') {
    const form = new URLSearchParams(req.body);
    if (form.get('client_secret') !== CLIENT.clientSecret)
      return { status: 401, body: { error: 'bad client' } };
    const grant = form.get('grant_type');
    if (grant === 'authorization_code' && form.get('code') !== 'code-123')
      return { status: 400, body: { error: 'bad code' } };
    if (grant === 'refresh_token' && form.get('refresh_token') !== 'rt_RECOGNIZABLE_REFRESH')
      return { status: 400, body: { error: 'bad refresh' } };
    const token = `at_RECOGNIZABLE_ACCESS_${++issued}`;
    valid.add(token);
    return {
      body: {
        access_token: token,
        ...(grant === 'authorization_code' ? { refresh_token: 'rt_RECOGNIZABLE_REFRESH' } : {}),
        expires_in: 3600,
      },
    };
  }
  if (req.path === '/oauth/par') return { body: { ticket: 'tk-1' } };
  if (req.path === '/me') {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    return valid.has(token)
      ? { body: { name: 'Ann', token_seen: token } }
      : { status: 401, body: { error: 'token expired' } };
  }
  return { status: 404, body: { error: 'no route' } };
}

beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'oauth-app'));
  server = await startTestServer(provider);
});
afterAll(() => server.close());

const target = () => ({ target: server.url, retry: false as const });

test('the authorization page: authorize’s url and qs, the redirect URI and the state', () => {
  const url = new URL(oauthAuthorizeUrl(app, { connection: CLIENT, redirectUri: REDIRECT, state: 'st-1' }));
  expect(url.origin + url.pathname).toBe('https://notes.example.com/oauth/authorize');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    client_id: 'notes-client',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'notes.read',
    state: 'st-1',
  });
});

test('the code is exchanged for tokens by `token`; `info` gives the label; nothing logged holds a secret', async () => {
  const events: EngineEvent[] = [];
  const result = await oauthConnect(app, {
    connection: CLIENT,
    redirectUri: REDIRECT,
    query: { code: 'code-123', state: 'st-1' },
    logger: (e) => events.push(e),
    now: new Date('2030-01-01T00:00:00Z'),
    ...target(),
  });
  expect(result).toEqual({
    data: {
      accessToken: expect.stringMatching(/^at_RECOGNIZABLE_ACCESS_/),
      refreshToken: 'rt_RECOGNIZABLE_REFRESH',
      expires: '2030-01-01T01:00:00.000Z',
    },
    label: 'Ann',
  });
  const exchange = server.requests.find((r) => r.path === '/oauth/token')!;
  expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({
    grant_type: 'authorization_code',
    code: 'code-123',
    redirect_uri: REDIRECT,
  });
  const logged = JSON.stringify(events);
  for (const secret of ['RECOGNIZABLE_ACCESS', 'RECOGNIZABLE_REFRESH', CLIENT.clientSecret])
    expect(logged).not.toContain(secret);
});

test('a provider that refuses the authorization is an error, nothing sent', async () => {
  const before = server.requests.length;
  await expect(
    oauthConnect(app, {
      connection: CLIENT,
      redirectUri: REDIRECT,
      query: { error: 'access_denied' },
      ...target(),
    }),
  ).rejects.toThrow(/refused the authorization: access_denied/);
  expect(server.requests.length).toBe(before);
});

describe('preauthorize (oauthStart)', () => {
  /** The fixture's connection with a `preauthorize` whose ticket the page and the token request use. */
  function withPreauthorize(): App {
    const conn = app.connections[0];
    const comm = conn.communication as JsonObject;
    const authorize = comm.authorize as JsonObject;
    const token = comm.token as JsonObject;
    const communication = {
      preauthorize: {
        url: 'https://notes.example.com/oauth/par',
        method: 'POST',
        body: { client_id: '{{parameters.clientId}}' },
        response: { temp: { ticket: '{{body.ticket}}' } },
      },
      ...comm,
      authorize: { ...authorize, qs: { ...(authorize.qs as JsonObject), ticket: '{{temp.ticket}}' } },
      token: { ...token, body: { ...(token.body as JsonObject), ticket: '{{temp.ticket}}' } },
    };
    return { ...app, connections: [{ ...conn, communication }] };
  }

  test('without one, nothing is sent and the page is oauthAuthorizeUrl’s', async () => {
    const before = server.requests.length;
    const opts = { connection: CLIENT, redirectUri: REDIRECT, state: 'st-2' };
    const start = await oauthStart(app, { ...opts, ...target() });
    expect(start).toEqual({ url: oauthAuthorizeUrl(app, opts), carry: { temp: {}, oauth: {} } });
    expect(server.requests.length).toBe(before);
  });

  test('it is sent first; its response.temp reaches the page and, carried, the token request', async () => {
    const withPre = withPreauthorize();
    const start = await oauthStart(withPre, {
      connection: CLIENT,
      redirectUri: REDIRECT,
      state: 'st-3',
      ...target(),
    });
    expect(new URL(start.url).searchParams.get('ticket')).toBe('tk-1');
    expect(start.carry.temp).toMatchObject({ ticket: 'tk-1' });
    await oauthConnect(withPre, {
      connection: CLIENT,
      redirectUri: REDIRECT,
      query: { code: 'code-123', state: 'st-3' },
      carry: start.carry,
      ...target(),
    });
    const exchange = server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    expect(new URLSearchParams(exchange.body).get('ticket')).toBe('tk-1');
  });
});

describe('refresh', () => {
  async function connected(expires: string) {
    const { data } = await oauthConnect(app, {
      connection: CLIENT,
      redirectUri: REDIRECT,
      query: { code: 'code-123' },
      ...target(),
    });
    return { ...CLIENT, data: { ...data, expires } as Record<string, unknown> };
  }

  test('an expired token is refreshed before the module runs; the run uses the new one and keeps it', async () => {
    const connection = await connected('2000-01-01T00:00:00.000Z');
    const old = connection.data.accessToken;
    const events: EngineEvent[] = [];
    const result = await runModule(app, 'getMe', { connection, logger: (e) => events.push(e), ...target() });
    expect(result.bundles[0]).toMatchObject({ name: 'Ann' });
    expect(connection.data.accessToken).not.toBe(old);
    expect(result.bundles[0]!.token_seen).toBe(connection.data.accessToken);
    const refresh = server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    expect(new URLSearchParams(refresh.body).get('grant_type')).toBe('refresh_token');
    expect(JSON.stringify(events)).not.toMatch(/RECOGNIZABLE_(ACCESS|REFRESH)|RECOGNIZABLE_CLIENT/);
  });

  test('a token the service refuses is refreshed once and the module runs again', async () => {
    const connection = await connected('2999-01-01T00:00:00.000Z');
    valid.delete(connection.data.accessToken as string);
    const result = await runModule(app, 'getMe', { connection, ...target() });
    expect(result.bundles[0]).toMatchObject({ name: 'Ann', token_seen: connection.data.accessToken });
  });

  test('a refresh the provider refuses ends as its error, with no secret in the message', async () => {
    const connection = {
      ...CLIENT,
      data: {
        accessToken: 'at_RECOGNIZABLE_DEAD',
        refreshToken: 'rt_RECOGNIZABLE_WRONG',
        expires: '2000-01-01T00:00:00.000Z',
      },
    };
    const err = await runModule(app, 'getMe', { connection, ...target() }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('bad refresh');
    expect((err as Error).message).not.toMatch(/RECOGNIZABLE/);
  });

  test('verifyConnection sends `info` with the saved token (refreshed when expired)', async () => {
    const connection = await connected('2000-01-01T00:00:00.000Z');
    await expect(verifyConnection(app, { connection, ...target() })).resolves.toEqual({
      ok: true,
      label: 'Ann',
    });
  });
});

describe('loading an OAuth connection', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const { validateApp } =
    require('../../../runtime/definitions') as typeof import('../../../runtime/definitions');

  function copyWith(edit: (communication: Record<string, Record<string, unknown>>) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-app-'));
    fs.cpSync(path.join(__dirname, '..', '..', 'fixtures', 'oauth-app'), dir, { recursive: true });
    const file = path.join(dir, 'connections/oauth2/oauth2.communication.iml.json');
    const communication = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(communication);
    fs.writeFileSync(file, JSON.stringify(communication));
    return dir;
  }

  test('each request is held to the communication schema; a key Make’s OAuth schema lacks is named', async () => {
    const dir = copyWith((c) => {
      c.tokens = c.token!;
      c.refresh!.methd = 'POST';
    });
    expect(await validateApp(dir)).toEqual([
      expect.objectContaining({
        pointer: '/refresh/methd',
        message: expect.stringContaining('unknown key `methd`'),
      }),
      expect.objectContaining({
        pointer: '/tokens',
        message: 'unknown key `tokens` (did you mean `token`?)',
      }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('its templates are compiled at load like every other', async () => {
    const dir = copyWith((c) => {
      (c.info!.response as Record<string, unknown>).metadata = { type: 'text', value: '{{body.name' };
    });
    expect(await validateApp(dir)).toEqual([
      expect.objectContaining({
        pointer: '/info/response/metadata/value',
        message: expect.stringContaining("Unterminated '{{'"),
      }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
