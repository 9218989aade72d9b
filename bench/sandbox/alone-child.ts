/**
 * Child process of the sandbox bench: one server alone in its process, the sandbox (on a database the
 * parent made) or a bare express handler sending a fixed body, and a client in the same process sending
 * `n` GETs of one customer, four at a time. Prints JSON { msPerRequest, cpuUsPerRequest } after a
 * warm-up. The parent alternates the two: neither server's garbage or heap lands in the other's time.
 */
import fs from 'node:fs';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox';
import { agent, burst } from './client';

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
