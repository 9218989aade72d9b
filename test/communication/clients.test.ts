/**
 * The transport keeps one keep-alive client per connect timeout; only the most recently used
 * MAX_CLIENTS are kept, so a caller that varies the value per run does not pile up idle connections.
 * Observed from the server's side: how many TCP connections stay open.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { runModule } from '../../runtime/communication';
import { MAX_CLIENTS } from '../../runtime/communication/http';
import { GET_AND_POST, KEY, makeApp } from './helpers';

let server: http.Server;
let url: string;
const open = new Set<Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of open) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const app = makeApp({ modules: GET_AND_POST });
const get = (connectTimeoutMs: number) =>
  runModule(app, 'get', { target: url, connection: { apiKey: KEY }, connectTimeoutMs });

/** The number of open connections once it stops changing (closing is asynchronous). */
async function openConnectionsSettle(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 50 && last !== open.size; i++) {
    last = open.size;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return open.size;
}

describe('keep-alive clients per connect timeout', () => {
  test('runs with the same connect timeout reuse one connection', async () => {
    for (let i = 0; i < 3; i++) await get(5_001);
    expect(await openConnectionsSettle()).toBe(1);
  });

  test(`a caller varying the connect timeout keeps at most ${MAX_CLIENTS} clients: evicted ones close their idle connections`, async () => {
    for (let i = 0; i < MAX_CLIENTS + 3; i++) {
      const result = await get(6_000 + i);
      expect(result.bundles).toEqual([{ ok: true }]);
    }
    expect(await openConnectionsSettle()).toBe(MAX_CLIENTS);
  });

  test('the most recently used client survives eviction and keeps its connection', async () => {
    const sockets = () => new Set(open);
    await get(7_000);
    const before = sockets();
    for (let i = 1; i < MAX_CLIENTS; i++) await get(7_000 + i);
    await get(7_000); // used again: now the most recent
    await get(7_100); // evicts the least recently used, which is no longer 7_000
    await get(7_000);
    await openConnectionsSettle();
    const kept = [...before].filter((s) => open.has(s));
    expect(kept.length).toBe(1); // 7_000's connection; the older clients' were closed
  });
});
