/**
 * CLI cold start: `chartmogul-connector run listCustomers` as a whole process (node start → app loaded →
 * request sent → bundle printed → exit) beside `node -e` sending the same request with axios, against a
 * loopback server in this process. Rounds alternate the two (one warm-up each, which also leaves the
 * definitions cache the CLI keeps in the app's .sandbox/); the ratio is the median of per-round ratios.
 * CPU (user + system) comes from /usr/bin/time when it is installed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { median, pairedRatio, report } from '../harness';

const ROOT = path.join(__dirname, '..', '..', '..');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);
const KEY = 'bench-cold-start-key';
const TIME = '/usr/bin/time';

interface Sample {
  wallMs: number;
  cpuMs?: number;
}

/** Runs a command to its end; its wall time, and its CPU time when /usr/bin/time can tell. */
function timed(argv: string[]): Promise<Sample> {
  const withTime = fs.existsSync(TIME);
  const [cmd, ...args] = withTime ? [TIME, '-f', 'cpu %U %S', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd!, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr}`));
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ wallMs, ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) });
    });
  });
}

export async function main(): Promise<void> {
  const body = JSON.stringify({
    entries: [{ id: 1, uuid: 'cus_1', name: 'Acme', email: 'a@acme.test', attributes: {} }],
    has_more: false,
    cursor: null,
  });
  const server = http.createServer((_req, res) =>
    res.setHeader('content-type', 'application/json').end(body),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cli = [
    process.execPath,
    path.join(ROOT, 'bin', 'chartmogul-connector.js'),
    'run',
    'listCustomers',
    '--api-key',
    KEY,
    '--base-url',
    url,
  ];
  const script = `require(${JSON.stringify(require.resolve('axios'))}).get(${JSON.stringify(`${url}/v1/customers`)}, { params: { per_page: 200 }, auth: { username: ${JSON.stringify(KEY)}, password: '' } }).then((r) => process.stdout.write(JSON.stringify(r.data.entries)))`;
  const raw = [process.execPath, '-e', script];
  const a: Sample[] = [];
  const b: Sample[] = [];
  try {
    for (let round = -1; round < ROUNDS; round++) {
      const x = await timed(cli);
      const y = await timed(raw);
      if (round < 0) continue;
      a.push(x);
      b.push(y);
    }
  } finally {
    server.close();
  }
  const cpu = (s: Sample[]) => s.map((x) => x.cpuMs ?? NaN);
  const hasCpu = a.every((x) => x.cpuMs !== undefined) && b.every((x) => x.cpuMs !== undefined);
  report(
    'cli-cold-start',
    ['process', 'wall (median)', 'CPU (median)', 'wall vs axios (paired)', 'CPU vs axios (paired)'],
    [
      [
        'chartmogul-connector run listCustomers (98 modules, definitions cache warm)',
        `${median(a.map((x) => x.wallMs)).toFixed(0)} ms`,
        hasCpu ? `${median(cpu(a)).toFixed(0)} ms` : '—',
        `${pairedRatio(
          a.map((x) => x.wallMs),
          b.map((x) => x.wallMs),
        ).toFixed(2)}×`,
        hasCpu ? `${pairedRatio(cpu(a), cpu(b)).toFixed(2)}×` : '—',
      ],
      [
        'baseline: node -e, axios GET of the same request',
        `${median(b.map((x) => x.wallMs)).toFixed(0)} ms`,
        hasCpu ? `${median(cpu(b)).toFixed(0)} ms` : '—',
        '1.00',
        '1.00',
      ],
    ],
  );
}
