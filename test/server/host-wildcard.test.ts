/**
 * Issue 16: `start --host 0.0.0.0` printed no warning, and the workbench then refused every Host but
 * `0.0.0.0:PORT`, so it could not be opened by the machine's own names. It warns that the workbench
 * is reachable from the network, and accepts the machine's own addresses (its interfaces, localhost,
 * 127.0.0.1, [::1]); any other Host is still refused (DNS rebinding).
 */
import os from 'node:os';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../runtime/cli/main';
import { startServer } from '../../runtime/index';
import { allowedHosts } from '../../runtime/server/security';
import { request } from './http';

const APP_DIR = path.resolve(__dirname, '../..');

/** The machine's own IPv4 and IPv6 addresses as a Host header names them. */
function ownAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !(i.family === 'IPv6' && i.scopeid))
    .map((i) => (i!.family === 'IPv6' ? `[${i!.address}]` : i!.address));
}

test('a wildcard bind allows the machine’s own names and addresses, and nothing else', () => {
  for (const wildcard of ['0.0.0.0', '::']) {
    const hosts = allowedHosts(wildcard, 8080);
    for (const name of ['localhost', '127.0.0.1', '[::1]', ...ownAddresses()])
      expect(hosts).toContain(`${name}:8080`);
    expect(hosts).not.toContain('evil.example:8080');
    expect(hosts).not.toContain('localhost:8081');
  }
  // A loopback bind stays loopback-only.
  expect([...allowedHosts('127.0.0.1', 8080)].sort()).toEqual([
    '127.0.0.1:8080',
    '[::1]:8080',
    'localhost:8080',
  ]);
});

describe('a workbench bound to 0.0.0.0', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let port: number;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-wild-'));
    server = await startServer({
      host: '0.0.0.0',
      port: 0,
      appDir: APP_DIR,
      sandboxDbPath: path.join(tmp, 'sb.db'),
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const get = (host: string) =>
    request(`http://127.0.0.1:${port}`, '/api/app', {
      headers: { Host: host, 'X-Workbench-Token': server.token },
    });

  test('answers under localhost, 127.0.0.1 and each IPv4 address of the machine', async () => {
    const v4 = ownAddresses().filter((a) => !a.startsWith('['));
    for (const name of ['localhost', '127.0.0.1', ...v4])
      expect((await get(`${name}:${port}`)).status).toBe(200);
  });

  test('refuses a foreign Host', async () => {
    const res = await get(`evil.example:${port}`);
    expect(res.status).toBe(403);
    expect(res.json().error.type).toBe('ForeignHost');
  });
});

test('start --host 0.0.0.0 warns on stderr that the workbench is reachable from the network', async () => {
  let out = '';
  let err = '';
  const stop = new AbortController();
  const exit = main(['start', '--host', '0.0.0.0', '--port', '0', '--app', APP_DIR], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
    signal: stop.signal,
  });
  for (let i = 0; !out.includes('\n') && i < 1000; i++) await new Promise((r) => setTimeout(r, 20));
  stop.abort();
  expect(await exit).toBe(0);
  expect(out).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/\?token=/);
  expect(err).toMatch(/warning: .*reachable from the network/i);
  // The loopback default stays quiet.
  err = '';
  out = '';
  const again = new AbortController();
  const quiet = main(['start', '--port', '0', '--app', APP_DIR], {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
    signal: again.signal,
  });
  for (let i = 0; !out.includes('\n') && i < 1000; i++) await new Promise((r) => setTimeout(r, 20));
  again.abort();
  expect(await quiet).toBe(0);
  expect(err).toBe('');
});
