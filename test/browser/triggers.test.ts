/**
 * Triggers in the page (issue 21, "Triggers"): a trigger is always the first module; where a polling
 * trigger starts is chosen in its settings when it is added (Make's "Choose where to start"), and Run
 * once polls from there, the position kept under the scenario's key; an instant trigger gets its hook
 * when it is added, its settings show the hook's URL, and Run once waits for the next delivery there;
 * the scenario's schedule is switched on and off in the page.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { listSchedules, loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import { triggerOf } from '../../runtime/scenario/triggers/trigger-node';
import { screenshot } from './browser';
import {
  API_KEY,
  APP_DIR,
  editorShows,
  expectSteps,
  newScenario,
  stepButton,
  useBuilderSession,
  shownRunId,
  waitForRunEnd,
  type BuilderSession,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const location: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('triggers in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-triggers-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  const add = (moduleId: string) => page.click(`#module-groups .module-item[data-module-id="${moduleId}"]`);
  const scenarioKey = async () => String(await page.evaluate(() => location.hash)).replace(/^#scenario=/, '');
  const counts = (id: number) => page.textContent(`#steps li[data-step-id="${id}"] .counts`);
  const runOnce = async () => {
    const previous = await shownRunId(page);
    await page.click('#scenario-run');
    return waitForRunEnd(page, previous);
  };
  /** Every customer of the demo sandbox (the trigger's "All"). */
  const customerCount = async () => {
    let n = 0;
    let cursor = '';
    for (;;) {
      const res = await fetch(`${session.sandbox!.url}/v1/customers?per_page=200${cursor}`, {
        headers: { authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` },
      });
      const page = (await res.json()) as { entries: unknown[]; has_more: boolean; cursor: string };
      n += page.entries.length;
      if (!page.has_more) return n;
      cursor = `&cursor=${encodeURIComponent(page.cursor)}`;
    }
  };
  const chooseStart = async (value: string) => {
    await page.check(`#trigger-start input[name="trigger-epoch"][value="${value}"]`);
    await page.click('#trigger-epoch-apply');
  };

  test('a polling trigger goes first and stays there; where it starts is chosen in its settings; Run once polls from there', async () => {
    await newScenario(page);
    await add('listCustomers');
    await add('watchCustomers'); // step 1 is selected: a plain module would go after it
    await expectSteps(page, ['Watch Customers', 'List Customers']);
    await editorShows(page, 2);
    // Its circle says it is a trigger, as Make's clock does.
    expect(await page.getAttribute(`${stepButton(2)} .step-trigger`, 'data-trigger')).toBe('trigger');
    expect(await page.locator(`${stepButton(1)} .step-trigger`).count()).toBe(0);
    // Nothing goes before it, and a scenario has one trigger.
    await page.focus(stepButton(1));
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction(() =>
      /trigger/i.test(document.querySelector('#builder-status')?.textContent ?? ''),
    );
    await expectSteps(page, ['Watch Customers', 'List Customers']);
    await add('watchContacts');
    await page.waitForFunction(() =>
      /already starts with a trigger/i.test(document.querySelector('#builder-status')?.textContent ?? ''),
    );
    await expectSteps(page, ['Watch Customers', 'List Customers']);
    await page.focus(stepButton(1));
    await page.keyboard.press('Delete');
    await expectSteps(page, ['Watch Customers']);

    // Added, its settings ask where to start: an id trigger offers All and a chosen item.
    await page.click(stepButton(2));
    await editorShows(page, 2);
    await page.waitForSelector('#trigger-start');
    expect(
      await page
        .locator('#trigger-start input[name="trigger-epoch"]')
        .evaluateAll((n) => n.map((i: any) => i.value)), // eslint-disable-line @typescript-eslint/no-explicit-any
    ).toEqual(['all', 'item']);
    await page.waitForFunction(() =>
      /every item/.test(document.querySelector('#trigger-state')?.textContent ?? ''),
    );
    await page.fill('#f2-limit', '1000');
    await screenshot(page, 'triggers-01-start');

    // Run once polls: every customer, then none new, then every one again from "All".
    const all = await customerCount();
    expect(all).toBeGreaterThan(0);
    expect(await runOnce()).toBe('success');
    expect(await counts(2)).toBe(`1 op · ${all} bundles`);
    await page.waitForFunction(() =>
      /after/i.test(document.querySelector('#trigger-state')?.textContent ?? ''),
    );
    expect(await runOnce()).toBe('success');
    expect(await counts(2)).toBe('1 op · 0 bundles');
    await chooseStart('all');
    await page.waitForFunction(() =>
      /every item/.test(document.querySelector('#trigger-state')?.textContent ?? ''),
    );
    expect(await runOnce()).toBe('success');
    expect(await counts(2)).toBe(`1 op · ${all} bundles`);

    // Its export starts with the trigger, as the runner takes it, and imports again unchanged.
    const exported = await session.exportBlueprint();
    const app = await loadApp(APP_DIR);
    expect(triggerOf(app, buildScenario(app, exported.blueprint))?.kind).toBe('trigger');
    await page.setInputFiles('#blueprint-file', exported.file);
    await expectSteps(page, ['Watch Customers']);
    expect((await session.exportBlueprint()).blueprint).toEqual(exported.blueprint);
  });

  test('a date trigger also starts from now or from a date', async () => {
    await newScenario(page);
    await add('watchActivities');
    await editorShows(page, 1);
    await page.waitForSelector('#trigger-start');
    expect(
      await page
        .locator('#trigger-start input[name="trigger-epoch"]')
        .evaluateAll((n) => n.map((i: any) => i.value)), // eslint-disable-line @typescript-eslint/no-explicit-any
    ).toEqual(['all', 'now', 'since', 'item']);
    await page.check('#trigger-start input[name="trigger-epoch"][value="since"]');
    await page.fill('#trigger-since', '2100-01-01');
    await page.click('#trigger-epoch-apply');
    await page.waitForFunction(() =>
      /after 2100-01-01/.test(document.querySelector('#trigger-state')?.textContent ?? ''),
    );
    expect(await runOnce()).toBe('success');
    expect(await counts(1)).toBe('1 op · 0 bundles');
  });

  test('an instant trigger: adding it creates its hook and shows the URL; Run once waits for a delivery there', async () => {
    await newScenario(page);
    await add('watchMrrMovements');
    await editorShows(page, 1);
    await page.waitForFunction(() => /\/hooks\/\S+$/.test(document.querySelector('#hook-url')?.value ?? ''));
    const url = await page.inputValue('#hook-url');
    expect(await page.getAttribute(`${stepButton(1)} .step-trigger`, 'data-trigger')).toBe('instant_trigger');
    const key = await scenarioKey();
    const hooks = await page.evaluate(() => fetch('/api/hooks').then((r) => r.json()));
    expect(hooks).toEqual([expect.objectContaining({ url, scenarioKey: key, module: 'watchMrrMovements' })]);
    await screenshot(page, 'triggers-02-hook');

    await page.click('#scenario-run');
    await page.waitForSelector('#run-waiting');
    expect(await page.textContent('#run-status')).toBe('waiting');
    expect(await page.textContent('#run-waiting')).toContain(url);
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'mrr_movement', movement_type: 'new_biz', customer: { uuid: 'x' } }),
    });
    expect(answer.status).toBe(200);
    expect(await waitForRunEnd(page)).toBe('success');
    // The delivered item is the trigger's one bundle, one operation as Make counts it; its bubble says so.
    expect(await counts(1)).toBe('1 op · 1 bundle');
    expect(await page.textContent('.op-bubble[data-bubble-for="1"]')).toBe('1');
    // The same scenario keeps its hook: no second one.
    expect(await page.evaluate(() => fetch('/api/hooks').then((r) => r.json()))).toHaveLength(1);
  });

  test('the schedule is switched on and off in the page, and shows as set after a reload', async () => {
    const historyPath = path.join(session.tmp, 'history.db');
    await newScenario(page);
    await add('watchCustomers');
    await editorShows(page, 1);
    const key = await scenarioKey();
    await page.selectOption('#schedule-every', '1h');
    await page.check('#schedule-on');
    await page.waitForFunction(() =>
      /every 1 hour/i.test(document.querySelector('#schedule-status')?.textContent ?? ''),
    );
    expect(listSchedules({ historyPath })).toEqual([
      expect.objectContaining({ key, every: '1h', active: true }),
    ]);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#schedule-on')?.checked === true);
    expect(await page.inputValue('#schedule-every')).toBe('1h');
    await page.uncheck('#schedule-on');
    await page.waitForFunction(() =>
      /off/i.test(document.querySelector('#schedule-status')?.textContent ?? ''),
    );
    expect(listSchedules({ historyPath })).toEqual([]);
  });
});
