// Webhooks (make-format.md §4.6): how an incoming request is read (verification, condition, iterate,
// output, respond, a shared webhook's uid), the answer's encoding, the hook's lifecycle at the service
// (attach saves its data, detach and update use it; the URL is masked in every log event), and the
// instant trigger and responder modules. Against the feed fixture app and its loopback server.
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import {
  attachWebhook,
  detachWebhook,
  readWebhookRequest,
  runModule,
  updateWebhook,
  webhookUid,
  type EngineEvent,
  type IncomingRequest,
} from '../../../runtime/communication';
import { toAnswer } from '../../../runtime/communication/webhook';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';

let app: App;
let feed: FeedServer;
beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'feed-app'));
});
beforeEach(async () => {
  feed = await startFeedServer();
});
afterEach(() => feed.close());

const request = (body: unknown, extra: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  query: {},
  body,
  ...extra,
});

describe('reading a request', () => {
  test('a verification is answered at once from verification.respond, with no items', () => {
    const r = readWebhookRequest(app, 'itemEvents', request({ type: 'url_verification', challenge: 'c-42' }));
    expect(r).toEqual({
      kind: 'verification',
      answer: {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: '{"challenge":"c-42"}',
      },
    });
  });

  test('iterate + output give the items; respond gives the answer', () => {
    const r = readWebhookRequest(app, 'itemEvents', request({ type: 'batch', events: [{ n: 1 }, { n: 2 }] }));
    expect(r).toEqual({
      kind: 'items',
      items: [{ n: 1 }, { n: 2 }],
      answer: expect.objectContaining({ status: 202, body: '{"received":2}' }),
    });
  });

  test('condition false: nothing to process, the answer still given', () => {
    const r = readWebhookRequest(app, 'itemEvents', request({ type: 'ping', events: [{ n: 1 }] }));
    expect(r).toMatchObject({ kind: 'items', items: [], answer: { status: 202 } });
  });

  test('the hook’s parameters are `parameters` and `data`; query, method and headers are readable', () => {
    const shaped = {
      ...app,
      webhooks: [
        {
          ...app.webhooks![0],
          id: 'echo',
          communication: {
            output: {
              topic: '{{parameters.topic}}',
              alias: '{{data.topic}}',
              q: '{{query.x}}',
              m: '{{method}}',
              h: '{{headers.`x-trace`}}',
            },
          },
        },
      ],
    } as App;
    const r = readWebhookRequest(
      shaped,
      'echo',
      request({}, { method: 'PUT', query: { x: '1' }, headers: { 'x-trace': 't' } }),
      { parameters: { topic: 'items' } },
    );
    expect(r).toEqual({
      kind: 'items',
      items: [{ topic: 'items', alias: 'items', q: '1', m: 'PUT', h: 't' }],
    });
  });

  test('a shared webhook’s uid says whose request it is', () => {
    expect(webhookUid(app, 'accountEvents', request({ account: 'acct_9', events: [] }))).toBe('acct_9');
    expect(webhookUid(app, 'itemEvents', request({ account: 'acct_9' }))).toBeUndefined();
  });
});

describe('the answer', () => {
  test.each([
    [{ type: 'json', body: { a: 1 } }, 'application/json; charset=utf-8', '{"a":1}'],
    [{ type: 'urlencoded', body: { a: 1, b: 'x y' } }, 'application/x-www-form-urlencoded', 'a=1&b=x%20y'],
    [{ type: 'text', body: 'plain' }, 'text/plain; charset=utf-8', 'plain'],
  ])('%j', (respond, contentType, body) => {
    expect(toAnswer({ status: '201', ...respond }, 'w')).toEqual({
      status: 201,
      headers: { 'Content-Type': contentType },
      body,
    });
  });

  test('no respond: Make’s 200 Accepted; a bad status or type is the definition’s error', () => {
    expect(toAnswer(undefined, 'w')).toMatchObject({ status: 200, body: 'Accepted' });
    expect(() => toAnswer({ status: 'ok' }, 'w')).toThrow(/status must be an HTTP status/);
    expect(() => toAnswer({ type: 'xml' }, 'w')).toThrow(/json, urlencoded or text/);
  });
});

describe('the lifecycle', () => {
  const hook = {
    id: 'hk_0123456789abcdefghijklmnopqrstuv',
    url: 'https://hooks.local/hooks/hk_0123456789abcdefghijklmnopqrstuv',
  };
  const opts = () => ({ connection: { apiKey: 'feed-key-1' }, target: feed.url });

  test('attach registers the URL and saves response.data; update and detach use it', async () => {
    const events: EngineEvent[] = [];
    const attached = await attachWebhook(
      app,
      'itemEvents',
      { ...hook, parameters: { topic: 'items' } },
      { ...opts(), logger: (e) => events.push(e) },
    );
    const registered = [...feed.webhooks.values()][0];
    expect(registered).toMatchObject({ url: hook.url, topic: 'items' });
    expect(attached).toEqual({
      ran: true,
      data: { externalId: registered.id, signingSecret: registered.secret },
    });
    // The URL is the hook's credential: no log event carries it.
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(hook.id);

    const updated = await updateWebhook(
      app,
      'itemEvents',
      { ...hook, parameters: { topic: 'all' }, data: attached.data },
      opts(),
    );
    expect(registered.topic).toBe('all');
    expect(updated.data).toEqual(attached.data);

    const detached = await detachWebhook(
      app,
      'itemEvents',
      { ...hook, parameters: { topic: 'all' }, data: attached.data },
      opts(),
    );
    expect(detached.ran).toBe(true);
    expect(feed.webhooks.size).toBe(0);
    expect(feed.log.at(-1)).toMatchObject({ method: 'DELETE', path: `/webhooks/${registered.id}` });
  });

  test('a webhook without attach runs nothing (its URL is pasted by the user)', async () => {
    const r = await attachWebhook(app, 'accountEvents', hook, opts());
    expect(r).toEqual({ ran: false, data: {} });
    expect(feed.requests()).toBe(0);
  });

  test('attach refuses bad hook parameters before any request', async () => {
    await expect(
      attachWebhook(app, 'itemEvents', { ...hook, parameters: { topic: 'nope' } }, opts()),
    ).rejects.toMatchObject({
      name: 'BundleValidationError',
    });
    expect(feed.requests()).toBe(0);
  });
});

describe('the modules a webhook feeds', () => {
  test('an instant trigger without communication outputs the item as it came', async () => {
    const r = await runModule(app, 'watchItemEvents', { payload: { id: 'x', n: 1 } });
    expect(r).toMatchObject({ type: 'instant_trigger', bundles: [{ id: 'x', n: 1 }], operations: 1 });
  });

  test('an instant trigger with a request reads `payload` (here: fetches the item it names)', async () => {
    const item = feed.add();
    const r = await runModule(app, 'watchAccountEvents', {
      connection: { apiKey: 'k' },
      target: feed.url,
      payload: { id: item.id, type: 'item.created' },
    });
    expect(r.bundles).toEqual([
      { id: item.id, seq: 1, title: item.title, created_at: item.created_at, event: 'item.created' },
    ]);
  });

  test('a responder’s bundle is the answer it gives', async () => {
    const r = await runModule(app, 'respondToWebhook', {
      parameters: { status: 201, body: { ok: true }, tag: 't1' },
    });
    expect(r).toMatchObject({
      type: 'responder',
      bundles: [
        {
          status: 201,
          headers: { 'X-Feed': 't1', 'Content-Type': 'application/json; charset=utf-8' },
          body: '{"ok":true}',
        },
      ],
    });
  });
});
