// The replayer against a tiny stand-in API over real loopback HTTP, so its own logic (state building,
// id rewriting, coverage, comparison) is tested apart from the sandbox it normally checks.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { parseCassette } from '../../../sandbox/conformance/cassette';
import { SandboxClient } from '../../../sandbox/conformance/client';
import { endpointOf, probeImplemented } from '../../../sandbox/conformance/endpoints';
import { replayCassette } from '../../../sandbox/conformance/replayer';

interface StandIn {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

/** Data sources and customers only; `dropKey` leaves one key out of every data source it returns. */
async function startStandIn(options: { dropKey?: string } = {}): Promise<StandIn> {
  let sources = new Map<string, Record<string, unknown>>();
  let customers = new Map<string, Record<string, unknown>>();
  let requests: Record<string, number> = {};
  let serial = 0;
  const seen: string[] = [];
  const newId = (prefix: string): string =>
    `${prefix}00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
  const show = (source: Record<string, unknown>): Record<string, unknown> => {
    const copy = { ...source };
    if (options.dropKey) delete copy[options.dropKey];
    return copy;
  };
  const routes: Array<
    [string, RegExp, (m: RegExpExecArray, body: Record<string, unknown>) => [number, unknown?]]
  > = [
    [
      'POST',
      /^\/v1\/data_sources$/,
      (_m, body) => {
        const source = {
          uuid: newId('ds_'),
          name: body.name,
          system: 'Custom',
          created_at: '2026-01-02T03:04:05.678Z',
        };
        sources.set(source.uuid, source);
        return [201, show(source)];
      },
    ],
    [
      'GET',
      /^\/v1\/data_sources\/([^/]+)$/,
      (m) => {
        const source = sources.get(m[1]!);
        return source ? [200, show(source)] : [404, { error: 'Data source not found' }];
      },
    ],
    [
      'POST',
      /^\/v1\/customers$/,
      (_m, body) => {
        if (!sources.has(String(body.data_source_uuid)))
          return [422, { errors: { data_source_uuid: 'bad' } }];
        const customer = {
          uuid: newId('cus_'),
          external_id: body.external_id,
          data_source_uuid: body.data_source_uuid,
        };
        customers.set(customer.uuid, customer);
        return [201, customer];
      },
    ],
    [
      'GET',
      /^\/v1\/customers\/([^/]+)$/,
      (m) => {
        const customer = customers.get(m[1]!);
        return customer ? [200, customer] : [404, { error: 'Customer not found' }];
      },
    ],
  ];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url!, 'http://x').pathname;
      const reply = (status: number, body?: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (path === '/__sandbox/stats') return reply(200, { requests, writes: {} });
      if (path === '/__sandbox/reset') {
        sources = new Map();
        customers = new Map();
        requests = {};
        return reply(200, {});
      }
      seen.push(`${req.method} ${path}`);
      for (const [method, pattern, handler] of routes) {
        const match = pattern.exec(path);
        if (method !== req.method || !match) continue;
        // Named like the sandbox's route templates: `GET /v1/customers/:uuid`.
        const template = `${method} ${pattern.source.replace(/\\/g, '').replace('([^/]+)', ':uuid').slice(1, -1)}`;
        requests[template] = (requests[template] ?? 0) + 1;
        const text = Buffer.concat(chunks).toString();
        return reply(...handler(match, text ? JSON.parse(text) : {}));
      }
      reply(404, { error: 'no such route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

const REC_DS = 'ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46';
const REC_CUS = 'cus_23e01538-2c7e-11ee-b2ce-fb986e96e21b';
const NEW_DS = 'ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34';

// Written for this test in VCR's layout: a customer the account already had, a data source the
// test creates and reads back, and a call to an endpoint the stand-in does not route.
const CASSETTE = `---
http_interactions:
- request:
    method: get
    uri: https://api.chartmogul.com/v1/customers/${REC_CUS}
    body: {encoding: US-ASCII, string: ''}
  response:
    status: {code: 200, message: OK}
    body: {encoding: UTF-8, string: '{"uuid":"${REC_CUS}","external_id":"cus_004","data_source_uuid":"${REC_DS}"}'}
  recorded_at: Mon, 30 Oct 2023 00:05:45 GMT
- request:
    method: post
    uri: https://api.chartmogul.com/v1/data_sources
    body: {encoding: UTF-8, string: '{"name":"Test Data Source"}'}
  response:
    status: {code: 201, message: Created}
    body: {encoding: UTF-8, string: '{"uuid":"${NEW_DS}","name":"Test Data Source","system":"Custom","created_at":"2025-12-02T09:32:26.858Z"}'}
  recorded_at: Tue, 02 Dec 2025 09:32:26 GMT
- request:
    method: get
    uri: https://api.chartmogul.com/v1/data_sources/${NEW_DS}
    body: {encoding: UTF-8, string: '{}'}
  response:
    status: {code: 200, message: OK}
    body: {encoding: UTF-8, string: '{"uuid":"${NEW_DS}","name":"Test Data Source","system":"Custom","created_at":"2025-12-02T09:32:26.858Z"}'}
  recorded_at: Tue, 02 Dec 2025 09:32:27 GMT
- request:
    method: get
    uri: https://api.chartmogul.com/v1/contacts
    body: {encoding: US-ASCII, string: ''}
  response:
    status: {code: 200, message: OK}
    body: {encoding: UTF-8, string: '{"entries":[],"has_more":false}'}
  recorded_at: Tue, 02 Dec 2025 09:32:28 GMT
`;

describe('replayCassette against a stand-in API', () => {
  let standIn: StandIn;
  afterEach(() => standIn.close());

  async function replay(options: { dropKey?: string } = {}) {
    standIn = await startStandIn(options);
    const client = new SandboxClient(standIn.url, 'key');
    const cassette = parseCassette('hand/written.yml', CASSETTE);
    const endpoints = cassette.exchanges.map((e) => endpointOf(e.method, e.path));
    const implemented = await probeImplemented(client, endpoints);
    standIn.seen.length = 0;
    return replayCassette(cassette, { client }, implemented);
  }

  it('builds the assumed state, rewrites recorded ids to ours, and matches', async () => {
    const outcomes = await replay();
    expect(outcomes.map((o) => [o.endpoint, o.kind])).toEqual([
      ['GET /v1/customers/:id', 'matched'],
      ['POST /v1/data_sources', 'matched'],
      ['GET /v1/data_sources/:id', 'matched'],
      ['GET /v1/contacts', 'uncovered'],
    ]);
    // The pre-existing customer was created (with a data source for it) before it was read, and every
    // request used the stand-in's ids, never the recorded ones.
    expect(standIn.seen.slice(0, 2)).toEqual(['POST /v1/data_sources', 'POST /v1/customers']);
    expect(standIn.seen.join(' ')).not.toContain(REC_CUS);
    expect(standIn.seen.join(' ')).not.toContain(NEW_DS);
    expect(standIn.seen.at(-1)).toMatch(/^GET \/v1\/data_sources\/ds_00000000-0000-4000-8000-\d{12}$/);
  });

  it('reports a recorded key the answer lacks as a mismatch naming the key', async () => {
    const outcomes = await replay({ dropKey: 'system' });
    const mismatches = outcomes.filter((o) => o.kind === 'mismatch');
    expect(mismatches.map((o) => o.exchange.index)).toEqual([1, 2]);
    expect(mismatches[0]!.differences).toEqual([
      { path: '$.system', problem: 'missing key (recorded string "Custom")' },
    ]);
  });
});
