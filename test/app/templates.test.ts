// The app's own IML templates, evaluated with the IML engine: error messages for every ChartMogul
// error dialect, the Basic auth header, the universal module's headers, and the request pieces
// built with toCollection/if/ifempty.
import { evaluate } from '../../runtime/iml';
import { moduleFiles, readJsonc, rpcCommunication } from './helpers/definitions';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const base = readJsonc<Json>('connector/base.iml.json');
// As the engine does: response.temp right after the response, then the error message (make-format §4.2).
const errorMessage = (statusCode: number, body: unknown) => {
  const temp = evaluate(base.response.temp, { statusCode, body });
  const error = base.response.error[String(statusCode)] ?? base.response.error;
  return evaluate(error.message, { statusCode, body, temp });
};

describe('Base error messages, one per ChartMogul dialect', () => {
  test.each([
    [
      'A: code/message/param',
      401,
      { code: 401, message: 'No valid API key provided', param: null },
      '[401] No valid API key provided',
    ],
    [
      'A with a param',
      400,
      { code: 400, message: 'Parameter "name" is missing', param: 'name' },
      '[400] Parameter "name" is missing (name)',
    ],
    [
      'B: errors map',
      422,
      { errors: { external_id: 'Taken.', name: 'Required.' } },
      '[422] Taken.; Required. (external_id, name)',
    ],
    ['C: error', 404, { error: 'Data source not found' }, '[404] Data source not found'],
    [
      'D: Rails arrays + error_details',
      422,
      {
        name: ["Name can't be blank"],
        error_details: [
          { param: 'name', code: 'blank', message: "Name can't be blank" },
          { param: 'plan_ids', code: 'blank', message: "Plan ids can't be blank" },
        ],
      },
      "[422] Name can't be blank; Plan ids can't be blank (name, plan_ids)",
    ],
    [
      'E: per-invoice errors',
      422,
      {
        invoices: [
          {
            external_id: 'INV1',
            errors: { external_id: 'The external ID for this invoice already exists.' },
          },
        ],
      },
      '[422] The external ID for this invoice already exists. (external_id)',
    ],
    [
      'E: per-invoice error arrays',
      422,
      { invoices: [{ errors: { currency: ['Currency is invalid'], date: ['Date is in the future'] } }] },
      '[422] Currency is invalid; Date is in the future (currency, date)',
    ],
    ['F: plain text', 504, '504 Gateway Timeout Error', '[504] 504 Gateway Timeout Error'],
    ['unknown JSON', 418, { teapot: true }, '[418] {"teapot":true}'],
    [
      'A at a status without its own entry',
      500,
      { code: 500, message: 'Internal error', param: null },
      '[500] Internal error',
    ],
    ['B at 400', 400, { errors: { name: 'Required.' } }, '[400] Required. (name)'],
    ['C at 422: no field list', 422, { error: 'Invalid plan' }, '[422] Invalid plan'],
    ['F at 400: plain text', 400, 'Bad Request', '[400] Bad Request'],
    ['unknown JSON at 422', 422, { teapot: true }, '[422] {"teapot":true}'],
    ['empty body at 422', 422, '', '[422] no details given'],
    ['401 without a message', 401, {}, '[401] ChartMogul did not accept the API key'],
    ['404 without details', 404, '', '[404] Not found'],
    ['429 as plain text', 429, 'Too Many Requests', '[429] ChartMogul rate limit exceeded'],
    ['empty body', 500, '', '[500] no details given'],
    ['no body', 500, undefined, '[500] no details given'],
  ])('%s', (_dialect, status, body, expected) => {
    expect(errorMessage(status, body)).toBe(expected);
  });
});

describe('Basic auth header', () => {
  const header = base.headers.Authorization;
  const decode = (v: unknown) => Buffer.from(String(v).replace(/^Basic /, ''), 'base64').toString();

  test('API key as user name with an empty password', () => {
    expect(decode(evaluate(header, { connection: { apiKey: 'key-1' } }))).toBe('key-1:');
  });
  test('a legacy token/secret pair', () => {
    expect(decode(evaluate(header, { connection: { apiKey: 'token', secretKey: 'secret' } }))).toBe(
      'token:secret',
    );
  });
  test('the connection and the universal module build the same header', () => {
    const conn = readJsonc<Json>('connector/connections/chartmogul/chartmogul.communication.iml.json');
    const universal = moduleFiles('makeApiCall').communication as Json;
    const values = { apiKey: 'k', secretKey: 's' };
    expect(evaluate(conn.headers.Authorization, { parameters: values })).toBe(
      evaluate(header, { connection: values }),
    );
    expect(evaluate(universal.headers.Authorization, { connection: values })).toBe(
      evaluate(header, { connection: values }),
    );
  });
});

