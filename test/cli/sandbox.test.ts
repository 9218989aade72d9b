/** `sandbox` starts the emulator over a file database and serves real HTTP until stopped. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../runtime/cli/main';
import { runCli, testIo } from './run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function get(url: string, apiKey: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const auth = Buffer.from(`${apiKey}:`).toString('base64');
    http
      .get(url, { headers: { Authorization: `Basic ${auth}` } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('prints `listening on http://127.0.0.1:PORT`, serves the API with the given key, stops on abort', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-sandbox-'));
  dirs.push(dir);
  const controller = new AbortController();
  const io = testIo({ cwd: dir, signal: controller.signal });
  const done = main(
    [
      'sandbox',
      '--port',
      '0',
      '--db',
      'data/x.db',
      '--api-key',
      'sandbox-key-1',
      '--api-key',
      'sandbox-key-2',
      '--no-limits',
    ],
    io,
  );
  const [line, url] = await waitFor(() => io.stdout.text, /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/);
  expect(line).toBe(`listening on ${url}\n`);
  expect(fs.existsSync(path.join(dir, 'data', 'x.db'))).toBe(true);
  expect((await get(`${url}/v1/data_sources`, 'sandbox-key-2')).status).toBe(200);
  expect((await get(`${url}/v1/data_sources`, 'sandbox-demo-key')).status).toBe(401);
  controller.abort();
  expect(await done).toBe(0);
});

test('defaults the database to .sandbox/chartmogul.db in the app folder and seeds the demo data', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-sandbox-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'makecomapp.json'), '{}');
  const controller = new AbortController();
  const io = testIo({ cwd: dir, signal: controller.signal });
  const done = main(['sandbox', '--port', '0', '--no-limits'], io);
  const [, url] = await waitFor(() => io.stdout.text, /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/);
  expect(fs.existsSync(path.join(dir, '.sandbox', 'chartmogul.db'))).toBe(true);
  const { status, body } = await get(`${url}/v1/data_sources`, 'sandbox-demo-key');
  expect(status).toBe(200);
  expect((JSON.parse(body) as { data_sources: unknown[] }).data_sources.length).toBeGreaterThan(0);
  controller.abort();
  expect(await done).toBe(0);
});

test('creates the database folder it needs readable by its owner only', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-sandbox-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'makecomapp.json'), '{}');
  const controller = new AbortController();
  const io = testIo({ cwd: dir, signal: controller.signal });
  const done = main(['sandbox', '--port', '0', '--no-limits', '--seed', 'none'], io);
  await waitFor(() => io.stdout.text, /^listening on /);
  controller.abort();
  expect(await done).toBe(0);
  expect(fs.statSync(path.join(dir, '.sandbox')).mode & 0o077).toBe(0);
  for (const file of fs.readdirSync(path.join(dir, '.sandbox')))
    expect([file, fs.statSync(path.join(dir, '.sandbox', file)).mode & 0o077]).toEqual([file, 0]);
});

test('--db :memory: keeps the database in memory: no file of that name appears', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-sandbox-'));
  dirs.push(dir);
  const controller = new AbortController();
  const io = testIo({ cwd: dir, signal: controller.signal });
  const done = main(['sandbox', '--port', '0', '--no-limits', '--db', ':memory:'], io);
  const [, url] = await waitFor(() => io.stdout.text, /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/);
  const { status, body } = await get(`${url}/v1/data_sources`, 'sandbox-demo-key');
  expect(status).toBe(200);
  // A database in memory is new each time, so the demo data is loaded.
  expect((JSON.parse(body) as { data_sources: unknown[] }).data_sources.length).toBeGreaterThan(0);
  controller.abort();
  expect(await done).toBe(0);
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('a malformed --faults spec exits 2', async () => {
  const { code, stderr } = await runCli([
    'sandbox',
    '--port',
    '0',
    '--db',
    ':memory:',
    '--faults',
    'latency=fast',
  ]);
  expect(code).toBe(2);
  expect(stderr).toContain('--faults: ');
});

test('a bad --seed exits 2', async () => {
  const { code, stderr } = await runCli(['sandbox', '--seed', 'lots']);
  expect(code).toBe(2);
  expect(stderr).toContain('--seed must be demo or none, got lots');
});

test('a --clock that is not a timestamp exits 2 before any database is created', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-sandbox-'));
  dirs.push(dir);
  const db = path.join(dir, 'data', 'sandbox.db');
  const { code, stderr } = await runCli(['sandbox', '--port', '0', '--db', db, '--clock', 'notadate']);
  expect(code).toBe(2);
  expect(stderr).toContain('--clock: not an ISO 8601 timestamp: notadate');
  expect(fs.existsSync(path.dirname(db))).toBe(false);
});
