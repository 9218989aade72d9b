/**
 * Runs started from the workbench are read back from the app folder's history, wherever the server
 * process was started: runScenario writes beside the app, so listing must look there too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory, startSandbox, startServer } from '../../runtime/index';
import { request } from './http';
import { copyApp } from '../scenario/fixtures';

const REPO = path.resolve(__dirname, '../..');

const blueprint = {
  name: 'List two customers',
  flow: [{ id: 1, module: 'app#chartmogul:listCustomers', version: 1, parameters: {}, mapper: { limit: 2 } }],
  metadata: { version: 1 },
};

test('the history lists a run from the app folder, not from the working directory', async () => {
  const appDir = mkdtempSync(path.join(os.tmpdir(), 'workbench-app-'));
  copyApp(REPO, appDir);
  const sandbox = await startSandbox({ port: 0, seed: 'demo', limits: false });
  const server = await startServer({ port: 0, appDir, target: sandbox.url });
  const base = new URL(server.url).origin;
  const call = (method: string, route: string, body?: unknown) =>
    request(base, route, {
      method,
      headers: {
        'X-Workbench-Token': server.token,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  try {
    expect(process.cwd()).not.toBe(appDir);
    const started = await call('POST', '/api/scenarios/run', { blueprint });
    expect(started.status).toBe(202);
    const { runId } = started.json();
    let run;
    for (let polls = 0; polls < 400; polls++) {
      const res = await call('GET', `/api/runs/${runId}`);
      run = res.json();
      if (res.status === 200 && run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run.status).toBe('success');
    expect(existsSync(path.join(appDir, '.sandbox', 'history.db'))).toBe(true);
    const listed = await call('GET', '/api/runs');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json())).toContain(runId);
  } finally {
    await server.close();
    await sandbox.close();
    closeHistory();
    rmSync(appDir, { recursive: true, force: true });
  }
});
