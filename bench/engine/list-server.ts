/**
 * A loopback ChartMogul-like list endpoint in its own process (so its work does not count against the
 * client being measured): GET /v1/customers?per_page=&cursor= pages through TOTAL synthetic customers
 * with `entries`, `has_more` and `cursor`, as ChartMogul answers. Prints the port on stdout. With
 * TLS_CERT and TLS_KEY (PEM files) it serves HTTPS, as the real API does.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const total = Number(process.env.TOTAL ?? 10_000);

function customer(i: number) {
  return {
    id: 1_000_000 + i,
    uuid: `cus_${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    external_id: `ext_${i}`,
    name: `Customer ${i}`,
    email: `customer${i}@example.com`,
    status: 'Active',
    'customer-since': '2024-01-15T10:00:00.000Z',
    attributes: { custom: { channel: 'web' }, tags: ['bench'], stripe: {}, clearbit: {} },
    address: { country: 'US', state: 'CA', city: 'San Francisco', address_zip: '94107' },
    data_source_uuid: 'ds_00000000-0000-4000-8000-000000000000',
    data_source_uuids: ['ds_00000000-0000-4000-8000-000000000000'],
    external_ids: [`ext_${i}`],
    company: 'Acme',
    country: 'US',
    state: 'CA',
    city: 'San Francisco',
    zip: '94107',
    lead_created_at: null,
    free_trial_started_at: null,
    mrr: 5000,
    arr: 60000,
    currency: 'USD',
    currency_sign: '$',
  };
}

const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const start = Number(u.searchParams.get('cursor') ?? 0);
  const per = Math.min(200, Number(u.searchParams.get('per_page') ?? 200));
  const end = Math.min(total, start + per);
  const entries = [];
  for (let i = start; i < end; i++) entries.push(customer(i));
  const body = JSON.stringify({ entries, has_more: end < total, cursor: end < total ? String(end) : null });
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const server = process.env.TLS_CERT
  ? https.createServer(
      { cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY!) },
      handler,
    )
  : http.createServer(handler);
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('disconnect', () => process.exit(0));
