// The Base's response.error against every ChartMogul error dialect (chartmogul-api.md §10), served by
// a small loopback server: the error type per status and one readable message per dialect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionError,
  DataError,
  InvalidAccessTokenError,
  loadApp,
  RateLimitError,
  runModule,
  RuntimeError,
} from '../../runtime';
import type { App } from '../../runtime';
import { APP_DIR } from './helpers/definitions';

// customer_uuid → [status, content type, body]
const REPLIES: Record<string, [number, string, string]> = {
  a401: [
    401,
    'application/json',
    JSON.stringify({ code: 401, message: 'No valid API key provided', param: null }),
  ],
  a400: [
    400,
    'application/json',
    JSON.stringify({ code: 400, message: 'Parameter "name" is missing', param: 'name' }),
  ],
  a422: [
    422,
    'application/json',
    JSON.stringify({
      code: 422,
      message: 'The value provided does not appear to be a valid email address.',
      param: 'email',
    }),
  ],
  b422: [
    422,
    'application/json',
    JSON.stringify({
      errors: { external_id: 'A unique external ID is required.', name: 'A name is required.' },
    }),
  ],
  c404: [404, 'application/json', JSON.stringify({ error: 'Customer not found' })],
  d422: [
    422,
    'application/json',
    JSON.stringify({
      name: ["Name can't be blank"],
      plan_ids: ["Plan ids can't be blank"],
      error_details: [
        { param: 'name', code: 'blank', message: "Name can't be blank" },
        { param: 'plan_ids', code: 'blank', message: "Plan ids can't be blank" },
      ],
    }),
  ],
  e422: [
    422,
    'application/json',
    JSON.stringify({
      invoices: [
        {
          external_id: 'INV1',
          errors: { external_id: 'The external ID for this invoice already exists in our system.' },
        },
      ],
    }),
  ],
  e422arrays: [
    422,
    'application/json',
    JSON.stringify({
      invoices: [{ errors: { currency: ['Currency is invalid'], date: ['Date is in the future'] } }],
    }),
  ],
  f500: [500, 'text/plain', '500 Internal Server Error'],
  r429: [
    429,
    'application/json',
    JSON.stringify({ code: 429, message: 'Your request rate has exceeded our rate limit.', param: null }),
  ],
  g502: [502, 'text/plain', '502 Bad Gateway'],
  g503: [
    503,
    'application/json',
    JSON.stringify({ code: 503, message: 'Too many parallel connections', param: null }),
  ],
  g504: [504, 'text/plain', '504 Gateway Timeout Error'],
  unknown418: [418, 'application/json', JSON.stringify({ teapot: true })],
};

let server: http.Server;
let target: string;
let app: App;
const seenAuth: string[] = [];

beforeAll(async () => {
  app = await loadApp(APP_DIR);
  server = http.createServer((req, res) => {
    seenAuth.push(String(req.headers.authorization));
    const key = decodeURIComponent(String(req.url).split('/').pop() as string);
    const [status, type, body] = REPLIES[key] ?? [200, 'application/json', '{}'];
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// retry: false — retrying 429/5xx is the engine's concern (tested there); here only the mapping counts.
const run = (uuid: string, connection = { apiKey: 'k-123' }) =>
  runModule(app, 'getCustomer', {
    parameters: { customer_uuid: uuid },
    connection,
    target,
    retry: false,
  }).catch((e: unknown) => e);

test.each([
  ['a401', InvalidAccessTokenError, '[401] No valid API key provided'],
  ['a400', DataError, '[400] Parameter "name" is missing (name)'],
  ['a422', DataError, '[422] The value provided does not appear to be a valid email address. (email)'],
  ['b422', DataError, '[422] A unique external ID is required.; A name is required. (external_id, name)'],
  ['c404', RuntimeError, '[404] Customer not found'],
  ['d422', DataError, "[422] Name can't be blank; Plan ids can't be blank (name, plan_ids)"],
  ['e422', DataError, '[422] The external ID for this invoice already exists in our system. (external_id)'],
  ['e422arrays', DataError, '[422] Currency is invalid; Date is in the future (currency, date)'],
  ['f500', RuntimeError, '[500] 500 Internal Server Error'],
  ['r429', RateLimitError, '[429] Your request rate has exceeded our rate limit.'],
  ['g502', ConnectionError, '[502] 502 Bad Gateway'],
  ['g503', ConnectionError, '[503] Too many parallel connections'],
  ['g504', ConnectionError, '[504] 504 Gateway Timeout Error'],
  ['unknown418', RuntimeError, '[418] {"teapot":true}'],
])('%s → %p with a readable message', async (uuid, type, message) => {
  const err = await run(uuid);
  expect(err).toBeInstanceOf(type);
  expect((err as Error).name).toBe(type.name);
  expect((err as Error).message).toBe(message);
});

test('Basic auth: the API key as user name, the Secret Key (if any) as password', async () => {
  seenAuth.length = 0;
  await run('ok');
  await run('ok', { apiKey: 'tok', secretKey: 'sec' } as { apiKey: string });
  expect(seenAuth).toEqual([
    `Basic ${Buffer.from('k-123:').toString('base64')}`,
    `Basic ${Buffer.from('tok:sec').toString('base64')}`,
  ]);
});
