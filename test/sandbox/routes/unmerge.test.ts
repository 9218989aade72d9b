/**
 * Unmerge through chartmogul-node: the identity split off becomes its own customer again and takes its
 * billing data with it (invoices, subscriptions, subscription events of that source and external id), and
 * `move_to_new_customer` moves the kinds of CRM records it names (tasks, opportunities, notes — calls are
 * notes) to it (decisions.md "Sandbox endpoints"). A bad list is refused before anything is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer, sourceWithPlan } from '../support/billing';
import { logicalDump } from '../support/dump';

let sb: SdkSandbox;
let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-unmerge-'));
  dbPath = path.join(dir, 'chartmogul.db');
  sb = await startWithSdk({ dbPath, clock: '2024-06-01T00:00:00Z' });
});
afterAll(async () => {
  await sb.sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Customer `a` of one source merged with `b` of another, each with an invoice and CRM records. */
async function mergedPair(tag: string) {
  const one = await sourceWithPlan(sb, `Unmerge ${tag} one`, 'Monthly');
  const two = await sourceWithPlan(sb, `Unmerge ${tag} two`, 'Monthly');
  const a = await createCustomer(sb, one.ds.uuid, `${tag}-a`, { name: 'A' });
  const b = await createCustomer(sb, two.ds.uuid, `${tag}-b`, { name: 'B' });
  const invoice = (id: string, plan: Json, cents: number) => ({
    external_id: id,
    date: '2024-01-01',
    currency: 'USD',
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: `${id}-sub`,
        plan_uuid: plan.uuid,
        amount_in_cents: cents,
        service_period_start: '2024-01-01',
        service_period_end: '2024-02-01',
      },
    ],
  });
  await ChartMogul.Invoice.create(sb.config, a.uuid, { invoices: [invoice(`${tag}-inv-a`, one.plan, 500)] });
  await ChartMogul.Invoice.create(sb.config, b.uuid, { invoices: [invoice(`${tag}-inv-b`, two.plan, 1200)] });
  await ChartMogul.SubscriptionEvent.create(sb.config, {
    data_source_uuid: two.ds.uuid,
    customer_external_id: `${tag}-b`,
    subscription_external_id: `${tag}-evt-sub`,
    event_type: 'subscription_cancelled',
    event_date: '2024-05-01',
    effective_date: '2024-05-01',
    external_id: `${tag}-evt`,
  });
  for (const c of [a, b]) {
    await ChartMogul.CustomerNote.create(sb.config, { customer_uuid: c.uuid, type: 'note', text: c.name });
    await ChartMogul.CustomerNote.create(sb.config, { customer_uuid: c.uuid, type: 'call', text: c.name });
    await ChartMogul.Task.create(sb.config, {
      customer_uuid: c.uuid,
      task_details: c.name,
      assignee: 'sam@team.example',
      due_date: '2024-07-01',
    });
    await ChartMogul.Opportunity.create(sb.config, {
      customer_uuid: c.uuid,
      owner: 'sam@team.example',
      pipeline: 'New Business',
      pipeline_stage: 'Discovery',
      estimated_close_date: '2024-08-01',
      currency: 'USD',
      amount_in_cents: 100,
    });
  }
  await ChartMogul.Customer.merge(sb.config, {
    from: { customer_uuid: b.uuid },
    into: { customer_uuid: a.uuid },
  });
  return { a, one, two, tag };
}

async function customerOf(dsUuid: string, externalId: string): Promise<Json> {
  const page = await ChartMogul.Customer.all(sb.config, {
    data_source_uuid: dsUuid,
    external_id: externalId,
  });
  expect(page.entries).toHaveLength(1);
  return page.entries[0];
}

const crm = async (uuid: string) => ({
  notes: (await ChartMogul.CustomerNote.all(sb.config, { customer_uuid: uuid })).entries.length,
  tasks: (await ChartMogul.Task.all(sb.config, { customer_uuid: uuid })).entries.length,
  opportunities: (await ChartMogul.Opportunity.all(sb.config, { customer_uuid: uuid })).entries.length,
});

const billing = async (uuid: string) => ({
  mrr: (await ChartMogul.Customer.retrieve(sb.config, uuid)).mrr,
  invoices: (await ChartMogul.Invoice.all(sb.config, uuid)).invoices.map((i: Json) => i.external_id).sort(),
});

