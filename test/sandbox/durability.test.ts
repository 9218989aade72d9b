/**
 * Durability: the sandbox runs in a child process on a file database; data written before a SIGKILL is there
 * after a restart. The child runs the sandbox's sources transpiled once into a temporary folder
 * (support/compile-sandbox.ts), so the test depends on neither dist/ nor a build step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartMogul } from './support/sdk';
import { compileSandbox, type CompiledSandbox } from './support/compile-sandbox';
import { killHard, launchSandbox } from './support/child-sandbox';

let compiled: CompiledSandbox;

const launch = (dbPath: string, extra: string[] = []) =>
  launchSandbox(compiled, ['--db', dbPath, '--no-limits', ...extra]);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-durable-'));
  compiled = compileSandbox();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  compiled.dispose();
});

it('keeps every committed write across kill -9 and a restart', async () => {
  const dbPath = path.join(dir, 'nested', 'chartmogul.db'); // parent folders are created
  const first = await launch(dbPath);
  const config = new ChartMogul.Config('sandbox-demo-key', first.url);
  config.retries = 0;
  const ds = await ChartMogul.DataSource.create(config, { name: 'Durable' });
  const uuids: string[] = [];
  for (let i = 0; i < 25; i++)
    uuids.push(
      (await ChartMogul.Customer.create(config, { data_source_uuid: ds.uuid, external_id: `d${i}` })).uuid,
    );
  await ChartMogul.Customer.modify(config, uuids[0], { name: 'Changed before the crash' });
  await killHard(first.child);

  const second = await launch(dbPath);
  try {
    const again = new ChartMogul.Config('sandbox-demo-key', second.url);
    again.retries = 0;
    const page = await ChartMogul.Customer.all(again, { data_source_uuid: ds.uuid });
    expect(page.entries.map((c: { uuid: string }) => c.uuid).sort()).toEqual([...uuids].sort());
    expect((await ChartMogul.Customer.retrieve(again, uuids[0])).name).toBe('Changed before the crash');
  } finally {
    await killHard(second.child);
  }
});

it('seeds the demo data only when the file is new', async () => {
  const dbPath = path.join(dir, 'demo.db');
  const first = await launch(dbPath, ['--seed', 'demo']);
  const config = new ChartMogul.Config('sandbox-demo-key', first.url);
  config.retries = 0;
  const seeded = await ChartMogul.Customer.all(config, { per_page: 1 });
  expect(seeded.total_pages).toBe(50);
  await ChartMogul.Customer.destroy(config, seeded.entries[0].uuid);
  await killHard(first.child);
  const second = await launch(dbPath, ['--seed', 'demo']);
  try {
    const again = new ChartMogul.Config('sandbox-demo-key', second.url);
    again.retries = 0;
    expect((await ChartMogul.Customer.all(again, { per_page: 1 })).total_pages).toBe(49);
  } finally {
    await killHard(second.child);
  }
});
