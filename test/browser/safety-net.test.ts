/**
 * The safety net (issue 21, finding 1): work is never lost without a word. The scenario is saved by
 * the server under its scenario key as it is edited, and comes back after a reload, on another port
 * and after a restart; every edit can be undone and redone; nothing replaces a scenario whose last
 * edits the server has not confirmed without asking first; a History run opens as the whole scenario
 * (routes and error handlers kept), as a copy that can be edited and run again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../../runtime/index';
import { screenshot } from './browser';
import {
  API_KEY,
  APP_DIR,
  editorShows,
  expectSteps,
  flowShape,
  stepButton,
  useBuilderSession,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLES = path.join(APP_DIR, 'examples', 'scenarios');
const example = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));

describe('the safety net in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-safety-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  const saved = () =>
    page.waitForSelector('#save-status[data-state="saved"]', { state: 'attached', timeout: 10000 });
  const nameIs = (name: string) =>
    page.waitForFunction((want) => document.querySelector('#scenario-name')?.value === want, name);
  const limitOfStep1 = async () => {
    await page.click(stepButton(1));
    await editorShows(page, 1);
    return page.inputValue('#f1-limit');
  };

  /** Another workbench on the same run history: another port, as after a restart. */
  async function openOtherServer() {
    return startServer({
      port: 0,
      appDir: APP_DIR,
      connection: { apiKey: API_KEY },
      target: session.sandbox!.url,
      sandboxDbPath: path.join(session.tmp, 'sandbox.db'),
      historyPath: path.join(session.tmp, 'history.db'),
    });
  }

  test('a scenario built in the page survives a reload, another port and a restart', async () => {
    await page.click('#blueprint-new');
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="getCustomer"]');
    await page.fill('#scenario-name', 'Kept across restarts');
    expect(await limitOfStep1()).toBe('10');
    await page.fill('#f1-limit', '4');
    await saved();
    await screenshot(page, 'safety-01-saved');

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await nameIs('Kept across restarts');
    expect(await limitOfStep1()).toBe('4');

    // Another server on another port with the same history: the page finds the scenario there, although
    // that origin's browser storage is empty. Then that server stops and a new one starts: still there.
    for (let i = 0; i < 2; i++) {
      const other = await openOtherServer();
      try {
        await page.goto(other.url);
        await page.waitForSelector('body[data-ready="true"]');
        expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
        await expectSteps(page, ['List Customers', 'Get a Customer']);
        await nameIs('Kept across restarts');
        expect(await limitOfStep1()).toBe('4');
      } finally {
        await other.close();
      }
    }
    await page.goto(session.url);
    await page.waitForSelector('body[data-ready="true"]');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
  });

  test('every edit can be undone and redone, with the keys and the buttons', async () => {
    await page.click('#blueprint-new');
    expect(await page.isDisabled('#undo')).toBe(true);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="getCustomer"]');
    await page.click('[data-module-id="updateCustomer"]');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);

    await page.keyboard.press('Control+z');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await page.click('#undo');
    await expectSteps(page, ['List Customers']);
    await page.keyboard.press('Control+Shift+z');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await page.click('#redo');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);
    expect(await page.isDisabled('#redo')).toBe(true);

    // Typing into a field is one edit, undone with the focus still in the field.
    expect(await limitOfStep1()).toBe('10');
    await page.fill('#f1-limit', '');
    await page.type('#f1-limit', '25');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('#f1-limit')?.value === '10');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelector('#f1-limit')?.value === '25');

    // A move, a removal and a filter: each one edit.
    await page.focus(stepButton(2));
    await page.keyboard.press('Alt+ArrowDown');
    await expectSteps(page, ['List Customers', 'Update a Customer', 'Get a Customer']);
    await page.keyboard.press('Control+z');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);
    await page.focus(stepButton(3));
    await page.keyboard.press('Delete');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await page.keyboard.press('Control+z');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);

    await page.click(stepButton(2));
    await editorShows(page, 2);
    await page.click('#filter-add');
    await page.fill('#filter-name', 'Only some');
    await page.keyboard.press('Control+z'); // the label
    await page.waitForFunction(() => document.querySelector('#filter-name')?.value === '');
    await page.keyboard.press('Control+z'); // the filter
    await page.waitForSelector('#filter-add');
    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[1].filter).toBeUndefined();
    expect(blueprint.flow[0].mapper.limit).toBe(25);
    await screenshot(page, 'safety-02-undo');
  });

  test('nothing replaces a scenario with unsaved edits without asking', async () => {
    await page.click('#blueprint-new');
    await page.click('[data-module-id="listCustomers"]');
    await page.fill('#scenario-name', 'Not lost');
    await saved();
    // The server stops taking saves: the page says so, and asks before anything replaces the scenario.
    await page.route('**/api/scenarios/*', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: '{"error":{"message":"down"}}',
          })
        : route.continue(),
    );
    await page.click('[data-module-id="getCustomer"]');
    await page.waitForSelector('#save-status[data-state="error"]', { state: 'attached' });
    expect(await page.textContent('#save-status')).toMatch(/not saved/i);
    const unloadRefused = await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(unloadRefused).toBe(true);

    const asks = async (action: () => Promise<void>) => {
      await action();
      await page.waitForSelector('#confirm-dialog[open]');
      expect(await page.textContent('#confirm-message')).toMatch(/not saved/i);
      await page.click('#confirm-cancel');
      await expectSteps(page, ['List Customers', 'Get a Customer']);
    };
    await asks(() => page.click('#blueprint-new'));
    await asks(() => page.setInputFiles('#blueprint-file', path.join(EXAMPLES, 'mrr-report.json')));
    await asks(async () => {
      await page.click('#blueprint-paste');
      await page.fill('#paste-text', JSON.stringify(example('mrr-report.json')));
      await page.click('#paste-import');
    });
    await screenshot(page, 'safety-03-confirm');

    // Saves work again: the edits reach the server, and New no longer asks.
    await page.unroute('**/api/scenarios/*');
    await saved();
    await page.click('#blueprint-new');
    await expectSteps(page, []);
    expect(await page.isVisible('#confirm-dialog')).toBe(false);
    // The scenario left behind is in the list of saved scenarios, whole.
    await page.locator('#scenario-list button', { hasText: 'Not lost' }).first().click();
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await nameIs('Not lost');
  });

  test('a History run opens as the whole scenario, editable as a copy and runnable', async () => {
    const routed = example('route-customers-by-status.json');
    const breaking = example('cancel-weekly-subscriptions.json');
    for (const file of ['route-customers-by-status.json', 'cancel-weekly-subscriptions.json']) {
      await page.setInputFiles('#blueprint-file', path.join(EXAMPLES, file));
      await nameIs(example(file).name);
      expect(await runAndWait(page)).toMatch(/^(success|warning)$/);
    }
    await page.click('#blueprint-new');
    await page.click('#history-refresh');

    await page.locator('#history-list button', { hasText: routed.name }).first().click();
    await nameIs(routed.name);
    // Routes and their steps are there, with the run's results on them.
    expect(await page.locator('#steps li.step').count()).toBe(5);
    expect(await page.getAttribute('#steps li[data-step-id="1"]', 'data-state')).toBe('done');
    expect(await page.textContent('#scenario-origin')).toMatch(/copy of run/i);
    expect(await page.isEnabled('#scenario-run')).toBe(true);
    const exported = await session.exportBlueprint();
    expect(exported.blueprint.flow).toEqual(routed.flow);

    await page.locator('#history-list button', { hasText: breaking.name }).first().click();
    await nameIs(breaking.name);
    // The Break handler is there, inside step 4's error handler route.
    await page.waitForSelector('#steps li[data-step-id="4"] li[data-step-id="5"]', { state: 'attached' });
    expect(flowShape((await session.exportBlueprint()).blueprint.flow)).toEqual(flowShape(breaking.flow));

    // Edited, it is a scenario of its own (the imported one stays as it was), and it runs.
    await page.fill('#scenario-name', 'Edited copy');
    await saved();
    await page.locator('#scenario-list button', { hasText: 'Edited copy' }).first().waitFor();
    expect(await page.locator('#scenario-list button', { hasText: breaking.name }).count()).toBeGreaterThan(
      0,
    );
    expect(await runAndWait(page)).toMatch(/^(success|warning)$/);
    await screenshot(page, 'safety-04-history-copy');
  });
});
