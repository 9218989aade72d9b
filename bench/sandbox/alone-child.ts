/**
 * Child process of the sandbox bench: one server alone in its process, the sandbox (on a database the
 * parent made) or a bare express handler sending a fixed body, and a client in the same process sending
 * `n` GETs of one customer, four at a time. Prints JSON { msPerRequest, cpuUsPerRequest } after a
 * warm-up. The parent alternates the two: neither server's garbage or heap lands in the other's time.
 */
import fs from 'node:fs';
import http from 'node:http';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox';

const AUTH = `Basic ${Buffer.from('sandbox-demo-key:').toString('base64')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { authorization: AUTH } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function burst(url: string, n: number): Promise<void> {
  await Promise.all(
    [0, 1, 2, 3].map(async (w) => {
      for (let i = w; i < n; i += 4) await get(url);
    }),
  );
}

async function main(): Promise<void> {
  const [mode, dbPath, customerPath, bodyFile, n] = process.argv.slice(2);
  let url: string;
  let close: () => Promise<void>;
  if (mode === 'sandbox') {
    const sb = await startSandbox({ dbPath, limits: false });
    url = `${sb.url}${customerPath}`;
    close = () => sb.close();
  } else {
    const body = fs.readFileSync(bodyFile, 'utf8');
    const app = express();
    app.get('/customer', (_req, res) => void res.type('application/json').send(body));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/customer`;
    close = () => new Promise((r) => server.close(() => r()));
  }
  const count = Number(n);
  await burst(url, count / 10);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await burst(url, count);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({ msPerRequest: ms / count, cpuUsPerRequest: (cpu.user + cpu.system) / count })}\n`,
  );
  agent.destroy();
  await close();
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
