// Dry runs of every module: the exact request (method, URL on the Base origin, body) ChartMogul documents
// is rendered, nothing is sent, and the API key never appears in the rendered output.
import { loadApp, runModule, runTrigger } from '../../runtime';
import type { App } from '../../runtime';
import { APP_DIR, moduleIds } from './helpers/definitions';
import { expectedRequests, REQUESTS } from './helpers/requests';

const KEY = 'dry-run-secret-5150';
const API = 'https://api.chartmogul.com';

let app: App;
beforeAll(async () => {
  app = await loadApp(APP_DIR);
});

test('every module has a dry-run case (an instant trigger sends nothing: ChartMogul posts to it)', () => {
  expect(Object.keys(REQUESTS).sort()).toEqual(
    moduleIds()
      .filter((id) => id !== 'watchMrrMovements')
      .sort(),
  );
});

test.each(Object.entries(REQUESTS))('%s renders its request', async (id, c) => {
  const { parameters, requests } = expectedRequests(c);
  const options = { parameters, connection: { apiKey: KEY }, dryRun: true };
  const result = await (id.startsWith('watch') ? runTrigger(app, id, options) : runModule(app, id, options));
  expect(result.requests.map((r) => [r.method, r.url, r.body])).toEqual(
    requests.map(([method, url, body]) => [method, API + url, body]),
  );
  for (const request of result.requests)
    expect(request.headers).toMatchObject({ Authorization: expect.not.stringContaining('Basic') });
  expect(JSON.stringify(result)).not.toContain(KEY);
  expect(JSON.stringify(result)).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
});

test('Make an API Call sends its body as application/json, whatever Content-Type header the user adds', async () => {
  const contentType = async (headers?: { key: string; value: string }[]) => {
    const parameters = { url: '/v1/data_sources', method: 'POST', body: '{"name":"x"}', headers };
    const result = await runModule(app, 'makeApiCall', {
      parameters,
      connection: { apiKey: KEY },
      dryRun: true,
    });
    const [request] = result.requests;
    expect(request.body).toBe('{"name":"x"}');
    return Object.entries(request.headers).filter(([name]) => name.toLowerCase() === 'content-type');
  };
  expect(await contentType()).toEqual([['Content-Type', 'application/json']]);
  for (const name of ['content-type', 'Content-Type'])
    expect(await contentType([{ key: name, value: 'text/plain' }])).toEqual([
      ['Content-Type', 'application/json'],
    ]);
});

test('Cancel a Subscription sends one operation: Cancellation Dates when given, else Canceled At', async () => {
  const body = async (parameters: Record<string, unknown>) =>
    (
      await runModule(app, 'cancelSubscription', {
        parameters: { subscription_uuid: 'sub_1', ...parameters },
        connection: { apiKey: KEY },
        dryRun: true,
      })
    ).requests[0].body;
  const at = '2024-01-15T12:00:00.000Z';
  expect(await body({ cancelled_at: at })).toEqual({ cancelled_at: at });
  expect(await body({ cancelled_at: at, cancellation_dates: [at] })).toEqual({ cancellation_dates: [at] });
  expect(await body({ cancelled_at: at, cancellation_dates: null })).toEqual({ cancellation_dates: [] });
});

test('custom attributes carry a value of their type (Integer, Decimal, Boolean, Timestamp), on create and update', async () => {
  const custom = [
    { type: 'String', key: 'channel', value: 'web' },
    { type: 'Integer', key: 'seats', value: '18' },
    { type: 'Decimal', key: 'score', value: '1.5' },
    { type: 'Boolean', key: 'vip', value: 'false' },
    { type: 'Timestamp', key: 'renewal', value: '2025-03-01' },
  ];
  const body = async (id: string, parameters: Record<string, unknown>) =>
    (await runModule(app, id, { parameters, connection: { apiKey: KEY }, dryRun: true })).requests[0]
      .body as { attributes: { custom: unknown } };
  const created = await body('createCustomer', { data_source_uuid: 'ds_1', external_id: 'e1', custom });
  expect(created.attributes.custom).toEqual([
    { type: 'String', key: 'channel', value: 'web' },
    { type: 'Integer', key: 'seats', value: 18 },
    { type: 'Decimal', key: 'score', value: 1.5 },
    { type: 'Boolean', key: 'vip', value: false },
    { type: 'Timestamp', key: 'renewal', value: '2025-03-01T00:00:00.000Z' },
  ]);
  const updated = await body('updateCustomer', { customer_uuid: 'cus_1', custom });
  expect(updated.attributes.custom).toEqual({
    channel: 'web',
    seats: 18,
    score: 1.5,
    vip: false,
    renewal: '2025-03-01T00:00:00.000Z',
  });
});
