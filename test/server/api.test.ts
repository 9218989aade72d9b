/**
 * The workbench API against a real sandbox over loopback HTTP: modules, RPCs, scenarios with
 * server-sent progress (a late subscriber gets the whole story), history, the write-only
 * connection, and no route ever returning the key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, startServer } from '../../runtime/index';
import { finishedRun, readEvents, request, type RawResponse } from './http';

const APP_DIR = path.resolve(__dirname, '../..');
const KEY = 'wb-test-key-7Q3xZ9-recognizable';

const blueprint = {
  name: 'List then get',
  flow: [
    { id: 1, module: 'app#chartmogul-x1y2:listCustomers', version: 1, parameters: {}, mapper: { limit: 2 } },
    {
      id: 2,
      module: 'app#chartmogul-x1y2:getCustomer',
      version: 1,
      parameters: {},
      mapper: { customer_uuid: '{{1.uuid}}' },
    },
  ],
  metadata: { version: 1 },
};

describe('workbench API', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let tmp: string;
  /** Every response of the suite, scanned for the key at the end. */
  const seen: RawResponse[] = [];

  const call = async (method: string, route: string, body?: unknown): Promise<RawResponse> => {
    const headers: Record<string, string> = { 'X-Workbench-Token': server.token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await request(base, route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    seen.push(res);
    return res;
  };

  const finished = (runId: string) => finishedRun(call, runId);

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-api-'));
    sandbox = await startSandbox({ port: 0, seed: 'demo', apiKeys: [KEY], limits: false });
    // A base URL but no key: the demo key, which this sandbox refuses, until the page sets the key.
    server = await startServer({
      port: 0,
      appDir: APP_DIR,
      target: sandbox.url,
      historyPath: path.join(tmp, 'history.db'),
    });
    base = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the connection test reports a refused key as an answer, and the key is write-only', async () => {
    const refused = await call('POST', '/api/connection/test');
    expect(refused.status).toBe(200);
    expect(refused.json()).toMatchObject({
      ok: false,
      mode: 'apiKey',
      error: { type: expect.stringMatching(/Error$/) },
    });

    const put = await call('PUT', '/api/connection', { apiKey: KEY });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const ok = await call('POST', '/api/connection/test');
    expect(ok.json()).toMatchObject({ ok: true, mode: 'apiKey', target: sandbox.url });
    const read = await call('GET', '/api/connection'); // nothing reads it back
    expect(read.status).toBe(405);
    expect(read.headers.allow).toBe('PUT');
  });

  test('a connection given to the test is tried without being saved', async () => {
    await call('PUT', '/api/connection', { apiKey: KEY });
    const wrong = await call('POST', '/api/connection/test', { apiKey: 'a-wrong-key-tried-only' });
    expect(wrong.json()).toMatchObject({
      ok: false,
      mode: 'apiKey',
      error: { message: expect.stringContaining('401') },
    });
    expect(wrong.text).not.toContain('a-wrong-key-tried-only');
    const right = await call('POST', '/api/connection/test', { apiKey: KEY });
    expect(right.json()).toMatchObject({ ok: true, mode: 'apiKey' });
    // The saved key is still the one in use.
    expect((await call('POST', '/api/connection/test')).json()).toMatchObject({ ok: true, mode: 'apiKey' });
    expect((await call('POST', '/api/connection/test', { sandbox: false })).status).toBe(400);
  });

  test('a connection body that mixes or misstates the two forms says what to send', async () => {
    for (const bad of [{ sandbox: false }, { apiKey: 'a', sandbox: true }]) {
      const res = await call('PUT', '/api/connection', bad);
      expect(res.status).toBe(400);
      expect(res.json().error.message).toBe('Send { "sandbox": true } alone, or { "apiKey", "secretKey"? }');
    }
  });

  test('a known route with another method is 405 with Allow; an unknown route is 404', async () => {
    const res = await call('DELETE', '/api/app');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.json().error).toMatchObject({
      type: 'MethodNotAllowed',
      message: 'DELETE is not allowed here; use GET',
    });
    expect((await call('GET', '/api/runs/wb_1/nope')).status).toBe(404);
  });

  test('GET /api/app lists modules, RPCs and groups', async () => {
    const appRes = await call('GET', '/api/app');
    const app = appRes.json();
    expect(app.name).toBe('chartmogul');
    expect(app.modules.map((m: { id: string }) => m.id)).toContain('listCustomers');
    expect(app.rpcs.map((r: { id: string }) => r.id)).toContain('rpcCustomers');
    const customer = app.groups.find((g: { label: string }) => g.label === 'Customer');
    expect(customer.modules).toContain('getCustomer');
    expect(app.connection).toEqual({ mode: 'apiKey', target: sandbox.url });
    // The page's connection form: this app's parameters, the sandbox on offer, a key already given.
    expect(app.connectionForm).toMatchObject({ id: 'chartmogul', sandbox: true, saved: true });
    expect(app.connectionForm.params.map((p: { name: string }) => p.name)).toEqual(['apiKey', 'secretKey']);
  });

  test('runs a module, a dry run and an RPC; bad input and unknown ids are 4xx', async () => {
    const run = await call('POST', '/api/modules/listCustomers/run', { parameters: { limit: 2 } });
    expect(run.status).toBe(200);
    expect(run.json()).toMatchObject({ moduleId: 'listCustomers', operations: 1 });
    expect(run.json().bundles).toHaveLength(2);

    const dry = await call('POST', '/api/modules/listCustomers/run', {
      parameters: { limit: 2 },
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.json().requests.length).toBeGreaterThan(0);

    const options = await call('POST', '/api/rpcs/rpcCustomers', { parameters: {} });
    expect(options.status).toBe(200);
    expect(options.json()[0]).toEqual({ label: expect.any(String), value: expect.stringMatching(/^cus_/) });

    const invalid = await call('POST', '/api/modules/listCustomers/run', { parameters: { limit: 'many' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error).toMatchObject({
      type: 'BundleValidationError',
      problems: [expect.objectContaining({ field: 'limit' })],
    });

    const missing = await call('POST', '/api/modules/getCustomer/run', {
      parameters: { customer_uuid: 'cus_00000000-0000-0000-0000-000000000000' },
    });
    expect(missing.status).toBe(502);
    expect(missing.json().error).toMatchObject({
      type: expect.stringMatching(/Error$/),
      message: expect.stringContaining('404'),
    });

    expect((await call('POST', '/api/modules/noSuchModule/run', {})).status).toBe(404);
    expect((await call('POST', '/api/rpcs/noSuchRpc', {})).status).toBe(404);
  });

  test('a scenario run streams module:start, bundle, module:end and run:end; a late subscriber gets all of it', async () => {
    const started = await call('POST', '/api/scenarios/run', { blueprint });
    expect(started.status).toBe(202);
    const { runId } = started.json();
    const auth = { 'X-Workbench-Token': server.token };
    const live = readEvents(base, `/api/runs/${runId}/events`, auth);
    const run = await finished(runId);
    const late = await readEvents(base, `/api/runs/${runId}/events`, auth);
    expect(await live).toEqual(late);

    const types = late.map((e) => e.event);
    expect(types[0]).toBe('module:start');
    expect(types[types.length - 1]).toBe('run:end');
    expect(late.map((e) => Number(e.id))).toEqual(late.map((_e, i) => i));
    // listCustomers once (2 bundles), getCustomer once per customer.
    expect(
      late.filter((e) => e.event === 'module:end').map((e) => [String(e.data.moduleId), e.data.operations]),
    ).toEqual([
      ['1', 1],
      ['2', 1],
      ['2', 1],
    ]);
    const bundles = late.filter((e) => e.event === 'bundle');
    expect(bundles).toHaveLength(4);
    const fetched = bundles.filter((e) => String(e.data.moduleId) === '2');
    expect(fetched.map((e) => e.data.output.uuid)).toEqual(fetched.map((e) => e.data.input.customer_uuid));

    const end = late[late.length - 1].data.run;
    expect(end).toMatchObject({ id: runId, status: 'success', operations: 3 });
    expect(run).toMatchObject({ id: runId, status: 'success', operations: 3 });
    const listed = (await call('GET', '/api/runs')).json();
    expect(listed[0]).toMatchObject({ id: runId, status: 'success', name: 'List then get' });
  });

  test('a blueprint naming a module the app does not have is refused before anything runs', async () => {
    const bad = { ...blueprint, flow: [{ ...blueprint.flow[0], module: 'app#chartmogul:noSuchModule' }] };
    const res = await call('POST', '/api/scenarios/run', { blueprint: bad });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatchObject({
      type: 'BlueprintError',
      message: expect.stringContaining('noSuchModule'),
    });
  });

  test('a step of another app (app#stripe:…) is refused before anything runs, even with a module id this app has', async () => {
    const other = { ...blueprint, flow: [{ ...blueprint.flow[0], module: 'app#stripe:listCustomers' }] };
    const res = await call('POST', '/api/scenarios/run', { blueprint: other });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatchObject({
      type: 'BlueprintError',
      message: expect.stringContaining('is for the app "stripe", not this one'),
    });
  });

  test('unknown runs are 404', async () => {
    expect((await call('GET', '/api/runs/wb_nope')).status).toBe(404);
    expect((await call('GET', '/api/runs/wb_nope/events')).status).toBe(404);
  });

  test('no route ever returned the key, in any form', async () => {
    // The page and its files too.
    for (const file of ['/', '/js/main.js', '/css/workbench.css']) seen.push(await request(base, file));
    const basic = Buffer.from(`${KEY}:`).toString('base64');
    expect(seen.length).toBeGreaterThan(20);
    for (const res of seen) {
      const everything = res.text + JSON.stringify(res.headers);
      expect(everything.includes(KEY) || everything.includes(basic)).toBe(false);
    }
  });
});
