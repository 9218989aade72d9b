/**
 * A connection given through the page's generated form (PUT /api/connection { parameters }) on an app
 * whose secret is a password parameter with an ordinary name (test/fixtures/pin-app: `pin`, which no
 * credential-name rule catches, and no `log.sanitize`): the API on loopback echoes it back in every
 * answer, and still no workbench answer holds it. The app's own parameter types say what is secret.
 * Like OpenRouter's, its makecomapp.json lists first a template connection that no module uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../runtime';
import { startTestServer, type TestServer } from '../communication/helpers';
import { workbenchCaller, type RawResponse } from './http';

const APP = path.join(__dirname, '..', 'fixtures', 'pin-app');
const PIN = '73194862';
let api: TestServer;
let server: Awaited<ReturnType<typeof startServer>>;
let tmp: string;
const seen: RawResponse[] = [];
const call = workbenchCaller(() => server, seen);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-pin-'));
  // A careless API: it says back the PIN it was sent, in the body and in errors alike.
  api = await startTestServer((req) => {
    const pin = String(req.headers['x-pin'] ?? '');
    if (pin !== PIN) return { status: 403, body: { error: `wrong pin ${pin}` } };
    return { body: { echo: `door ${req.headers['x-door'] ?? '?'} opened with ${pin}` } };
  });
  server = await startServer({ port: 0, appDir: APP, target: api.url, historyPath: path.join(tmp, 'h.db') });
});
afterAll(async () => {
  await server?.close();
  await api?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the form is the connection the modules use, not the template left first in makecomapp.json', async () => {
  const form = (await call('GET', '/api/app')).json().connectionForm;
  expect([form.id, form.params.map((p: { name: string }) => p.name)]).toEqual(['door', ['door', 'pin']]);
});

test('the connection is saved by parameter name and used: the test and a run send the PIN', async () => {
  expect((await call('PUT', '/api/connection', { parameters: { door: 'front', pin: PIN } })).status).toBe(
    204,
  );
  const tested = (await call('POST', '/api/connection/test')).json();
  expect(tested).toMatchObject({ ok: true });
  const run = await call('POST', '/api/modules/getEcho/run', { parameters: {} });
  expect(run.status).toBe(200);
  expect(api.requests.map((r) => r.headers['x-pin'])).toEqual([PIN, PIN]);
  expect(JSON.stringify(run.json().bundles)).toContain('door front opened with');
});

test('a PIN tried without saving, and refused, comes back in no error either', async () => {
  const tried = (
    await call('POST', '/api/connection/test', { parameters: { door: 'back', pin: '1111' } })
  ).json();
  expect(tried.ok).toBe(false);
  expect(api.requests.at(-1)?.headers['x-pin']).toBe('1111');
});

test('no answer of the workbench held a PIN', () => {
  expect(seen.length).toBe(5);
  for (const res of seen) {
    expect(res.text).not.toContain(PIN);
    expect(res.text).not.toContain('1111');
  }
});
