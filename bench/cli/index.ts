/**
 * CLI cold start: `chartmogul-connector run listCustomers` as a whole process (node start → app loaded →
 * request sent → bundle printed → exit) beside `node -e` sending the same request with axios, against a
 * loopback server in this process, and the CLI again with its V8 code cache off (what that cache is
 * worth). Rounds alternate the three (one warm-up each, which also leaves the definitions and compile
 * caches the CLI keeps in .sandbox/); each ratio is the median of per-round ratios.
 * CPU (user + system, the whole process) is what the process itself reports as it exits
 * (process.cpuUsage(), microseconds), from a one-line preload both sides get; /usr/bin/time's
 * 10 ms steps were too coarse for a ratio of two ~150 ms processes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { median, pairedRatio, report } from '../harness';

const ROOT = path.join(__dirname, '..', '..', '..');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);
const KEY = 'bench-cold-start-key';

interface Sample {
  wallMs: number;
  cpuMs: number;
}

// Appends the process's own CPU time (ms) to the file CPU_REPORT names, when it exits.
const PRELOAD = `process.once('exit', () => { const u = process.cpuUsage(); require('node:fs').appendFileSync(process.env.CPU_REPORT, String((u.user + u.system) / 1000) + '\\n'); });`;

/** Runs node with these arguments to its end: its wall time, and the CPU time it reported. */
function timed(
  nodeArgs: string[],
  preload: string,
  cpuFile: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Sample> {
  fs.rmSync(cpuFile, { force: true });
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', preload, ...nodeArgs], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env, CPU_REPORT: cpuFile },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`node ${nodeArgs.join(' ')} exited ${code}: ${stderr}`));
      resolve({ wallMs, cpuMs: Number(fs.readFileSync(cpuFile, 'utf8').trim()) });
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
    path.join(ROOT, 'bin', 'chartmogul-connector.js'),
    'run',
    'listCustomers',
    '--api-key',
    KEY,
    '--base-url',
    url,
  ];
  const script = `require(${JSON.stringify(require.resolve('axios'))}).get(${JSON.stringify(`${url}/v1/customers`)}, { params: { per_page: 200 }, auth: { username: ${JSON.stringify(KEY)}, password: '' } }).then((r) => process.stdout.write(JSON.stringify(r.data.entries)))`;
  const raw = ['-e', script];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  const preload = path.join(scratch, 'cpu-report.js');
  fs.writeFileSync(preload, PRELOAD);
  const cpuFile = path.join(scratch, 'cpu.txt');
  const a: Sample[] = [];
  const uncached: Sample[] = [];
  const b: Sample[] = [];
  try {
    for (let round = -1; round < ROUNDS; round++) {
      const x = await timed(cli, preload, cpuFile);
      const z = await timed(cli, preload, cpuFile, { CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE: '1' });
      const y = await timed(raw, preload, cpuFile);
      if (round < 0) continue;
      a.push(x);
      uncached.push(z);
      b.push(y);
    }
  } finally {
    server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const cpu = (s: Sample[]) => s.map((x) => x.cpuMs);
  const row = (label: string, s: Sample[]) => [
    label,
    `${median(s.map((x) => x.wallMs)).toFixed(0)} ms`,
    `${median(cpu(s)).toFixed(0)} ms`,
    `${pairedRatio(
      s.map((x) => x.wallMs),
      b.map((x) => x.wallMs),
    ).toFixed(2)}×`,
    `${pairedRatio(cpu(s), cpu(b)).toFixed(2)}×`,
  ];
  report(
    'cli-cold-start',
    ['process', 'wall (median)', 'CPU (median)', 'wall vs axios (paired)', 'CPU vs axios (paired)'],
    [
      row('chartmogul-connector run listCustomers (98 modules, definitions and compile caches warm)', a),
      row('  same, CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE=1', uncached),
      row('baseline: node -e, axios GET of the same request', b),
    ],
  );
}
