/** The demo data has contacts, notes, tasks and opportunities for some customers, the same on every run. */
import { ChartMogul, startWithSdk, type SdkSandbox } from '../support/sdk';

const CLOCK = '2026-11-01T00:00:00Z';

async function crmOf(sb: SdkSandbox) {
  const all = (resource: { all: (...args: unknown[]) => Promise<{ entries: unknown[] }> }) =>
    resource.all(sb.config, { per_page: 200 }).then((page) => page.entries);
  return {
    contacts: await all(ChartMogul.Contact),
    notes: await all(ChartMogul.CustomerNote),
    tasks: await all(ChartMogul.Task),
    opportunities: await all(ChartMogul.Opportunity),
  };
}

it('seeds CRM records for every third demo customer, identical for the same clock', async () => {
  const first = await startWithSdk({ seed: 'demo', clock: CLOCK });
  const second = await startWithSdk({ seed: 'demo', clock: CLOCK });
  try {
    const crm = await crmOf(first);
    expect(crm.notes).toHaveLength(34);
    expect(crm.tasks).toHaveLength(34);
    expect(crm.opportunities).toHaveLength(17);
    expect(crm.contacts.length).toBeGreaterThan(17);
    const owners = new Set(crm.notes.map((n) => (n as { customer_uuid: string }).customer_uuid));
    expect(owners.size).toBe(17);
    expect(crm.tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          completed_at: '2026-10-20T00:00:00.000Z',
          due_date: '2026-10-22T00:00:00.000Z',
        }),
      ]),
    );
    const [customer] = (await ChartMogul.Customer.all(first.config, { external_id: 'demo_cus_001' })).entries;
    const contacts = await ChartMogul.Customer.contacts(first.config, customer.uuid, {});
    expect(contacts.entries.map((c: { position: number }) => c.position).sort()).toEqual([1, 2]);
    expect(contacts.entries[0]).toMatchObject({
      customer_external_id: 'demo_cus_001',
      email: expect.stringMatching(/@/),
    });
    expect(await crmOf(second)).toEqual(crm);
  } finally {
    await first.sandbox.close();
    await second.sandbox.close();
  }
});
