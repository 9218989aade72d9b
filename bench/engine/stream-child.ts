/**
 * Child process for the memory benchmark: streams N customers with iterateModule from the list
 * server and prints JSON { records, baselineRss, peakRss, heapAfterGc } (bytes). Peak RSS is the process's
 * maxRSS, which includes everything loaded; the benchmark compares runs of different N.
 */
import path from 'node:path';
import { loadApp } from '../../runtime/definitions';
import { iterateModule } from '../../runtime/communication';

async function main(): Promise<void> {
  const [target, n] = [process.argv[2], Number(process.argv[3])];
  const app = await loadApp(path.join(__dirname, '..', '..', '..'));
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

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
