/**
 * GET /api/runs and GET /api/runs/:id serve the journal: a run another process is writing shows as
 * running, one whose process died as interrupted, with what it did and each incomplete execution's
 * outcome.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../runtime/cli/main';
import { closeHistory, startServer } from '../../runtime/index';
import { createMasker } from '../../runtime/scenario/history/mask';
import { beginRun } from '../../runtime/scenario/history/journal';
import { openHistory } from '../../runtime/scenario/history/store';
import { stoppedWriting } from '../../runtime/scenario/history/writers';
import { request } from './http';

const REPO = path.resolve(__dirname, '../..');
const blueprint = {
  name: 'Two steps',
  flow: [
    { id: 1, module: 'app#chartmogul:listCustomers', mapper: { limit: 2 } },
    { id: 2, module: 'app#chartmogul:updateCustomer', mapper: { customer_uuid: '{{1.uuid}}' } },
  ],
};

test('the runs routes carry interrupted runs, running ones, and incomplete executions with their outcome', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-journal-'));
  const historyPath = path.join(dir, 'history.db');
  const store = openHistory(historyPath);
  const mask = createMasker();
  const at = '2026-01-01T00:00:00.000Z';
  for (const id of ['wb_dead', 'wb_live']) {
    const { journal } = beginRun(store, { id, name: 'Two steps', blueprint, startedAt: at }, mask)!;
    journal.step({
      moduleId: '1',
      durationMs: 3,
      operations: 1,
      input: { limit: 2 },
      outputs: [{ uuid: 'cus_1' }],
    });
    journal.step({
      moduleId: '2',
      durationMs: 3,
      operations: 1,
      input: { customer_uuid: 'cus_1' },
      outputs: [{}],
    });
  }
  // wb_dead's writer (this process, as far as the history knows) is gone; wb_live's is still writing.
  stoppedWriting('wb_dead');
  const server = await startServer({ port: 0, appDir: REPO, historyPath });
  const base = new URL(server.url).origin;
  const get = (route: string) =>
    request(base, route, { method: 'GET', headers: { 'X-Workbench-Token': server.token } });
  try {
    const listed = (await get('/api/runs')).json() as {
      id: string;
      status: string;
      operations: number;
      incomplete: number;
    }[];
    expect(listed.map((r) => [r.id, r.status, r.operations, r.incomplete]).sort()).toEqual([
      ['wb_dead', 'interrupted', 2, 1],
      ['wb_live', 'running', 2, 0],
    ]);
    const run = (await get('/api/runs/wb_dead')).json();
    expect(run.modules.map((m: { id: string; operations: number }) => [m.id, m.operations])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
    expect(run.modules[1].inputs).toEqual([{ customer_uuid: 'cus_1' }]);
    expect(run.incomplete).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({ type: 'ExecutionInterruptedError' }),
        outcome: 'unknown',
        status: 'pending',
      }),
    ]);
  } finally {
    await server.close();
    closeHistory();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`start --history FILE` serves the runs of that file', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workbench-history-flag-'));
  const historyPath = path.join(dir, 'elsewhere.db');
  const at = '2026-01-01T00:00:00.000Z';
  openHistory(historyPath).saveRun(
    {
      id: 'wb_flagged',
      status: 'success',
      operations: 0,
      modules: [],
      incomplete: [],
      startedAt: at,
      finishedAt: at,
    },
    blueprint,
  );
  const stop = new AbortController();
  let out = '';
  const io = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
    signal: stop.signal,
  };
  const exit = main(['start', '--port', '0', '--app', REPO, '--history', 'elsewhere.db'], io);
  try {
    while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const url = new URL(out.trim());
    const listed = await request(url.origin, '/api/runs', {
      method: 'GET',
      headers: { 'X-Workbench-Token': url.searchParams.get('token') as string },
    });
    expect((listed.json() as { id: string }[]).map((r) => r.id)).toEqual(['wb_flagged']);
  } finally {
    stop.abort();
    await exit;
    closeHistory();
    rmSync(dir, { recursive: true, force: true });
  }
});
