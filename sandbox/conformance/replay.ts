// `node dist/sandbox/conformance/replay.js <recordings dir>`: replays ChartMogul's recorded traffic
// against a fresh in-memory sandbox, prints the report, exits 1 on any mismatch in a covered exchange.
import * as path from 'path';
import { loadCassettes } from './cassette';
import { SandboxClient } from './client';
import { endpointOf, probeImplemented } from './endpoints';
import { formatReport, summarize } from './report';
import { applyNewestWins, Outcome, replayCassette, ReplayTarget } from './replayer';
import { startSandbox } from '../index';

export interface ConformanceResult {
  report: string;
  outcomes: Outcome[];
  exitCode: number;
}

export async function runConformance(recordingsDir: string): Promise<ConformanceResult> {
  const cassettes = loadCassettes(recordingsDir);
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', limits: false });
  const faulted = new Map<number, Awaited<ReturnType<typeof startSandbox>>>();
  try {
    const client = new SandboxClient(sandbox.url, sandbox.apiKey);
    const endpoints = [
      ...new Set(cassettes.flatMap((c) => c.exchanges.map((e) => endpointOf(e.method, e.path)))),
    ];
    const implemented = await probeImplemented(client, endpoints);
    const target: ReplayTarget = {
      client,
      async faulted(status) {
        if (!faulted.has(status)) {
          faulted.set(
            status,
            await startSandbox({ port: 0, host: '127.0.0.1', limits: false, faults: { [status]: 1 } }),
          );
        }
        const instance = faulted.get(status)!;
        return new SandboxClient(instance.url, instance.apiKey);
      },
    };
    const outcomes: Outcome[] = [];
    for (const cassette of cassettes) outcomes.push(...(await replayCassette(cassette, target, implemented)));
    const judged = applyNewestWins(outcomes);
    const summary = summarize(cassettes.length, judged);
    return {
      report: formatReport(cassettes.length, judged),
      outcomes: judged,
      exitCode: summary.mismatched > 0 ? 1 : 0,
    };
  } finally {
    await sandbox.close();
    for (const instance of faulted.values()) await instance.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const dir = argv[0];
  if (!dir) {
    process.stderr.write('usage: replay <recordings dir>\n');
    return 2;
  }
  const result = await runConformance(path.resolve(dir));
  process.stdout.write(`${result.report}\n`);
  return result.exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(2);
    },
  );
}
