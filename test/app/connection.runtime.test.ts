// The connection's verification request against the sandbox: GET /v1/account, label = account name.
import { InvalidAccessTokenError, loadApp, startSandbox, verifyConnection } from '../../runtime';
import type { App } from '../../runtime';
import { APP_DIR } from './helpers/definitions';

let app: App;
let sandbox: { url: string; close(): Promise<void> };
const KEY = 'conn-test-key';

beforeAll(async () => {
  app = await loadApp(APP_DIR);
  sandbox = await startSandbox({ port: 0, apiKeys: [KEY], limits: false });
});
afterAll(() => sandbox?.close());

test('a valid key verifies and shows the account name', async () => {
  const account = await (
    await fetch(`${sandbox.url}/v1/account`, {
      headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` },
    })
  ).json();
  const result = await verifyConnection(app, { connection: { apiKey: KEY }, target: sandbox.url });
  expect(result).toEqual({ ok: true, label: (account as { name: string }).name });
  expect(result.label).toEqual(expect.any(String));
});

test('the key entered in both fields (Make’s old two-field habit) verifies too', async () => {
  await expect(
    verifyConnection(app, { connection: { apiKey: KEY, secretKey: KEY }, target: sandbox.url }),
  ).resolves.toMatchObject({ ok: true });
});

test('a wrong key is an InvalidAccessTokenError that does not echo the key', async () => {
  const err = await verifyConnection(app, {
    connection: { apiKey: 'wrong-key-9z' },
    target: sandbox.url,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidAccessTokenError);
  expect((err as Error).message).toMatch(/^\[401\]/);
  expect(JSON.stringify({ m: (err as Error).message, ...(err as object) })).not.toContain('wrong-key-9z');
});
