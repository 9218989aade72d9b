// The Base's response.error against every ChartMogul error dialect (chartmogul-api.md §10), served by
// a small loopback server: the error type per status and one readable message per dialect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionError,
  DataError,
  DuplicateDataError,
  InvalidAccessTokenError,
  loadApp,
  RateLimitError,
  runModule,
  RuntimeError,
  verifyConnection,
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
  // ChartMogul's duplicate answers (chartmogul-api.md: customers, invoices, transactions, data sources).
  dupCustomer422: [
    422,
    'application/json',
    JSON.stringify({
      errors: { external_id: 'The external ID for this customer already exists in our system.' },
    }),
  ],
  dupTransaction422: [
    422,
    'application/json',
    JSON.stringify({ invoices: [{ errors: { 'transactions.external_id': 'has already been taken' } }] }),
  ],
  dupName422: [422, 'application/json', JSON.stringify({ errors: { name: 'Has already been taken.' } })],
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

// Customers list: a first page that succeeds and carries `message`/`error` keys, then a plain-text 500,
// so a message computed from the first page must not leak into the second page's error.
function listPage(cursor: string | null, res: http.ServerResponse): void {
  if (cursor === null) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        entries: [{ uuid: 'cus_1' }],
        has_more: true,
        cursor: 'page-2',
        message: 'first page',
        error: 'first page',
        param: 'first_page',
      }),
    );
    return;
  }
  res.writeHead(500, { 'Content-Type': 'text/plain' });
  res.end('500 Internal Server Error');
}

let server: http.Server;
let target: string;
let app: App;
const seenAuth: string[] = [];

beforeAll(async () => {
  app = await loadApp(APP_DIR);
  server = http.createServer((req, res) => {
    seenAuth.push(String(req.headers.authorization));
    const url = new URL(String(req.url), 'http://x');
    if (url.pathname === '/v1/customers') return listPage(url.searchParams.get('cursor'), res);
    // The connection's /v1/account picks its reply by the API key (the user name of the Basic auth).
    const key =
      url.pathname === '/v1/account'
        ? Buffer.from(String(req.headers.authorization).replace(/^Basic /, ''), 'base64')
            .toString()
            .split(':')[0]
        : decodeURIComponent(url.pathname.split('/').pop() as string);
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
  [
    'e422',
    DuplicateDataError,
    '[422] The external ID for this invoice already exists in our system. (external_id)',
  ],
  [
    'dupCustomer422',
    DuplicateDataError,
    '[422] The external ID for this customer already exists in our system. (external_id)',
  ],
  ['dupTransaction422', DuplicateDataError, '[422] has already been taken (transactions.external_id)'],
  ['dupName422', DuplicateDataError, '[422] Has already been taken. (name)'],
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

test('an error after a successful page is described by its own body only', async () => {
  const err = await runModule(app, 'listCustomers', {
    parameters: { limit: 10 },
    connection: { apiKey: 'k-123' },
    target,
    retry: false,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RuntimeError);
  expect((err as Error).message).toBe('[500] 500 Internal Server Error');
});

// The connection's communication is not merged with the Base: its own error mapping, same messages.
test.each([
  ['a401', InvalidAccessTokenError, '[401] No valid API key provided'],
  ['b422', RuntimeError, '[422] A unique external ID is required.; A name is required.'],
  ['c404', RuntimeError, '[404] Customer not found'],
  ['d422', RuntimeError, "[422] Name can't be blank; Plan ids can't be blank"],
  ['e422', RuntimeError, '[422] The external ID for this invoice already exists in our system.'],
  ['f500', RuntimeError, '[500] 500 Internal Server Error'],
  ['g503', ConnectionError, '[503] Too many parallel connections'],
  ['unknown418', RuntimeError, '[418] {"teapot":true}'],
])('connection: %s → %p', async (apiKey, type, message) => {
  const err = await verifyConnection(app, { connection: { apiKey }, target, retry: false }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
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
