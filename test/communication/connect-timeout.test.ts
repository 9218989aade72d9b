/**
 * Connect timeout, separate from the response timeout, against a real endpoint whose TCP connect
 * never completes (see stalled-listener.ts). A connection that never opened sent nothing, so the
 * retry rules treat it like a refused one: GETs and POSTs alike are retried, then ConnectionError.
 */
import { runModule } from '../../runtime/communication';
import type { EngineEvent } from '../../runtime/communication';
import { ConnectionError } from '../../runtime/errors';
import { GET_AND_POST, KEY, makeApp, opts, startTestServer, TestServer } from './helpers';
import { startStalledListener, StalledListener } from './stalled-listener';

let stalled: StalledListener;
let server: TestServer;
beforeAll(async () => {
  stalled = await startStalledListener();
  server = await startTestServer();
});
afterAll(async () => {
  await stalled.close();
  await server.close();
});

const app = makeApp({
  modules: [
    ...GET_AND_POST,
    {
      id: 'postWithShortTimeout',
      communication: { url: '/v1/x', method: 'POST', body: { a: 1 }, timeout: 150 } as never,
    },
  ],
});

function run(moduleId: string, extra: Record<string, unknown> = {}) {
  const events: EngineEvent[] = [];
  const result = runModule(app, moduleId, {
    target: stalled.url,
    connection: { apiKey: KEY },
    retry: { minDelayMs: 5, maxDelayMs: 20 },
    connectTimeoutMs: 200,
    logger: (e: EngineEvent) => events.push(e),
    ...extra,
  }).then(
    () => {
      throw new Error('expected the run to fail');
    },
    (err: unknown) => err as Error,
  );
  return { result, events };
}

const retries = (events: EngineEvent[]) =>
  events.filter((e): e is Extract<EngineEvent, { type: 'retry' }> => e.type === 'retry');

describe('connect timeout', () => {
  test('a GET whose connect never completes fails with ConnectionError "connection timed out" after its retries', async () => {
    const { result, events } = run('get');
    const err = await result;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toBe(`GET ${stalled.url}/v1/x failed: connection timed out`);
    expect(retries(events).map((e) => e.reason)).toEqual(Array(4).fill('connection timed out'));
  });

  test('a POST whose connect never completes is retried too: nothing was sent', async () => {
    const { result, events } = run('post');
    const err = await result;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/^POST .* failed: connection timed out$/);
    expect(retries(events)).toHaveLength(4);
  });

  test('a response timeout that fires while still connecting counts as a connect timeout (the POST is retried)', async () => {
    // The definition's 150 ms response timeout ends the attempt long before the 10 s connect timeout.
    const { result, events } = run('postWithShortTimeout', { connectTimeoutMs: undefined });
    const err = await result;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/connection timed out$/);
    expect(retries(events)).toHaveLength(4);
  });

  test('the connect timeout does not bound the response: a slow answer on an open connection still arrives', async () => {
    server.handle = () => ({ delayMs: 600, body: { slow: 'but fine' } });
    const result = await runModule(app, 'get', opts(server, { connectTimeoutMs: 100 }));
    expect(result.bundles).toEqual([{ slow: 'but fine' }]);
    expect(server.requests).toHaveLength(1);
  });

  test('the error names neither the API key nor the Authorization header', async () => {
    const { result, events } = run('get', { retry: false });
    const err = await result;
    const seen = JSON.stringify([err.message, err.stack, events]);
    expect(seen).not.toContain(KEY);
    expect(seen).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
  });

  test.each([0, -1, Number.NaN])('a connect timeout of %s is refused before anything is sent', async (ms) => {
    server.requests = [];
    await expect(runModule(app, 'get', opts(server, { connectTimeoutMs: ms }))).rejects.toThrow(
      /connectTimeoutMs must be a positive number of milliseconds/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
