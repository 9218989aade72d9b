/**
 * A select whose options depend on another field loads again when that field changes, on this app
 * against the demo data: Cancel a Customer's Subscription lists the chosen customer's subscriptions
 * (QA saw the Subscription list stay empty after a Customer was chosen).
 */
import type { Page } from 'playwright-core';
import { API_KEY, editorShows, newScenario, useBuilderSession } from './builder-session';

describe('builder: a dependent select on the demo data', () => {
  let page: Page;
  let sandboxUrl: string;

  useBuilderSession({ prefix: 'workbench-dependent-' }, (opened) => {
    page = opened.page;
    sandboxUrl = opened.sandbox!.url;
  });

  /** A demo customer with subscriptions, and their uuids, asked of the sandbox directly. */
  const details: { uuid: string; external_id: string; plan: string; cancelled: boolean }[] = [];

  async function customerWithSubscriptions(): Promise<{ customer: string; subscriptions: string[] }> {
    const get = async (path: string) => {
      const res = await fetch(`${sandboxUrl}${path}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` },
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's JSON, read as the test needs
      return (await res.json()) as { entries?: { uuid: string }[]; subscriptions?: any[]; name?: string };
    };
    for (const { uuid } of (await get('/v1/customers?per_page=50')).entries ?? []) {
      // The endpoint the Subscription list's RPC (rpcSubscriptions) asks.
      const answer = await get(`/v1/import/customers/${uuid}/subscriptions?per_page=200`);
      const subscriptions = (answer.subscriptions ?? []).map((s) => s.uuid);
      if (!subscriptions.length) continue;
      for (const s of answer.subscriptions ?? [])
        details.push({
          uuid: s.uuid,
          external_id: s.external_id,
          plan: (await get(`/v1/plans/${s.plan_uuid}`)).name ?? '',
          cancelled: s.cancellation_dates.length > 0,
        });
      return { customer: uuid, subscriptions };
    }
    throw new Error('no demo customer has subscriptions');
  }

  test("choosing a Customer fills the Subscription list with that customer's subscriptions", async () => {
    const { customer, subscriptions } = await customerWithSubscriptions();
    await newScenario(page);
    await page.click('[data-module-id="cancelSubscription"]');
    await editorShows(page, 1);
    await page.waitForSelector('#f1-customer_uuid[data-loaded="true"]');
    await page.selectOption('#f1-customer_uuid', customer);
    await page.waitForFunction(
      (want) =>
        [...(globalThis as any).document.querySelectorAll('#f1-subscription_uuid option')] // eslint-disable-line @typescript-eslint/no-explicit-any
          .map((o: { value: string }) => o.value)
          .filter(Boolean)
          .sort()
          .join() === want,
      [...subscriptions].sort().join(),
    );
    // Each option names its subscription by external id and plan, not by external id alone.
    const labels = await page.locator('#f1-subscription_uuid option').evaluateAll(
      (options) => Object.fromEntries(options.map((o: any) => [o.value, o.textContent])), // eslint-disable-line @typescript-eslint/no-explicit-any
    );
    for (const sub of details)
      expect(labels[sub.uuid]).toBe(`${sub.external_id} (${sub.plan}${sub.cancelled ? ', cancelled' : ''})`);
  });
});