it('gives the identity back its billing data, and moves the CRM kinds it is asked to', async () => {
  const { a, one, two, tag } = await mergedPair('kinds');
  expect(await billing(a.uuid)).toEqual({ mrr: 1700, invoices: [`${tag}-inv-a`, `${tag}-inv-b`] });
  expect(await crm(a.uuid)).toEqual({ notes: 4, tasks: 2, opportunities: 2 });

  await expect(
    ChartMogul.Customer.unmerge(sb.config, {
      customer_uuid: a.uuid,
      data_source_uuid: two.ds.uuid,
      external_id: `${tag}-b`,
      move_to_new_customer: ['tasks', 'notes'],
    }),
  ).resolves.toEqual({});

  const b = await customerOf(two.ds.uuid, `${tag}-b`);
  expect(b.uuid).not.toBe(a.uuid);
  expect((await customerOf(one.ds.uuid, `${tag}-a`)).uuid).toBe(a.uuid);
  expect(await billing(a.uuid)).toEqual({ mrr: 500, invoices: [`${tag}-inv-a`] });
  expect(await billing(b.uuid)).toEqual({ mrr: 1200, invoices: [`${tag}-inv-b`] });
  const events = await ChartMogul.SubscriptionEvent.all(sb.config, { external_id: `${tag}-evt` });
  expect(events.subscription_events.map((e: Json) => e.customer_external_id)).toEqual([`${tag}-b`]);
  // Notes (calls included) and tasks go whole; opportunities, not named, stay.
  expect(await crm(a.uuid)).toEqual({ notes: 0, tasks: 0, opportunities: 2 });
  expect(await crm(b.uuid)).toEqual({ notes: 4, tasks: 2, opportunities: 0 });
});

it('moves no CRM record when the list is empty (as the SDKs send it) or left out', async () => {
  for (const move of [[], undefined]) {
    const { a, two, tag } = await mergedPair(`empty-${String(move?.length)}`);
    await ChartMogul.Customer.unmerge(sb.config, {
      customer_uuid: a.uuid,
      data_source_uuid: two.ds.uuid,
      external_id: `${tag}-b`,
      ...(move ? { move_to_new_customer: move } : {}),
    });
    const b = await customerOf(two.ds.uuid, `${tag}-b`);
    expect(await crm(a.uuid)).toEqual({ notes: 4, tasks: 2, opportunities: 2 });
    expect(await crm(b.uuid)).toEqual({ notes: 0, tasks: 0, opportunities: 0 });
    expect((await billing(b.uuid)).mrr).toBe(1200);
  }
});

it('refuses a list it cannot read with a 422 naming the field, and writes nothing', async () => {
  const { a, two, tag } = await mergedPair('bad');
  for (const move of [['contacts'], ['tasks', 'everything'], 'tasks', [1], { tasks: true }]) {
    const before = logicalDump(dbPath);
    const refused = await failure(
      ChartMogul.Customer.unmerge(sb.config, {
        customer_uuid: a.uuid,
        data_source_uuid: two.ds.uuid,
        external_id: `${tag}-b`,
        move_to_new_customer: move,
      }),
    );
    expect([move, refused]).toEqual([
      move,
      { status: 422, body: expect.objectContaining({ code: 422, param: 'move_to_new_customer' }) },
    ]);
    expect(logicalDump(dbPath)).toEqual(before);
  }
});

it('leaves the billing data with the customer when another of its identities shares the source', async () => {
  const { ds, plan } = await sourceWithPlan(sb, 'Unmerge shared source', 'Monthly');
  const a = await createCustomer(sb, ds.uuid, 'shared-a');
  const b = await createCustomer(sb, ds.uuid, 'shared-b');
  await ChartMogul.Invoice.create(sb.config, b.uuid, {
    invoices: [
      {
        external_id: 'shared-inv-b',
        date: '2024-01-01',
        currency: 'USD',
        line_items: [
          {
            type: 'subscription',
            subscription_external_id: 'shared-sub',
            plan_uuid: plan.uuid,
            amount_in_cents: 900,
            service_period_start: '2024-01-01',
            service_period_end: '2024-02-01',
          },
        ],
      },
    ],
  });
  await ChartMogul.Customer.merge(sb.config, {
    from: { customer_uuid: b.uuid },
    into: { customer_uuid: a.uuid },
  });
  await ChartMogul.Customer.unmerge(sb.config, {
    customer_uuid: a.uuid,
    data_source_uuid: ds.uuid,
    external_id: 'shared-b',
    move_to_new_customer: [],
  });
  // Invoices name their source, not which of a's two identities there they came from.
  expect(await billing(a.uuid)).toEqual({ mrr: 900, invoices: ['shared-inv-b'] });
  expect(await billing((await customerOf(ds.uuid, 'shared-b')).uuid)).toEqual({ mrr: 0, invoices: [] });
});
