/**
 * The sandbox answers only requests addressed to itself (Host) and not sent by another site's page
 * (Origin): a web page must not wipe it (CSRF) or read it through DNS rebinding with the demo key.
 */
import http from 'node:http';
import net from 'node:net';
import { startSandbox, type RunningSandbox } from '../../../sandbox';

const KEY = 'sandbox-demo-key';
const BASIC = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;

/** One raw request with exactly these headers (node adds Host only when none is given). */
function send(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path, method, headers: { connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const port = (sandbox: RunningSandbox) => new URL(sandbox.url).port;

async function customerCount(sandbox: RunningSandbox): Promise<number> {
  const res = await send(sandbox, 'GET', '/v1/customers?per_page=200', { authorization: BASIC });
  return (res.body as { entries: unknown[] }).entries.length;
}

describe('a sandbox on loopback', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, limits: false, seed: 'demo', clock: '2026-11-01T00:00:00Z' });
  });
  afterAll(() => sandbox.close());

  it('refuses a reset posted by another site as text/plain (no preflight), and keeps its data', async () => {
    const before = await customerCount(sandbox);
    expect(before).toBeGreaterThan(0);
    const res = await send(
      sandbox,
      'POST',
      '/__sandbox/reset',
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      'x',
    );
    expect(res).toEqual({
      status: 403,
      body: { code: 403, message: 'Cross-origin requests are refused', param: null },
    });
    expect(await customerCount(sandbox)).toBe(before);
  });

  it('refuses another Origin on /v1 even with the right key, and on every admin route', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${Number(port(sandbox)) + 1}`, 'null']) {
      for (const [method, path] of [
        ['GET', '/v1/customers'],
        ['POST', '/v1/data_sources'],
        ['GET', '/__sandbox/stats'],
        ['POST', '/__sandbox/webhooks'],
        ['GET', '/__sandbox/webhooks/deliveries'],
        ['DELETE', '/__sandbox/webhooks/1'],
        ['GET', '/v1/no-such-route'],
      ]) {
        const res = await send(sandbox, method, path, { origin, authorization: BASIC });
        expect([origin, method, path, res.status]).toEqual([origin, method, path, 403]);
      }
    }
  });

  it('refuses a Host that is not its own address (DNS rebinding), on /v1 and admin routes', async () => {
    for (const host of [
      `evil.example:${port(sandbox)}`,
      'evil.example',
      `127.0.0.1:${Number(port(sandbox)) + 1}`,
    ]) {
      for (const path of ['/v1/ping', '/__sandbox/stats']) {
        const res = await send(sandbox, 'GET', path, { host, authorization: BASIC });
        expect([host, path, res]).toEqual([
          host,
          path,
          {
            status: 403,
            body: { code: 403, message: 'Requests must address this sandbox by its own host', param: null },
          },
        ]);
      }
    }
  });

  it('refuses a request without any Host header', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port(sandbox)), '127.0.0.1', () =>
        socket.write(`GET /v1/ping HTTP/1.0\r\nAuthorization: ${BASIC}\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (c) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.\d 403/);
  });

  it('serves its own names without Origin (as the SDK sends) and with its own Origin', async () => {
    const p = port(sandbox);
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`]) {
      const res = await send(sandbox, 'GET', '/v1/ping', { host, authorization: BASIC });
      expect([host, res.status]).toEqual([host, 200]);
    }
    const same = await send(sandbox, 'GET', '/__sandbox/stats', { origin: `http://127.0.0.1:${p}` });
    expect(same.status).toBe(200);
    const other = await send(sandbox, 'GET', '/v1/ping', {
      origin: `http://localhost:${p}`,
      authorization: BASIC,
    });
    expect(other.status).toBe(200);
  });
});

describe('a sandbox bound to every interface', () => {
  it('accepts loopback names and the address it printed, and still refuses foreign ones', async () => {
    const sandbox = await startSandbox({ port: 0, host: '0.0.0.0', limits: false });
    try {
      const p = port(sandbox);
      for (const host of [`localhost:${p}`, `0.0.0.0:${p}`]) {
        const own = await send(sandbox, 'GET', '/v1/ping', { host, authorization: BASIC });
        expect([host, own.status]).toEqual([host, 200]);
      }
      const foreign = await send(sandbox, 'GET', '/v1/ping', {
        host: `rebind.evil.example:${p}`,
        authorization: BASIC,
      });
      expect(foreign.status).toBe(403);
    } finally {
      await sandbox.close();
    }
  });
});
