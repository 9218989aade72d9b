// The example "Watch MRR Movements → note on the customer" with no account, over real HTTP (issue 22):
// with the embedded sandbox as the connection, creating the hook registers its URL as the sandbox's
// webhook destination (its admin route lists it) and deleting the hook removes it. A successful payment
// within 12 hours of the sandbox clock makes the sandbox post its mrr_movement to the hook, and the
// scenario writes the note on the customer: from the command line (`hooks create`, `scenario --listen`
// in a child process) and from the workbench (`npm start`: its /api/hooks and /hooks routes).
import fs from 'node:fs';
import path from 'node:path';
import { closeHistory, startServer } from '../../runtime';
import { startSandbox } from '../../sandbox';
import { compileCli, spawnCli, type CliProcess, type CompiledCli } from '../scenario/cli-process';
import { copyApp, tempDir } from '../scenario/fixtures';
import { until } from '../scenario/hooks/helpers';
import { request } from '../server/http';
import { APP_DIR } from './helpers/definitions';

const EXAMPLE = path.join(APP_DIR, 'examples', 'scenarios', 'note-on-mrr-movement.json');
const DEMO_KEY = 'sandbox-demo-key';

let dir: string;
let blueprintFile: string;
const children: CliProcess[] = [];

beforeEach(() => {
  dir = tempDir();
  copyApp(APP_DIR, dir);
  blueprintFile = path.join(dir, 'note-on-mrr-movement.json');
  fs.copyFileSync(EXAMPLE, blueprintFile);
});
afterEach(() => {
  for (const c of children.splice(0))
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  closeHistory(path.join(dir, '.sandbox', 'history.db'));
  fs.rmSync(dir, { recursive: true, force: true });
});

const sandboxDb = () => path.join(dir, '.sandbox', 'chartmogul.db');

/** The destinations the app folder's sandbox file holds, read through its admin route once nothing else runs it. */
async function storedDestinations(): Promise<string[]> {
  const sandbox = await startSandbox({ port: 0, dbPath: sandboxDb(), seed: 'none' });
  try {
    return await destinationsAt(sandbox.url);
  } finally {
    await sandbox.close();
  }
}

async function destinationsAt(sandboxUrl: string): Promise<string[]> {
  const body = (await (await fetch(`${sandboxUrl}/__sandbox/webhooks`)).json()) as {
    destinations: { url: string }[];
  };
  return body.destinations.map((d) => d.url).sort();
}

/** One paying customer whose invoice was paid an hour ago: a real-time new_biz movement. */
const payment = (external: string) => {
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();
  const end = new Date(Date.parse(start) + 30 * 86_400_000).toISOString();
  return {
    external_id: `inv-${external}`,
    date: start,
    currency: 'USD',
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: `sub-${external}`,
        service_period_start: start,
        service_period_end: end,
        amount_in_cents: 4900,
      },
    ],
    transactions: [{ type: 'payment', date: start, result: 'successful' }],
  };
};

const NOTE = 'MRR movement (new_biz): purchased the Hooked Monthly plan, 49.00 USD; MRR now 49.00 USD.';

