/**
 * Scenario benchmark: the resilience scenario without faults — 1,000 customers through
 * list → aggregate → iterate → get → update — against the sandbox on loopback. Reported beside a raw
 * axios loop sending the same requests in the same run:
 * - bundles per second (customers carried through the whole flow);
 * - the runtime's overhead: its wall time divided by the raw loop's wall time, each round running the
 *   journaled run, the unjournaled run and the raw loop back to back (paired), none of them logging;
 * - the same ratio of the process's CPU time (user + system), which waiting for a core on a shared
 *   machine does not stretch (the sandbox's CPU is in both sides, as in the wall time);
 * - its wall time divided by the sum of its own HTTP round trips, from extra runs with a logger (the
 *   engine's response events): a logger makes the engine render and mask every request and response
 *   for the log (~7 % of a run), work the raw loop does not do, so it is kept out of the ratio to raw.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { median, pairedRatio, report } from '../harness';
import { loadApp } from '../../runtime/definitions';
import type { EngineEvent } from '../../runtime/communication/events';
import { closeHistory, runScenario } from '../../runtime/scenario';
import { startSandbox } from '../../sandbox';
import { createCustomers } from './customers';

const ROOT = path.join(__dirname, '..', '..', '..');
const COUNT = 1000;
const SAMPLES = Number(process.env.BENCH_SCENARIO_SAMPLES ?? 5);
const LOGGED_SAMPLES = Math.min(SAMPLES, 3);

export async function main(): Promise<void> {
  const app = await loadApp(ROOT);
  const blueprint = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'test', 'scenario', 'fixtures', 'touch-every-customer.json'), 'utf8'),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scenario-'));
  const sb = await startSandbox({ limits: false });
  try {
    await createCustomers(sb, COUNT);
    const connection = { apiKey: sb.apiKey };

    type Sample = { wall: number; cpu: number; http: number };
    const journaled: Sample[] = [];
    const unjournaled: Sample[] = [];
    const raw: { wall: number; cpu: number }[] = [];
    const timed = async (history: boolean, logged = false) => {
      let httpMs = 0;
      const t0 = process.hrtime.bigint();
      const cpu0 = cpuMs();
      const run = await runScenario(app, blueprint, {
        connection,
        target: sb.url,
        history,
        historyPath: path.join(dir, 'history.db'),
        ...(logged
          ? {
              logger: (e: EngineEvent) => {
                if (e.type === 'response') httpMs += e.durationMs;
              },
            }
          : {}),
      });
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = cpuMs() - cpu0;
      if (run.status !== 'success' || run.modules.find((m) => m.id === '5')?.operations !== COUNT)
        throw new Error(`unexpected run: ${run.status}`);
      return { wall, cpu, http: httpMs };
    };
    const loggedJournaled: Sample[] = [];
    const loggedUnjournaled: Sample[] = [];
    const loadAtStart = os.loadavg()[0];
    await timed(true); // warm-up: compiles templates, fills the sandbox's statement cache
    await timed(true, true);
    await rawLoop(sb.url, sb.apiKey);
    for (let i = 0; i < SAMPLES; i++) {
      journaled.push(await timed(true));
      unjournaled.push(await timed(false));
      raw.push(await rawLoop(sb.url, sb.apiKey));
    }
    // The round trips' sum needs the engine's response events: runs of their own, after the paired rounds.
    for (let i = 0; i < LOGGED_SAMPLES; i++) {
      loggedJournaled.push(await timed(true, true));
      loggedUnjournaled.push(await timed(false, true));
    }
    const rawWall = median(raw.map((r) => r.wall));
    const rawWalls = raw.map((r) => r.wall);
    const rawCpus = raw.map((r) => r.cpu);
    // Each round runs the three back to back: the ratio to raw axios is the median of per-round ratios.
    const row = (label: string, samples: Sample[], logged: Sample[]) => {
      const walls = samples.map((r) => r.wall);
      const wall = median(walls);
      const ownTrips = pairedRatio(
        logged.map((r) => r.wall),
        logged.map((r) => r.http),
      );
      return [
        label,
        COUNT,
        `${(wall / 1000).toFixed(2)} s`,
        (COUNT / (wall / 1000)).toFixed(1),
        `${(median(logged.map((r) => r.http)) / 1000).toFixed(2)} s (logged runs)`,
        `${(median(samples.map((r) => r.cpu)) / 1000).toFixed(2)} s`,
        `${pairedRatio(walls, rawWalls).toFixed(2)}× raw axios (paired), ${ownTrips.toFixed(2)}× its round trips (logged runs)`,
        `${pairedRatio(
          samples.map((r) => r.cpu),
          rawCpus,
        ).toFixed(2)}×`,
      ];
    };
    report(
      'scenario',
      [
        'case',
        'bundles',
        'wall time',
        'bundles/s',
        'sum of HTTP round trips',
        'process CPU',
        'overhead ratio (wall)',
        'CPU ratio to raw (paired)',
      ],
      [
        row('runtime: runScenario (history on: run journal)', journaled, loggedJournaled),
        row('runtime: runScenario (history off: no journal)', unjournaled, loggedUnjournaled),
        [
          'baseline: raw axios loop, same requests',
          COUNT,
          `${(rawWall / 1000).toFixed(2)} s`,
          (COUNT / (rawWall / 1000)).toFixed(1),
          '—',
          `${(median(rawCpus) / 1000).toFixed(2)} s`,
          '1.00',
          '1.00',
        ],
      ],
    );
    process.stdout.write(
      `\n${SAMPLES} paired rounds; load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end\n`,
    );
  } finally {
    closeHistory();
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The process's CPU time (user + system), ms: the sandbox's share is in both sides, as in the wall
 * time, but time spent waiting for a core other agents hold is not (the machine is shared).
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The same HTTP traffic by hand: list pages of 200, then GET and PATCH per customer. Wall and CPU ms. */
async function rawLoop(url: string, apiKey: string): Promise<{ wall: number; cpu: number }> {
  const client = axios.create({
    baseURL: url,
    auth: { username: apiKey, password: '' },
    httpAgent: new http.Agent({ keepAlive: true }),
  });
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuMs();
  const uuids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = (
      await client.get('/v1/customers', { params: { per_page: 200, ...(cursor ? { cursor } : {}) } })
    ).data as { entries: { uuid: string }[]; has_more: boolean; cursor: string };
    uuids.push(...page.entries.map((c) => c.uuid));
    cursor = page.has_more ? page.cursor : undefined;
  } while (cursor);
  for (const uuid of uuids) {
    const customer = (await client.get(`/v1/customers/${uuid}`)).data as { uuid: string };
    await client.patch(`/v1/customers/${customer.uuid}`, { city: 'Visited' });
  }
  return { wall: Number(process.hrtime.bigint() - t0) / 1e6, cpu: cpuMs() - cpu0 };
}
