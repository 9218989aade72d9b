/**
 * Child process for the memory benchmark: streams N customers from the list server — with
 * iterateModule (mode `runtime`) or with a raw axios cursor loop that keeps nothing (mode `raw`, the
 * baseline; `raw-app` first loads the app as the runtime's process does, and nothing else) — and prints JSON { records, baselineRss, peakRss, heapAfterGc } (bytes). Peak RSS is the
 * process's maxRSS, which includes everything loaded; the benchmark compares runs of different N.
 */
import http from 'node:http';
import path from 'node:path';
import axios from 'axios';
import { loadApp } from '../../runtime/definitions';
import { iterateModule } from '../../runtime/communication';

async function main(): Promise<void> {
  const [target, n, mode] = [process.argv[2], Number(process.argv[3]), process.argv[4] ?? 'runtime'];
  if (mode === 'raw') return raw(target, n);
  const app = await loadApp(path.join(__dirname, '..', '..', '..'));
  if (mode === 'raw-app') return raw(target, n);
  const opts = {
    target,
    connection: { apiKey: 'bench-key' },
    rateLimit: false as const,
    parameters: { limit: n },
  };
  let records = 0;
  for await (const b of iterateModule(app, 'listCustomers', { ...opts, parameters: { limit: 400 } })) void b; // warm up
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  for await (const bundle of iterateModule(app, 'listCustomers', opts)) {
    if (bundle.__IMTINDEX__) records++;
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  global.gc?.();
  // What the run still holds once garbage is collected: flat when nothing accumulates per record.
  const heapAfterGc = process.memoryUsage().heapUsed;
  process.stdout.write(`${JSON.stringify({ records, baselineRss, peakRss, heapAfterGc })}\n`);
}

async function raw(target: string, n: number): Promise<void> {
  const client = axios.create({ httpAgent: new http.Agent({ keepAlive: true }), proxy: false });
  const page = (cursor?: string) =>
    client.get(`${target}/v1/customers`, { params: { per_page: 200, ...(cursor ? { cursor } : {}) } });
  await page(); // warm up
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let records = 0;
  let cursor: string | undefined;
  for (;;) {
    const res = await page(cursor);
    for (const entry of res.data.entries) if (entry && ++records >= n) break;
    if (records >= n || !res.data.has_more) break;
    cursor = res.data.cursor;
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  global.gc?.();
  const heapAfterGc = process.memoryUsage().heapUsed;
  process.stdout.write(`${JSON.stringify({ records, baselineRss, peakRss, heapAfterGc })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
