// Runner integration of a Watch trigger (issues 19 and 22): a scenario "Watch Tasks → Create a Note" run
// again and again against the sandbox under one scenario key polls from the state its last run kept in
// the history file (closed between runs, as separate CLI runs would): each run notes only the tasks
// created since the one before, each once, oldest first; a run with nothing new writes nothing; another
// scenario key starts from nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory, runScenario, type ScenarioRun } from '../../runtime';
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { buildWorld } from './helpers/world';

let h: AppHarness;
let dir: string;
let historyPath: string;
let customer: Bundle;
let made = 0;

beforeEach(async () => {
  h = await startAppHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-scenario-'));
  historyPath = path.join(dir, 'history.db');
  const world = await buildWorld(h, 'Watched world');
  customer = await world.customer('watched', { name: 'Watched' });
  made = 0;
});
afterEach(async () => {
  closeHistory(historyPath);
  fs.rmSync(dir, { recursive: true, force: true });
  await h.close();
});

/** Creates tasks on the watched customer; returns their details, in creation order. */
async function makeTasks(count: number): Promise<string[]> {
  const details: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `Task ${++made}`;
    await h.action('createTask', {
      customer_uuid: customer.uuid,
      task_details: text,
      assignee: 'owner@example.com',
      due_date: '2030-01-01T00:00:00Z',
    });
    details.push(text);
  }
  return details;
}

const blueprint = () => ({
  name: 'Note each new task',
  flow: [
    {
      id: 1,
      module: 'app#chartmogul:watchTasks',
      version: 1,
      parameters: { customer_uuid: customer.uuid, limit: 10 },
      mapper: null,
    },
    {
      id: 2,
      module: 'app#chartmogul:createNote',
      version: 1,
      parameters: {},
      mapper: { customer_uuid: '{{1.customer_uuid}}', type: 'note', text: 'Noted: {{1.task_details}}' },
    },
  ],
  metadata: { version: 1 },
});

/** One run as a separate process would make it: the history file opened for it and closed after. */
async function run(scenarioKey = 'watch-tasks'): Promise<ScenarioRun> {
  const result = await runScenario(h.app, blueprint(), {
    connection: h.connection,
    target: h.url,
    historyPath,
    scenarioKey,
  });
  closeHistory(historyPath);
  expect(result.status).toBe('success');
  return result;
}

/** The notes of the watched customer, oldest first (the list comes newest first). */
const notes = async () =>
  (await h.search('listNotes', { customer_uuid: customer.uuid, limit: 100 }))
    .map((n) => String(n.text))
    .reverse();

test('each run notes only the tasks created since the last one, once each, oldest first', async () => {
  const before = await makeTasks(2);
  const first = await run();
  expect(first.modules.find((m) => m.id === '1')?.bundlesOut).toBe(2);
  expect(await notes()).toEqual(before.map((t) => `Noted: ${t}`));

  const later = await makeTasks(3);
  const second = await run();
  expect(second.modules.find((m) => m.id === '1')?.bundlesOut).toBe(3);
  expect(await notes()).toEqual([...before, ...later].map((t) => `Noted: ${t}`));

  const idle = await run();
  expect(idle.modules.find((m) => m.id === '1')?.bundlesOut).toBe(0);
  expect(idle.operations).toBe(1); // the poll alone
  expect(await notes()).toHaveLength(5);

  // The state belongs to the scenario key: another key polls from nothing (All) and sees all five.
  const other = await run('another-key');
  expect(other.modules.find((m) => m.id === '1')?.bundlesOut).toBe(5);
});
