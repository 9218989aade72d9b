// The loader reads the trigger parts of an app (make-format.md §4.1, §4.5, §4.6): webhooks with their
// lifecycle requests, an instant trigger's webhook, a trigger's epoch, a responder's answer; and the
// trigger-parts check refuses what cannot work, naming the file and the JSON pointer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadApp, validateApp } from '../../runtime/definitions';

const FEED_APP = path.join(__dirname, '..', 'fixtures', 'feed-app');

function copyApp(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-app-'));
  fs.cpSync(FEED_APP, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson(dir: string, file: string, change: (value: Record<string, unknown>) => void): void {
  const full = path.join(dir, file);
  const value = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
  change(value);
  fs.writeFileSync(full, JSON.stringify(value, null, 2));
}

test('the feed app loads: triggers with their epoch, instant triggers with their webhook, webhooks', async () => {
  const app = await loadApp(FEED_APP);
  const byId = Object.fromEntries(app.modules.map((m) => [m.id, m]));
  expect(byId.watchByDateDesc.type).toBe('trigger');
  expect(byId.watchByDateDesc.epoch).toEqual({
    response: { limit: 300, output: { label: '{{item.title}}', date: '{{item.created_at}}' } },
  });
  expect(byId.watchByDateUnordered.epoch).toBeUndefined();
  expect(byId.watchItemEvents).toMatchObject({ type: 'instant_trigger', webhook: 'itemEvents' });
  expect(byId.respondToWebhook.type).toBe('responder');
  expect(byId.respondToWebhook.communication).toMatchObject({
    response: { status: '{{parameters.status}}' },
  });
  const hooks = Object.fromEntries((app.webhooks ?? []).map((w) => [w.id, w]));
  expect(hooks.itemEvents).toMatchObject({ type: 'web', connection: 'feed', label: 'Item events' });
  expect(hooks.itemEvents.attach).toMatchObject({ url: '/webhooks', method: 'POST' });
  expect(hooks.itemEvents.detach).toMatchObject({ method: 'DELETE' });
  expect(hooks.itemEvents.params.map((p) => p.name)).toEqual(['topic']);
  expect(hooks.accountEvents).toMatchObject({ type: 'web-shared' });
  expect(hooks.accountEvents.attach).toBeUndefined();
});

test('an attach that holds no request (Make’s empty template, or every line commented out) is no attach', async () => {
  const dir = copyApp((d) => {
    const file = path.join(d, 'webhooks/itemEvents/itemEvents.attach.iml.json');
    fs.writeFileSync(file, '{\n  // "url": "https://example.com/hooks",\n  // "method": "POST"\n}\n');
  });
  const app = await loadApp(dir);
  expect(app.webhooks?.find((w) => w.id === 'itemEvents')?.attach).toBeUndefined();
});

test.each([
  [
    'an instant trigger naming no webhook',
    (d: string) =>
      editJson(d, 'makecomapp.json', (m) => {
        const modules = (m.components as Record<string, Record<string, Record<string, unknown>>>).module;
        modules.watchItemEvents.webhook = 'itemEvent';
      }),
    { file: 'makecomapp.json', pointer: '/components/module/watchItemEvents/webhook' },
    /webhook `itemEvent` is not defined.*itemEvents/,
  ],
  [
    'a trigger without response.trigger',
    (d: string) =>
      editJson(d, 'modules/watchByDateDesc/watchByDateDesc.communication.iml.json', (c) => {
        delete (c.response as Record<string, unknown>).trigger;
      }),
    { file: 'modules/watchByDateDesc/watchByDateDesc.communication.iml.json', pointer: '' },
    /needs `response.trigger`/,
  ],
  [
    'a responder with a request in its communication',
    (d: string) =>
      editJson(d, 'modules/respondToWebhook/respondToWebhook.communication.iml.json', (c) => {
        c.url = '/x';
      }),
    { file: 'modules/respondToWebhook/respondToWebhook.communication.iml.json', pointer: '/url' },
    /holds only `response`/,
  ],
  [
    'a misspelt key in a webhook’s communication',
    (d: string) =>
      editJson(d, 'webhooks/itemEvents/itemEvents.communication.iml.json', (c) => {
        c.iterat = c.iterate;
      }),
    { file: 'webhooks/itemEvents/itemEvents.communication.iml.json', pointer: '/iterat' },
    /does not read `iterat`.*iterate/,
  ],
  [
    'a shared webhook without uid',
    (d: string) =>
      editJson(d, 'webhooks/accountEvents/accountEvents.communication.iml.json', (c) => {
        delete c.uid;
      }),
    { file: 'webhooks/accountEvents/accountEvents.communication.iml.json', pointer: '' },
    /needs `uid`/,
  ],
  [
    'an unknown key in a respond',
    (d: string) =>
      editJson(d, 'webhooks/itemEvents/itemEvents.communication.iml.json', (c) => {
        (c.respond as Record<string, unknown>).statusCode = 200;
      }),
    { file: 'webhooks/itemEvents/itemEvents.communication.iml.json', pointer: '/respond/statusCode' },
    /not `statusCode`/,
  ],
])('%s is a problem at its place', async (_name, edit, where, message) => {
  const problems = await validateApp(copyApp(edit));
  expect(problems).toEqual([expect.objectContaining({ ...where, message: expect.stringMatching(message) })]);
});
