/**
 * The workbench's embedded sandbox keeps customers' data: the folder it creates for its database (the
 * app's `.sandbox`) and the database files are readable by their owner only (issue 16).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../runtime/index';
import { request } from './http';

const APP_DIR = path.resolve(__dirname, '../..');

test('the embedded sandbox creates its folder and files for their owner only', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-folder-'));
  const folder = path.join(tmp, 'app', '.sandbox');
  const server = await startServer({
    port: 0,
    appDir: APP_DIR,
    sandboxDbPath: path.join(folder, 'chartmogul.db'),
  });
  try {
    // Testing the sandbox connection starts the embedded sandbox.
    const tested = await request(new URL(server.url).origin, '/api/connection/test', {
      method: 'POST',
      headers: { 'X-Workbench-Token': server.token },
    });
    expect(tested.status).toBe(200);
    expect(statSync(folder).mode & 0o077).toBe(0);
    for (const file of readdirSync(folder))
      expect([file, statSync(path.join(folder, file)).mode & 0o077]).toEqual([file, 0]);
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
