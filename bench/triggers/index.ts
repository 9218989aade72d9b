/**
 * Trigger benchmarks (issue 19):
 * - polls: a trigger over 1,000 / 10,000 / 100,000 existing items finding 10 new ones. Requests are
 *   counted at the loopback feed (test/fixtures/feed-server.ts): a descending trigger stops at the first
 *   page holding a seen item and an ascending one asks the API for items since `data.lastDate`, so both
 *   send the same number of requests whatever the list's length; beside them, the unordered trigger
 *   that must read every page (cut by Make's 50-page cap), and a raw axios GET of the same first page.
 * - deliveries: a burst of 1,000 deliveries to one hook, 50 in flight, each answered once its item is
 *   queued in SQLite, then one scenario run per item; beside a bare node http server answering the
 *   same posts. None may be lost: every item must run exactly once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { report } from '../harness';
import { loadApp } from '../../runtime/definitions';
import { runTrigger, type TriggerState } from '../../runtime/communication';
import { closeHistory, createHook, listenScenario, listRuns } from '../../runtime/scenario';
import { startFeedServer } from '../../test/fixtures/feed-server';

const ROOT = path.join(__dirname, '..', '..', '..');
const APP_DIR = path.join(ROOT, 'test', 'fixtures', 'feed-app');
const SIZES = [1_000, 10_000, 100_000];
const NEW = 10;
const PAGE = 100;
const BURST = 1_000;
const IN_FLIGHT = 50;

export async function main(): Promise<void> {
  await polls();
  await deliveries();
}

async function polls(): Promise<void> {
  const app = await loadApp(APP_DIR);
  const rows: (string | number)[][] = [];
  for (const size of SIZES) {
    const feed = await startFeedServer();
    try {
      for (let i = 0; i < size; i++) feed.add();
      for (const moduleId of ['watchByDateDesc', 'watchByDateAsc', 'watchByDateUnordered']) {
        const poll = (state?: TriggerState) =>
          runTrigger(app, moduleId, {
            connection: { apiKey: 'bench' },
            target: feed.url,
            parameters: { limit: 100, pageSize: PAGE },
            ...(state ? { state } : {}),
            rateLimit: false,
          });
        // The state a previous poll would have left: the newest existing item seen.
        const newest = feed.items[feed.items.length - 1];
        const state: TriggerState = { lastID: newest.id, lastDate: newest.created_at, seenIDs: [newest.id] };
        const added = Array.from({ length: NEW }, () => feed.add());
        const before = feed.requests('/items');
        const t0 = process.hrtime.bigint();
        const result = await poll(state);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const requests = feed.requests('/items') - before;
        const found = result.bundles.length;
        for (const item of added) feed.remove(item.id);
        rows.push([moduleId, size.toLocaleString('en'), found, requests, `${ms.toFixed(1)} ms`]);
      }
      const t0 = process.hrtime.bigint();
      await axios.get(`${feed.url}/items`, {
        params: { order: 'desc', per_page: PAGE },
        headers: { Authorization: 'Bearer bench' },
      });
      rows.push([
        'baseline: raw axios GET of the first page',
        size.toLocaleString('en'),
        '—',
        1,
        `${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`,
      ]);
    } finally {
      await feed.close();
    }
  }
  report('triggers-polls', ['trigger', 'existing items', 'new found', 'requests', 'poll time'], rows);
}

async function deliveries(): Promise<void> {
  const app = await loadApp(APP_DIR);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hooks-'));
  const historyPath = path.join(dir, 'history.db');
  const feed = await startFeedServer();
  const blueprint = {
    name: 'Burst',
    flow: [
      { id: 1, module: 'app#feed:watchItemEvents', version: 1, parameters: { topic: 'items' }, mapper: null },
    ],
  };
  try {
    const options = { historyPath, connection: { apiKey: 'bench' }, target: feed.url, scenarioKey: 'burst' };
    await createHook(app, blueprint, { ...options, publicUrl: 'http://127.0.0.1:1' });
    let runs = 0;
    const processed: number[] = [];
    const listener = await listenScenario(app, blueprint, {
      ...options,
      port: 0,
      onEvent: (e) => {
        if (e.type === 'run:end') runs++;
        if (e.type === 'bundle' && e.moduleId === '1') processed.push((e.output as { n: number }).n);
      },
    });
    const url = `${listener.localUrl}${new URL(listener.hooks[0].url).pathname}`;
    const t0 = process.hrtime.bigint();
    const answers = await burst(url, (i) => JSON.stringify({ type: 'batch', events: [{ n: i }] }));
    const queuedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    while (runs < BURST) await new Promise((r) => setTimeout(r, 20));
    const processedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    await listener.stop();
    const stored = await listRuns({ historyPath, limit: BURST * 2 });
    const ok = answers.filter((s) => s === 202).length;
    const once = new Set(processed);
    const lost = Array.from({ length: BURST }, (_, i) => i).filter((i) => !once.has(i)).length;
    const duplicated = processed.length - once.size;

    const bare = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(202).end('{"received":1}'));
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const b0 = process.hrtime.bigint();
    const bareAnswers = await burst(`http://127.0.0.1:${(bare.address() as { port: number }).port}/`, (i) =>
      JSON.stringify({ n: i }),
    );
    const bareMs = Number(process.hrtime.bigint() - b0) / 1e6;
    bare.close();
    report(
      'triggers-deliveries',
      [
        'case',
        'deliveries',
        'answered 202',
        'all answered (queued)',
        'all processed',
        'runs stored',
        'lost',
        'run twice',
      ],
      [
        [
          'runtime: listenScenario (queue in SQLite, one run per item)',
          BURST,
          ok,
          `${(queuedMs / 1000).toFixed(2)} s (${(BURST / (queuedMs / 1000)).toFixed(0)}/s)`,
          `${(processedMs / 1000).toFixed(2)} s (${(BURST / (processedMs / 1000)).toFixed(0)}/s)`,
          stored.length,
          lost,
          duplicated,
        ],
        [
          'baseline: bare node http server, same posts',
          BURST,
          bareAnswers.filter((s) => s === 202).length,
          `${(bareMs / 1000).toFixed(2)} s (${(BURST / (bareMs / 1000)).toFixed(0)}/s)`,
          '—',
          '—',
          '—',
          '—',
        ],
      ],
    );
  } finally {
    closeHistory();
    await feed.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Posts `BURST` JSON bodies, `IN_FLIGHT` at a time; the statuses in order. */
async function burst(url: string, body: (i: number) => string): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const statuses: number[] = new Array(BURST);
  let next = 0;
  const worker = async () => {
    while (next < BURST) {
      const i = next++;
      statuses[i] = await post(url, body(i), agent);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  agent.destroy();
  return statuses;
}

function post(url: string, body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