describe('Make an API Call request pieces', () => {
  const comm = moduleFiles('makeApiCall').communication as Json;
  const connection = { apiKey: 'k' };

  test('user headers are kept, but never their Authorization or Content-Type', () => {
    const headers = evaluate(comm.headers, {
      connection,
      parameters: {
        headers: [
          { key: 'X-Trace', value: '1' },
          { key: 'authorization', value: 'Basic evil' },
          { key: 'content-type', value: 'text/plain' },
        ],
      },
    });
    expect(headers).toEqual({
      'X-Trace': '1',
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from('k:').toString('base64')}`,
    });
  });
  test('no headers or query string → only Content-Type and Authorization, no query', () => {
    expect(Object.keys(evaluate(comm.headers, { connection, parameters: {} }) as Json)).toEqual([
      'Content-Type',
      'Authorization',
    ]);
    expect(evaluate(comm.qs, { parameters: {} })).toEqual({});
    expect(evaluate(comm.qs, { parameters: { qs: [{ key: 'per_page', value: '5' }] } })).toEqual({
      per_page: '5',
    });
  });
});

describe('module and RPC templates', () => {
  test('per_page follows the limit up to ChartMogul’s 200', () => {
    const perPage = (moduleFiles('listCustomers').communication as Json).qs.per_page;
    expect([5, 200, 500].map((limit) => evaluate(perPage, { parameters: { limit } }))).toEqual([5, 200, 200]);
  });

  // A request's temp is evaluated first and is visible to its body (make-format §4.2).
  const requestBody = (id: string, parameters: Json) => {
    const comm = moduleFiles(id).communication as Json;
    return evaluate(comm.body, { parameters, temp: evaluate(comm.temp ?? {}, { parameters }) });
  };

  test('update sends custom attributes as a key → value map, and no attributes when none are given', () => {
    const custom = [
      { type: 'String', key: 'channel', value: 'Partner' },
      { key: 'seats', value: '12' },
    ];
    expect(requestBody('updateCustomer', { customer_uuid: 'c', custom })).toEqual({
      attributes: { custom: { channel: 'Partner', seats: '12' } },
    });
    expect(requestBody('updateCustomer', { customer_uuid: 'c', name: 'N' })).toEqual({ name: 'N' });
    expect(requestBody('updateCustomer', { customer_uuid: 'c', tags: [] })).toEqual({
      attributes: { tags: [] },
    });
  });

  test('create sends custom attributes as typed entries and wraps one invoice for import', () => {
    const custom = [{ type: 'Integer', key: 'age', value: '18' }];
    expect(requestBody('createCustomer', { external_id: 'e', custom, tags: ['a'] })).toEqual({
      external_id: 'e',
      attributes: { custom, tags: ['a'] },
    });
    expect(requestBody('createCustomer', { external_id: 'e' })).toEqual({ external_id: 'e' });
    expect(requestBody('importInvoice', { customer_uuid: 'c', external_id: 'I', currency: 'USD' })).toEqual({
      invoices: [{ external_id: 'I', currency: 'USD' }],
    });
  });

  test('rpcSubscriptions only asks when the form has a customer (its plans, then its subscriptions)', () => {
    const requests = [rpcCommunication('rpcSubscriptions')].flat() as Json[];
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      const condition =
        typeof request.condition === 'string' ? request.condition : request.condition.condition;
      expect(evaluate(condition, { parameters: {} })).toBe(false);
      expect(evaluate(condition, { parameters: { customer_uuid: 'cus_1' } })).toBe(true);
    }
    expect(requests[requests.length - 1].condition.default).toEqual([]);
  });

  test('option labels', () => {
    const label = (id: string, item: Json) =>
      evaluate((rpcCommunication(id) as Json).response.output.label, { item });
    expect(
      label('rpcInvoices', { external_id: 'INV-1', currency: 'EUR', date: '2025-03-04T05:06:07.000Z' }),
    ).toBe('INV-1 (EUR, 2025-03-04)');
    expect(label('rpcCustomers', { name: null, email: 'a@b.c', external_id: 'x' })).toBe('a@b.c');
    expect(label('rpcCustomers', { name: null, email: null, external_id: 'x' })).toBe('x');
  });
});
