/**
 * "Run" alone on an instant trigger in the Module tab, as Make's "Run this module only" does: it waits
 * for the next delivery to the module's hook (showing the hook's address), then shows the delivered
 * bundle. The module's hook is its own (not a scenario's), kept for the next Run, and the saved
 * scenario behind it is not listed among the user's scenarios.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { useBuilderSession } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Hook {
  url: string;
  module: string;
  scenarioKey: string;
}

describe('the Module tab on an instant trigger in Chromium', () => {
  let page: Page;

  useBuilderSession({ prefix: 'workbench-module-trigger-' }, (opened) => {
    page = opened.page;
  });

  const hooks = (): Promise<Hook[]> =>
    page.evaluate(() => fetch('/api/hooks').then((r) => r.json() as Promise<Hook[]>));
  const deliver = (url: string, movement: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'mrr_movement', movement_type: movement, customer: { uuid: 'cus_1' } }),
    });

  test("Run waits for a delivery to the module's hook and shows the delivered bundle", async () => {
    // The palette names its type as a user reads it, not Make's key.
    expect(await page.textContent('[data-module-id="watchMrrMovements"] .tag')).toBe('instant trigger');
    await page.click('[data-run-module-id="watchMrrMovements"]');
    await page.waitForSelector('#module-form:not([hidden])');
    await page.click('#module-run');
    // It waits, saying where to send the delivery, instead of running on nothing.
    await page.waitForFunction(() =>
      /\/hooks\/\S+/.test(document.querySelector('#module-waiting')?.textContent ?? ''),
    );
    const [hook] = (await hooks()).filter((h) => h.module === 'watchMrrMovements');
    expect(hook).toBeDefined();
    expect(await page.textContent('#module-waiting')).toContain(hook.url);
    expect(await page.isDisabled('#module-run')).toBe(true);
    await screenshot(page, 'module-instant-trigger-waiting');

    expect((await deliver(hook.url, 'new_biz')).status).toBe(200);
    await page.waitForSelector('#module-summary');
    expect(await page.textContent('#module-summary')).toBe('1 operation(s), 1 bundle(s)');
    expect(await page.textContent('#module-result .bundle')).toContain('new_biz');
    expect(await page.isDisabled('#module-run')).toBe(false);
    await screenshot(page, 'module-instant-trigger-delivered');

    // The next Run uses the same hook, and shows the next delivery, not the last one again.
    await page.click('#module-run');
    await page.waitForSelector('#module-waiting');
    expect((await deliver(hook.url, 'churn')).status).toBe(200);
    await page.waitForFunction(() =>
      /churn/.test(document.querySelector('#module-result .bundle')?.textContent ?? ''),
    );
    expect((await hooks()).filter((h) => h.module === 'watchMrrMovements')).toHaveLength(1);
    // The module's own scenario is not one of the user's saved scenarios.
    const listed = await page.locator('#scenario-list .open-scenario').allTextContents();
    expect(listed.join(' ')).not.toMatch(/Watch MRR Movements/);
  });

  test('Stop ends the wait; a dry run still shows the sample delivery without waiting', async () => {
    await page.click('[data-run-module-id="watchMrrMovements"]');
    await page.click('#module-run');
    await page.waitForSelector('#module-waiting');
    await page.click('#module-stop');
    await page.waitForSelector('#module-waiting', { state: 'detached' });
    expect(await page.isDisabled('#module-run')).toBe(false);

    await page.check('#module-dry-run');
    await page.click('#module-run');
    await page.waitForSelector('#module-summary');
    expect(await page.locator('#module-waiting').count()).toBe(0);
  });
});
