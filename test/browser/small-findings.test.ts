/**
 * The smaller findings of issue 21 (finding 7): a filter says how many bundles passed it after a run,
 * in its settings as on its link; a scenario is named in the page and exported with that name; Make an
 * API Call's Body is a multi-line editor; the inspector shows a search's input once per operation, not
 * once per output bundle; from the palette to a new step's first field is one key, not dozens of Tabs.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  editorShows,
  newScenario,
  stepButton,
  useBuilderSession,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the smaller findings in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-small-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  test('a filter says in its settings how many bundles passed it in the last run', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.fill('#f1-limit', '3');
    await page.click('[data-module-id="getCustomer"]');
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.click('#filter-add');
    await page.fill('#filter-0-0-a', '{{1.__IMTINDEX__}}');
    await page.selectOption('#filter-0-0-o', 'number:lessorequal');
    await page.fill('#filter-0-0-b', '1');
    expect(await page.textContent('#filter-passed')).toBe('Run the scenario to see how many bundles pass.');
    expect(await runAndWait(page)).toBe('success');
    await page.click(stepButton(2));
    await editorShows(page, 2);
    expect(await page.textContent('#filter-passed')).toBe('In the last run, 1 of 3 bundles passed.');
  });

  test('the scenario is named in the page, and the export carries the name', async () => {
    await page.fill('#scenario-name', 'Renamed in the page');
    const { blueprint, file } = await session.exportBlueprint();
    expect(blueprint.name).toBe('Renamed in the page');
    expect(file).toBeTruthy();
  });

  test("Make an API Call's Body is a multi-line editor; its lines are kept", async () => {
    await newScenario(page);
    await page.click('[data-module-id="makeApiCall"]');
    await editorShows(page, 1);
    expect(await page.evaluate(() => document.querySelector('#f1-body')?.tagName)).toBe('TEXTAREA');
    const body = '{\n  "tags": ["vip"]\n}';
    await page.fill('#f1-body', body);
    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[0].mapper.body).toBe(body);
    await screenshot(page, 'small-01-body');
  });

  test("the inspector shows a search's input once for its operation, then its output bundles", async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.fill('#f1-limit', '3');
    expect(await runAndWait(page)).toBe('success');
    await page.click(stepButton(1));
    await page.waitForSelector('#inspector .operation');
    expect(await page.locator('#inspector .operation').count()).toBe(1);
    expect(await page.locator('#inspector .bundle-input').count()).toBe(1);
    expect(await page.locator('#inspector .bundle-output').count()).toBe(3);
    expect(await page.textContent('#inspector .operation > summary')).toBe(
      'Operation 1: 1 input, 3 output bundles',
    );
    await screenshot(page, 'small-02-inspector');
  });

  test("from the palette to a new step's first field: Enter, then F2 — no Tab", async () => {
    await newScenario(page);
    await page.focus('[data-module-id="createCustomer"]');
    let keys = 0;
    const press = async (key: string) => {
      keys++;
      await page.keyboard.press(key);
    };
    await press('Enter');
    await press('F2');
    await page.waitForFunction(() => document.activeElement?.id === 'f1-data_source_uuid');
    expect(keys).toBe(2);
  });
});
