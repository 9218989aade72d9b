/** `chartmogul-connector start`: prints exactly the URL to open, serves until stopped, reports a busy port. */
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { main } from '../../runtime/cli/main';
import type { CliIo } from '../../runtime/cli/io';
import { request } from './http';

function io(signal: AbortSignal) {
  let out = '';
  let err = '';
  const value: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
    signal,
  };
  return { io: value, out: () => out, err: () => err };
}

async function until(check: () => boolean, why: () => string): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 1000) throw new Error(`gave up waiting: ${why()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('start prints exactly http://127.0.0.1:PORT/?token=TOKEN, serves the page, and stops on abort', async () => {
  const stop = new AbortController();
  const cli = io(stop.signal);
  const exit = main(['start', '--port', '0'], cli.io);
  await until(() => cli.out().includes('\n'), cli.err);
  expect(cli.out()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+\n$/);
  const url = cli.out().trim();
  const opened = await request(url, url);
  expect(opened.status).toBe(303);
  expect(opened.headers['set-cookie']).toBeDefined();
  stop.abort();
  expect(await exit).toBe(0);
  expect(cli.err()).toBe('');
});

test('start on a busy port says so and exits 1', async () => {
  const blocker = http.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const cli = io(new AbortController().signal);
    expect(await main(['start', '--port', String(port)], cli.io)).toBe(1);
    expect(cli.out()).toBe('');
    expect(cli.err()).toContain(`Port ${port} on 127.0.0.1 is already in use; choose another with --port`);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('start refuses a malformed port as bad usage', async () => {
  const cli = io(new AbortController().signal);
  expect(await main(['start', '--port', 'eighty'], cli.io)).toBe(2);
  expect(cli.err()).toMatch(/--port/);
});

test('start --app DIR serves any app: its connection by --connection, runs sent to --base-url, no sandbox', async () => {
  const path = await import('node:path');
  const { startTestServer } = await import('../communication/helpers');
  const { closeFunctions } = await import('../../runtime/functions');
  const api = await startTestServer((req) => ({
    status: 201,
    body: { id: 'n_1', title: JSON.parse(req.body).title },
  }));
  const stop = new AbortController();
  const cli = io(stop.signal);
  const app = path.join(__dirname, '..', 'functions', 'fixtures', 'fn-app');
  const key = 'nk_RECOGNIZABLE_START_KEY';
  const exit = main(
    ['start', '--port', '0', '--app', app, '--base-url', api.url, '--connection', `apiKey=${key}`],
    cli.io,
  );
  try {
    await until(() => cli.out().includes('\n'), cli.err);
    const url = new URL(cli.out().trim());
    const token = url.searchParams.get('token')!;
    const headers = { 'X-Workbench-Token': token, 'Content-Type': 'application/json' };
    const described = (await request(url.origin, '/api/app', { headers })).json();
    expect(described).toMatchObject({ name: 'notes-app', connection: { mode: 'apiKey', target: api.url } });
    const run = await request(url.origin, '/api/modules/createNote/run', {
      method: 'POST',
      headers,
      body: JSON.stringify({ parameters: { title: 'hi' } }),
    });
    expect(run.json().bundles).toEqual([{ id: 'n_1', title: 'HI' }]);
    expect(api.requests.at(-1)!.headers['x-api-key']).toBe(key);
    expect(run.text).not.toContain(key);
  } finally {
    stop.abort();
    expect(await exit).toBe(0);
    await api.close();
    closeFunctions();
  }
});
