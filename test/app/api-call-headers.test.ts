/**
 * Issue 16: in Make an API Call a header named like Authorization in any case or spacing must never
 * replace or remove the connection's authentication, and the dry run shows what goes on the wire.
 * Decision (decisions.md "Header names on the wire"): a header name that is not an HTTP token
 * (`authorization `, ` Authorization`, `a b`) is refused with a BundleValidationError before anything
 * is sent; a case variant of the connection's header (`aUTHORIZATION`) merges into it, and the
 * connection's own value wins.
 */
import http from 'node:http';
import { BundleValidationError } from '../../runtime/errors';
import { loadApp, runModule } from '../../runtime';
import type { App } from '../../runtime';
import { APP_DIR } from './helpers/definitions';

const KEY = 'api-call-key-7788';
const BASIC = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;

let app: App;
let server: http.Server;
let target: string;
const received: string[][] = [];

beforeAll(async () => {
  app = await loadApp(APP_DIR);
  server = http.createServer((req, res) => {
    received.push(req.rawHeaders);
    res.setHeader('Content-Type', 'application/json');
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  target = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** Header name → values as they arrived (raw, in order). */
function arrived(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

const call = (headers: { key: string; value: string }[], dryRun = false) =>
  runModule(app, 'makeApiCall', {
    parameters: { url: '/v1/ping', method: 'GET', headers },
    connection: { apiKey: KEY },
    target,
    ...(dryRun ? { dryRun } : {}),
  });

test.each(['authorization ', ' Authorization', 'Authorization\t', 'author ization', 'x:y'])(
  'a header named %j is refused before anything is sent, in a dry run too',
  async (name) => {
    const before = received.length;
    for (const dryRun of [false, true]) {
      const err = await call([{ key: name, value: 'Basic ZXZpbDo=' }], dryRun).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleValidationError);
      expect((err as BundleValidationError).problems).toEqual([
        expect.objectContaining({ field: 'headers', message: expect.stringContaining(JSON.stringify(name)) }),
      ]);
    }
    expect(received.length).toBe(before);
  },
);

test.each(['AUTHORIZATION', 'aUthorization', 'Authorization', 'authorization'])(
  'a header named %s cannot replace the connection’s Authorization, on the wire or in the dry run',
  async (name) => {
    await call([{ key: name, value: 'Basic ZXZpbDo=' }]);
    const auth = arrived(received[received.length - 1]).filter(([n]) => n.toLowerCase() === 'authorization');
    expect(auth).toEqual([['Authorization', BASIC]]);
    const dry = await call([{ key: name, value: 'Basic ZXZpbDo=' }], true);
    const shown = Object.keys(dry.requests[0].headers).filter(
      (n) => n.trim().toLowerCase() === 'authorization',
    );
    expect(shown).toEqual(['Authorization']);
  },
);

test('the dry run lists exactly the headers the wire carries (apart from what Node adds itself)', async () => {
  const headers = [
    { key: 'x-trace-ID', value: 'abc' },
    { key: 'X-Trace-Id', value: 'def' },
  ];
  const dry = await call(headers, true);
  await call(headers);
  const wire = arrived(received[received.length - 1]).filter(
    ([n]) => !['host', 'connection', 'accept', 'accept-encoding', 'user-agent'].includes(n.toLowerCase()),
  );
  expect(wire.map(([n]) => n).sort()).toEqual(Object.keys(dry.requests[0].headers).sort());
  expect(wire.find(([n]) => n === 'X-Trace-Id')).toEqual(['X-Trace-Id', 'def']);
});

test('a header value with a line break is refused too (it could not be sent as shown)', async () => {
  const err = await call([{ key: 'X-Note', value: 'a\r\nInjected: 1' }]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BundleValidationError);
});