describe('from the command line', () => {
  let cli: CompiledCli;
  beforeAll(() => {
    cli = compileCli();
  });
  afterAll(() => cli.dispose());

  const run = async (args: string[]) => {
    const proc = spawnCli(cli, args, dir);
    children.push(proc);
    const code = await proc.exited;
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${proc.stderr()}`);
    return proc.stdout();
  };

  /** The sandbox's API, with the demo key the embedded sandbox takes. */
  const call = async (sandboxUrl: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}${route}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${DEMO_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const value = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(value)}`);
    return value;
  };

  test('hooks create registers the hook, --listen takes the sandbox’s delivery and notes it, hooks delete removes it', async () => {
    const hook = JSON.parse(
      await run([
        'hooks',
        'create',
        'note-on-mrr-movement.json',
        '--public-url',
        'https://tunnel.example.test',
        '--json',
      ]),
    ) as { id: string; url: string; attached: boolean };
    expect(hook.attached).toBe(false);
    expect(await storedDestinations()).toEqual([hook.url]);

    const listener = spawnCli(cli, ['scenario', 'note-on-mrr-movement.json', '--listen', '--port', '0'], dir);
    children.push(listener);
    let served = '';
    let sandboxUrl = '';
    await until(() => {
      const m = /Listening at (\S+) via the embedded sandbox at (http:\/\/\S+?);/.exec(listener.stderr());
      if (listener.child.exitCode !== null) throw new Error(`listener exited: ${listener.stderr()}`);
      [served, sandboxUrl] = [m?.[1] ?? '', m?.[2] ?? ''];
      return m !== null;
    }, 30_000);
    // The listener serves the hook on its own port: the sandbox delivers there too while it runs.
    expect(await destinationsAt(sandboxUrl)).toEqual([hook.url, served].sort());

    const ds = await call(sandboxUrl, 'POST', '/v1/data_sources', { name: 'Hooked source' });
    const customer = await call(sandboxUrl, 'POST', '/v1/customers', {
      data_source_uuid: ds.uuid,
      external_id: 'hooked-1',
      name: 'Hooked',
    });
    const plan = await call(sandboxUrl, 'POST', '/v1/plans', {
      data_source_uuid: ds.uuid,
      name: 'Hooked Monthly',
      interval_count: 1,
      interval_unit: 'month',
      external_id: 'hooked-monthly',
    });
    const invoice = { ...payment('1') };
    invoice.line_items = invoice.line_items.map((l) => ({ ...l, plan_uuid: plan.uuid }));
    await call(sandboxUrl, 'POST', `/v1/import/customers/${String(customer.uuid)}/invoices`, {
      invoices: [invoice],
    });
    let notes: unknown[] = [];
    await until(async () => {
      const listed = await call(
        sandboxUrl,
        'GET',
        `/v1/customer_notes?customer_uuid=${String(customer.uuid)}`,
      );
      notes = (listed.entries as { text: string }[]).map((n) => n.text);
      return notes.length > 0;
    }, 30_000);
    expect(notes).toEqual([NOTE]);

    listener.child.kill('SIGTERM');
    await listener.exited;
    expect(listener.stdout()).toMatch(/success/);
    expect(await storedDestinations()).toEqual([hook.url]); // the listener's own registration went with it

    await run(['hooks', 'delete', hook.id, '--json']);
    expect(await storedDestinations()).toEqual([]);
  });
});

describe('on the workbench (npm start)', () => {
  test('/api/hooks registers the hook with the embedded sandbox; its delivery runs the example; deleting removes it', async () => {
    const historyPath = path.join(dir, '.sandbox', 'history.db');
    const server = await startServer({ port: 0, appDir: dir, historyPath });
    const base = new URL(server.url).origin;
    const headers = { 'x-workbench-token': server.token, 'content-type': 'application/json' };
    const post = async (route: string, value: unknown, method = 'POST') => {
      const r = await request(base, route, { method, headers, body: JSON.stringify(value) });
      if (r.status >= 300) throw new Error(`${route}: ${r.status} ${r.text}`);
      return r.json();
    };
    const action = async (id: string, parameters: Record<string, unknown>) =>
      ((await post(`/api/modules/${id}/run`, { parameters })) as { bundles: Record<string, unknown>[] })
        .bundles;
    try {
      const hook = (await post('/api/hooks', { key: blueprintFile })) as { id: string; url: string };
      expect(hook.url.startsWith(`${base}/hooks/`)).toBe(true);

      const [ds] = await action('createDataSource', { name: 'Hooked source' });
      const [customer] = await action('createCustomer', {
        data_source_uuid: ds.uuid,
        external_id: 'hooked-1',
        name: 'Hooked',
      });
      const [plan] = await action('createPlan', {
        data_source_uuid: ds.uuid,
        name: 'Hooked Monthly',
        interval_count: 1,
        interval_unit: 'month',
      });
      const invoice = payment('1');
      await action('importInvoice', {
        customer_uuid: customer.uuid,
        ...invoice,
        line_items: invoice.line_items.map((l) => ({ ...l, plan_uuid: plan.uuid })),
      });
      let notes: unknown[] = [];
      await until(async () => {
        notes = (await action('listNotes', { customer_uuid: customer.uuid, limit: 10 })).map((n) => n.text);
        return notes.length > 0;
      }, 30_000);
      expect(notes).toEqual([NOTE]);

      const deleted = await request(base, `/api/hooks/${hook.id}`, { method: 'DELETE', headers });
      expect(deleted.status).toBe(200);
    } finally {
      await server.close();
    }
    expect(await storedDestinations()).toEqual([]);
  });
});
