/**
 * The workbench's guards over real loopback HTTP: foreign Host and Origin refused, the start token
 * required (header or the cookie the printed URL sets), bodies size-limited and validated.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../runtime/index';
import { request } from './http';

const APP_DIR = path.resolve(__dirname, '../..');

describe('workbench server security', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let host: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-sec-'));
    server = await startServer({ port: 0, appDir: APP_DIR, sandboxDbPath: path.join(tmp, 'sandbox.db') });
    base = new URL(server.url).origin;
    host = new URL(server.url).host;
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const auth = () => ({ 'X-Workbench-Token': server.token });
  const putSandbox = (headers: Record<string, string>) =>
    request(base, '/api/connection', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{"sandbox":true}',
    });

  test('prints http://127.0.0.1:PORT/?token=TOKEN', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    expect(server.url.endsWith(`?token=${server.token}`)).toBe(true);
  });

  test('a call without the token is refused with 401 JSON, one with it is served', async () => {
    const missing = await putSandbox({});
    expect(missing.status).toBe(401);
    expect(missing.json().error.type).toBe('MissingToken');
    const wrong = await putSandbox({ 'X-Workbench-Token': server.token.slice(1) + 'x' });
    expect(wrong.status).toBe(401);
    expect((await putSandbox(auth())).status).toBe(204);
  });

  test('every /api route needs the token, unknown ones included', async () => {
    for (const [method, route] of [
      ['GET', '/api/app'],
      ['GET', '/api/runs'],
      ['GET', '/api/runs/abc'],
      ['GET', '/api/runs/abc/events'],
      ['POST', '/api/modules/listCustomers/run'],
      ['POST', '/api/rpcs/listDataSources'],
      ['POST', '/api/scenarios/run'],
      ['POST', '/api/connection/test'],
      ['GET', '/api/nothing-here'],
    ]) {
      const res = await request(base, route, { method });
      expect([method, route, res.status]).toEqual([method, route, 401]);
    }
  });

  test('a foreign Host is refused even with the token (DNS rebinding)', async () => {
    const port = new URL(base).port;
    for (const foreign of [
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      'evil.example',
      `127.0.0.1:${Number(port) + 1}`,
    ]) {
      const res = await putSandbox({ ...auth(), Host: foreign });
      expect([foreign, res.status]).toEqual([foreign, 403]);
      expect(res.json().error.type).toBe('ForeignHost');
    }
    // The page itself is not served to a rebinding host either.
    expect((await request(base, '/', { headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    // localhost is the same loopback server.
    expect((await putSandbox({ ...auth(), Host: `localhost:${port}` })).status).toBe(204);
  });

  test('a foreign Origin is refused even with the token (CSRF)', async () => {
    for (const origin of ['http://evil.example', `https://${host}`, 'null', `http://${host}.evil.example`]) {
      const res = await putSandbox({ ...auth(), Origin: origin });
      expect([origin, res.status]).toEqual([origin, 403]);
      expect(res.json().error.type).toBe('ForeignOrigin');
    }
    expect((await putSandbox({ ...auth(), Origin: `http://${host}` })).status).toBe(204);
  });

  test('the printed URL sets an HttpOnly SameSite=Strict cookie and redirects the token out of the address bar', async () => {
    const res = await request(base, `/?token=${server.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0];
    expect((await putSandbox({ Cookie: pair })).status).toBe(204);
    // A cookie for another workbench's port does not open this one.
    const otherPort = pair.replace(/workbench_token_\d+/, 'workbench_token_1');
    expect((await putSandbox({ Cookie: otherPort })).status).toBe(401);
  });

  test('a wrong token in the URL sets no cookie', async () => {
    const res = await request(base, '/?token=not-the-token');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('the page is served with a strict content security policy and no referrer', async () => {
    const res = await request(base, '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('ChartMogul workbench');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('an oversize body is refused with 413 before anything runs', async () => {
    const huge = JSON.stringify({
      blueprint: { flow: [{ id: 1, module: 'x', mapper: { pad: 'x'.repeat(2 * 1024 * 1024) } }] },
    });
    const res = await request(base, '/api/scenarios/run', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(res.json().error.message).toMatch(/too large/);
  });

  test('malformed and ill-typed bodies are refused with 4xx JSON naming the problem', async () => {
    const json = { ...auth(), 'Content-Type': 'application/json' };
    const cases: [string, string, Record<string, string>, string, number, RegExp][] = [
      ['PUT', '/api/connection', json, '{"apiKey": ', 400, /not valid JSON/],
      ['PUT', '/api/connection', json, '[1,2]', 400, /JSON object/],
      ['PUT', '/api/connection', json, '{"apiKey": 42}', 400, /apiKey/],
      ['PUT', '/api/connection', json, '{"apiKey": ""}', 400, /apiKey/],
      ['PUT', '/api/connection', json, '{"apiKey": "k", "evil": 1}', 400, /Unknown field.*evil/],
      ['PUT', '/api/connection', json, '{}', 400, /apiKey/],
      [
        'PUT',
        '/api/connection',
        { ...auth(), 'Content-Type': 'text/plain' },
        '{"sandbox":true}',
        415,
        /application\/json/,
      ],
      ['POST', '/api/scenarios/run', json, '{}', 400, /blueprint/],
      ['POST', '/api/scenarios/run', json, '{"blueprint": {"flow": "no"}}', 400, /flow/],
      ['POST', '/api/scenarios/run', json, '{"blueprint": {"flow": []}}', 400, /empty/],
      ['POST', '/api/modules/listCustomers/run', json, '{"parameters": [1]}', 400, /parameters/],
      ['POST', '/api/modules/listCustomers/run', json, '{"dryRun": "yes"}', 400, /dryRun/],
      ['POST', '/api/modules/list%20customers/run', json, '{}', 400, /Invalid module id/],
      ['GET', '/api/runs?limit=0', auth(), '', 400, /limit/],
    ];
    for (const [method, route, headers, body, status, message] of cases) {
      const res = await request(base, route, { method, headers, body: body || undefined });
      expect([method, route, body, res.status]).toEqual([method, route, body, status]);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json().error.message).toMatch(message);
    }
  });

  test('a busy port is reported clearly', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startServer({ port, appDir: APP_DIR })).rejects.toThrow(
        new RegExp(`Port ${port} .*already in use`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
