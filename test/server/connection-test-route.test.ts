/**
 * POST /api/connection/test answers about the connection it tested: a key saved (or the sandbox
 * chosen) while the check is under way does not relabel the answer. The "API" here is a loopback
 * server that holds the check's request until the test has switched the connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startServer } from '../../runtime/index';
import { request } from './http';

const APP_DIR = path.resolve(__dirname, '../..');

/** A server that parks every request until `release`, and says when the first one arrived. */
function gatedApi() {
  let arrived!: () => void;
  const firstArrival = new Promise<void>((resolve) => (arrived = resolve));
  const parked: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    parked.push(res);
    arrived();
  });
  return {
    server,
    firstArrival,
    release: () => {
      for (const res of parked.splice(0)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 401, message: 'No valid API key provided', param: null }));
      }
    },
  };
}

test('a connection switched during its test does not relabel the answer', async () => {
  const api = gatedApi();
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  const server = await startServer({ port: 0, appDir: APP_DIR, target, historyPath: ':memory:' });
  const base = new URL(server.url).origin;
  const call = (method: string, route: string, body?: unknown) =>
    request(base, route, {
      method,
      headers: { 'X-Workbench-Token': server.token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    await call('PUT', '/api/connection', { apiKey: 'old-key' });
    const test = call('POST', '/api/connection/test');
    await api.firstArrival; // the check of old-key is under way
    expect((await call('PUT', '/api/connection', { sandbox: true })).status).toBe(204);
    api.release();
    const answer = (await test).json();
    expect(answer).toMatchObject({ ok: false, mode: 'apiKey', target });
    expect(answer.error.message).toContain('401');
  } finally {
    api.release();
    await server.close();
    await new Promise((resolve) => api.server.close(resolve));
  }
});
