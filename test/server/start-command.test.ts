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
