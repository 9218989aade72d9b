/**
 * What the page says about a run agrees with the runner's module summaries: a router that every route
 * filtered out still ran, a Break handler that stored incomplete executions ran, and the step list
 * and inspector say the same. A run opened from the history shows in the Scenario tab as the scenario it
 * ran, with the same step labels as the imported blueprint. A refusal lists only what is still to fix, by label, and
 * problems the runner would refuse the blueprint for show on their step before anything runs.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  editorShows,
  newScenario,
  stepButton,
  stepTitles,
  useBuilderSession,
  type BlueprintNode,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const app = (id: string, extra: BlueprintNode = {}): BlueprintNode => ({
  module: `app#chartmogul:${id}`,
  version: 1,
  parameters: { __IMTCONN__: 1 },
  ...extra,
});
const nobody = { name: 'nobody', conditions: [[{ a: '{{1.uuid}}', o: 'text:equal', b: 'no-such-uuid' }]] };
const getCustomer = (id: number) =>
  app('getCustomer', { id, mapper: { customer_uuid: '{{1.uuid}}' }, filter: nobody });
const ALL_FILTERED = {
  name: 'Every route filtered',
  flow: [
    app('listCustomers', { id: 1, mapper: { limit: 3 } }),
    {
      id: 2,
      module: 'builtin:BasicRouter',
      version: 1,
      mapper: null,
      routes: [{ flow: [getCustomer(3)] }, { flow: [getCustomer(4)] }],
    },
  ],
};
const BREAK = {
  name: 'Break stores',
  flow: [
    app('listCustomers', { id: 1, mapper: { limit: 2 } }),
    app('getCustomer', {
      id: 2,
      mapper: { customer_uuid: '{{1.uuid}}x' },
      onerror: [
        { id: 3, module: 'builtin:Break', version: 1, mapper: { retry: true, count: 2, interval: 1 } },
      ],
    }),
  ],
};

describe('run status in Chromium', () => {
  let page: Page;

  useBuilderSession({ prefix: 'workbench-status-' }, (opened) => {
    page = opened.page;
  });

  const paste = async (blueprint: unknown) => {
    await page.click('#blueprint-paste');
    await page.fill('#paste-text', JSON.stringify(blueprint));
    await page.click('#paste-import');
    await page.waitForSelector('#paste-dialog:not([open])', { state: 'attached' });
  };
  const stateOf = async (id: number) => ({
    data: await page.getAttribute(`#steps li[data-step-id="${id}"]`, 'data-state'),
    text: await page.textContent(`${stepButton(id)} .step-state .state`),
  });
  const inspect = async (id: number) => {
    await page.click(stepButton(id));
    await page.waitForFunction(
      (want) => document.querySelector('#inspector-step')?.textContent?.startsWith(`${want}.`),
      String(id),
    );
  };

  test('a router whose routes filtered out every bundle ran: step list and inspector agree', async () => {
    await paste(ALL_FILTERED);
    expect(await runAndWait(page)).toBe('success');
    expect(await stateOf(2)).toEqual({ data: 'done', text: 'done' });
    expect(await stateOf(3)).toEqual({ data: 'idle', text: 'not run' });
    await inspect(2);
    expect(await page.textContent('#inspector-note')).toBe(
      '3 bundles reached it and were offered to its routes.',
    );
    // The filter on the link into step 3 says its label and that none of the 3 bundles passed it.
    expect(await page.textContent('.link-filter[data-filter-of="3"] .filter-label')).toBe('nobody');
    expect(await page.textContent('.link-filter[data-filter-of="3"] .pass-count')).toBe('0 of 3 passed');
    await inspect(3);
    expect(await page.textContent('#inspector .empty')).toBe('This step did not run.');
  });

  test('a Break handler that stored incomplete executions ran', async () => {
    await paste(BREAK);
    expect(await runAndWait(page)).toBe('warning');
    await page.waitForSelector('#run-incomplete');
    expect(await stateOf(2)).toEqual({ data: 'error', text: 'error' });
    expect(await stateOf(3)).toEqual({ data: 'done', text: 'done' });
    await inspect(3);
    expect(await page.textContent('#inspector-note')).toBe(
      'Handled 2 errors of step 2; the run stored 2 incomplete executions.',
    );
    // The settings name the directive as the step list does.
    expect(await page.textContent('#step-editor-title')).toBe('3. Break');
    await screenshot(page, 'status-01-break');
  });

  test('a run opened from the history shows in the Scenario tab, its steps labelled as when imported', async () => {
    await paste(ALL_FILTERED);
    const imported = await stepTitles(page);
    expect(imported).toEqual(['List Customers', 'Router']);
    await newScenario(page);
    await page.click('[data-run-module-id="listCustomers"]'); // to the Module tab
    expect(await page.isVisible('#module-runner')).toBe(true);
    await page.click('#history-refresh');
    await page.locator('#history-list li button', { hasText: 'Every route filtered' }).first().click();
    await page.waitForFunction(() =>
      /copy of run/i.test(document.querySelector('#scenario-origin')?.textContent),
    );
    expect(await page.isVisible('#scenario')).toBe(true);
    expect(await page.getAttribute('#tab-scenario', 'aria-selected')).toBe('true');
    // The whole scenario the run ran: the router and the steps of its routes, where they were.
    const titles = await page.locator('#steps li.step .step-title').allTextContents();
    expect(titles).toEqual(['List Customers', 'Router', 'Get a Customer', 'Get a Customer']);
    expect(await stateOf(2)).toEqual({ data: 'done', text: 'done' });
    await inspect(2);
    expect(await page.textContent('#inspector-note')).toBe(
      '3 bundles reached it and were offered to its routes.',
    );
  });

  test('a refusal names fields by label and drops each one fixed; a step the runner would refuse says so at once', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="getCustomer"]');
    expect(await runAndWait(page)).toBe('refused');
    expect(await page.textContent('#run-error')).toBe('Invalid fields: step 2: Customer (Required)');
    expect(await stateOf(1)).toEqual({ data: 'idle', text: 'ready' }); // nothing was sent
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.waitForSelector('#run-ready');
    expect(await page.isHidden('#run-error')).toBe(true);

    // Pasted: an unknown module, and a module after a router; both shown on their steps before Run.
    await paste({
      name: 'Refused by the runner',
      flow: [
        app('listCustomers', { id: 1, mapper: { limit: 1 } }),
        app('noSuchModule', { id: 2 }),
        { id: 3, module: 'builtin:BasicRouter', version: 1, mapper: null, routes: [{ flow: [] }] },
        app('listPlans', { id: 4, mapper: { limit: 1 } }),
      ],
    });
    await page.waitForSelector(`#steps li[data-step-id="4"] .step-invalid`);
    expect(await page.textContent('#steps li[data-step-id="3"] .counts')).toBe('1 route');
    expect(await stateOf(2)).toEqual({ data: 'idle', text: 'not ready' });
    expect(await page.textContent('#steps li[data-step-id="2"] .step-invalid')).toBe(
      'Unknown module "app#chartmogul:noSuchModule": this app has no such module',
    );
    expect(await page.textContent('#steps li[data-step-id="4"] .step-invalid')).toMatch(
      /^Follows the Router \(step 3\) and would never run/,
    );
    expect(await runAndWait(page)).toBe('refused');
    expect(await page.textContent('#run-error')).toMatch(
      /^Cannot run: step 2: Unknown module .*; step 4: Follows/,
    );
    await screenshot(page, 'status-02-refused-blueprint');
  });
});
