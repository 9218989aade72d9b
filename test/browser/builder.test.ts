/**
 * The scenario builder in headless Chromium against a sandbox of our own (demo data): drag modules into
 * a scenario, fill the generated forms (a dynamic select loaded from the sandbox), map step 1 into
 * step 2, add a filter, run; export the blueprint and run it with the CLI to the same result; an
 * invalid field refuses the run with no request sent; the same flow by keyboard alone.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  API_KEY,
  APP_DIR,
  editorShows,
  expectSteps,
  flowShape,
  inspectorOutput,
  newScenario,
  useBuilderSession,
  waitForRunEnd,
  type Blueprint,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const run = promisify(execFile);

describe('scenario builder in Chromium', () => {
  let session: BuilderSession;
  let page: Page;
  let tmp: string;
  let sandboxUrl: string;

  const requestsSent = async (): Promise<number> => {
    const stats = (await (await fetch(`${sandboxUrl}/__sandbox/stats`)).json()) as {
      requests: Record<string, number>;
    };
    return Object.values(stats.requests).reduce((a, b) => a + b, 0);
  };

  const exportBlueprint = () => session.exportBlueprint();

  useBuilderSession({}, (opened) => {
    session = opened;
    ({ page, tmp } = session);
    sandboxUrl = session.sandbox!.url;
  });

  test('the palette groups the modules as groups.json does and filters them', async () => {
    const groups = await page.locator('#module-groups summary').allTextContents();
    const appGroups = JSON.parse(readFileSync(path.join(APP_DIR, 'connector', 'groups.json'), 'utf8')) as {
      modules: string[];
    }[];
    expect(groups[0]).toBe(`Customer (${appGroups[0].modules.length})`);
    expect(groups).toContain('Flow control (1)');
    await page.fill('#module-filter', 'delete a cus');
    expect(
      await page
        .locator('#module-groups [data-module-id]')
        .evaluateAll((b) => b.map((x) => (x as { dataset: { moduleId: string } }).dataset.moduleId)),
    ).toEqual(['deleteCustomer']);
    await page.fill('#module-filter', '');
  });

  let pageRun: { status: string; operations: string; counts: string[] };
  let exported: { file: string; blueprint: Blueprint };

  test('drag three modules in, fill the forms, map step 1 into step 2, add a filter, run', async () => {
    await newScenario(page);
    await page.dragAndDrop('[data-module-id="listCustomers"]', '#steps-area');
    await page.dragAndDrop('[data-module-id="getCustomer"]', '#steps li[data-step-id="1"] > .step-button');
    await page.dragAndDrop('[data-module-id="updateCustomer"]', '#steps li[data-step-id="2"] > .step-button');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);

    // Step 1: a number and the Data Source select, whose options come from the sandbox through the RPC.
    await page.click('#steps li[data-step-id="1"] > .step-button');
    await page.waitForSelector('#f1-data_source_uuid[data-loaded="true"]');
    const options = await page.locator('#f1-data_source_uuid option').allTextContents();
    expect(options).toContain('Demo Billing');
    await page.selectOption('#f1-data_source_uuid', { label: 'Demo Billing' });
    await page.fill('#f1-limit', '3');
    await screenshot(page, 'builder-01-form');

    // Step 2: the customer select switched to "map", filled from the mapping panel.
    await page.click('#steps li[data-step-id="2"] > .step-button');
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.focus('#f2-customer_uuid');
    await page.click('#mapping-panel [data-map-value="{{1.uuid}}"]');
    expect(await page.inputValue('#f2-customer_uuid')).toBe('{{1.uuid}}');
    await screenshot(page, 'builder-02-mapping');

    // Step 3: mapped customer, a typed value, and a filter on the link into it.
    await page.click('#steps li[data-step-id="3"] > .step-button');
    await editorShows(page, 3);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f3-customer_uuid', '{{2.uuid}}');
    await page.fill('#f3-company', 'Mapped by the workbench');
    await page.click('#filter-add');
    await page.fill('#filter-name', 'Not the first');
    await page.fill('#filter-0-0-a', '{{1.__IMTINDEX__}}');
    await page.selectOption('#filter-0-0-o', 'number:greater');
    await page.fill('#filter-0-0-b', '1');
    await page.selectOption('#handler-directive', 'Ignore');
    await screenshot(page, 'builder-03-filter');

    expect(await runAndWait(page)).toBe('success');
    const counts = await page.locator('#steps > li.step > .step-button .counts').allTextContents();
    expect(counts).toEqual(['1 op · 3 bundles', '3 ops · 3 bundles', '2 ops · 2 bundles']);
    await page.click('#steps li[data-step-id="3"] > .step-button');
    const output = await inspectorOutput(page, 3);
    expect(output.company).toBe('Mapped by the workbench');
    pageRun = { status: 'success', operations: (await page.textContent('#run-operations')) ?? '', counts };
    await screenshot(page, 'builder-04-run');
  });

  test('the exported blueprint is a Make blueprint the CLI runs to the same result, and it round-trips', async () => {
    exported = await exportBlueprint();
    const [one, two, three] = exported.blueprint.flow;
    expect(one.module).toBe('app#chartmogul:listCustomers');
    expect(one.mapper).toEqual({ limit: 3, data_source_uuid: expect.stringMatching(/^ds_/) });
    expect(two.mapper).toEqual({ customer_uuid: '{{1.uuid}}' });
    expect(three.filter).toEqual({
      name: 'Not the first',
      conditions: [[{ a: '{{1.__IMTINDEX__}}', o: 'number:greater', b: '1' }]],
    });
    expect(three.onerror).toEqual([expect.objectContaining({ module: 'builtin:Ignore' })]);
    expect(one.metadata.designer).toEqual({ x: 0, y: 0 });

    const { stdout } = await run(
      process.execPath,
      [
        path.join(APP_DIR, 'bin/chartmogul-connector.js'),
        'scenario',
        exported.file,
        '--json',
        '--base-url',
        sandboxUrl,
        '--api-key',
        API_KEY,
      ],
      { cwd: tmp, env: { ...process.env, HOME: tmp } },
    );
    const cli = JSON.parse(stdout);
    expect(cli.status).toBe(pageRun.status);
    expect(`${cli.operations} operations`).toBe(pageRun.operations);
    expect(cli.modules.map((m: { bundlesOut: number }) => m.bundlesOut)).toEqual([3, 3, 2]);

    await page.setInputFiles('#blueprint-file', exported.file);
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);
    const again = await exportBlueprint();
    expect(again.blueprint).toEqual(exported.blueprint);
  });

  test('an invalid field shows its error and the run is refused with no request sent', async () => {
    await page.click('#steps li[data-step-id="1"] > .step-button');
    await page.fill('#f1-limit', 'many');
    expect(await page.textContent('#f1-limit-error')).toBe('Must be a number');
    await page.fill('#f1-limit', '');
    expect(await page.textContent('#f1-limit-error')).toBe('Required');
    await page.keyboard.press('Escape'); // the mapping panel beside the field covers the canvas
    await page.click('#steps li[data-step-id="3"] > .step-button');
    await page.fill('#f3-country', 'USA');
    // The pattern is judged by the runtime (POST /api/check): the message comes with its answer.
    await page.waitForFunction(() =>
      /^Must match/.test(document.querySelector('#f3-country-error')?.textContent ?? ''),
    );
    await page.waitForSelector('#steps li[data-step-id="1"] .step-invalid');
    const before = await requestsSent();
    expect(await runAndWait(page)).toBe('refused');
    expect(await page.textContent('#run-error')).toMatch(/step 1: Limit \(Required\).*step 3: Country/);
    // The first step with errors is selected so its fields show.
    await page.waitForFunction(
      () => document.querySelector('#step-editor-title')?.textContent === '1. List Customers',
    );
    expect(await requestsSent()).toBe(before);
    await screenshot(page, 'builder-05-invalid');
  });

  test('the whole flow works by keyboard alone', async () => {
    const press = async (selector: string, key = 'Enter') => {
      await page.focus(selector);
      await page.keyboard.press(key);
    };
    await newScenario(page, 'keyboard');
    await expectSteps(page, []);
    // Enter on a palette item adds it after the selected step (and selects it).
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="updateCustomer"]');
    await press('[data-module-id="deleteCustomer"]');
    await press('#steps li[data-step-id="1"] > .step-button');
    await press('[data-module-id="getCustomer"]');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer', 'Delete a Customer']);
    // Alt+Up/Down reorder, Delete removes; the focus stays on the moved step.
    await press('#steps li[data-step-id="4"] > .step-button', 'Alt+ArrowDown');
    await expectSteps(page, ['List Customers', 'Update a Customer', 'Get a Customer', 'Delete a Customer']);
    await page.keyboard.press('Alt+ArrowUp');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer', 'Delete a Customer']);
    await press('#steps li[data-step-id="3"] > .step-button', 'Delete');
    await expectSteps(page, ['List Customers', 'Get a Customer', 'Update a Customer']);

    await press('#steps li[data-step-id="1"] > .step-button');
    await page.waitForSelector('#f1-data_source_uuid[data-loaded="true"]');
    await press('#f1-data_source_uuid', 'ArrowDown');
    await press('#f1-limit', 'Control+A');
    await page.keyboard.type('2');

    await press('#steps li[data-step-id="4"] > .step-button');
    await editorShows(page, 4);
    await press('[data-map-toggle="customer_uuid"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f4-customer_uuid');
    await press('#mapping-panel [data-map-value="{{1.uuid}}"]');
    expect(await page.inputValue('#f4-customer_uuid')).toBe('{{1.uuid}}');

    await press('#steps li[data-step-id="2"] > .step-button');
    await editorShows(page, 2);
    await press('[data-map-toggle="customer_uuid"]');
    await page.keyboard.type('{{4.uuid}}');
    await press('#f2-company');
    await page.keyboard.type('Keyboard Co');
    await press('#filter-add');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-name');
    await press('#filter-0-0-a');
    await page.keyboard.type('{{4.uuid}}');
    await press('#filter-0-0-b');
    await page.keyboard.type('{{1.uuid}}');
    await screenshot(page, 'builder-06-keyboard');

    await press('#scenario-run');
    expect(await waitForRunEnd(page)).toBe('success');
    expect(await page.locator('#steps > li.step > .step-button .counts').allTextContents()).toEqual([
      '1 op · 2 bundles',
      '2 ops · 2 bundles',
      '2 ops · 2 bundles',
    ]);
    await press('#steps li[data-step-id="2"] > .step-button');
    const output = await inspectorOutput(page, 2);
    expect(output.company).toBe('Keyboard Co');
    await screenshot(page, 'builder-07-keyboard-run');
  });

  test('routers with routes; steps reordered and removed by drag', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.dragAndDrop('[data-module-id="__router__"]', '#steps li[data-step-id="1"] > .step-button');
    await page.dragAndDrop('[data-module-id="getCustomer"]', '[data-route="2:0"]');
    await page.click('[data-route="2:1"]');
    await page.click('[data-module-id="listPlans"]'); // into the selected route
    await page.click('#steps li[data-step-id="2"] > .step-button');
    await page.click('#router-add-route');
    await page.dragAndDrop('[data-module-id="listDataSources"]', '[data-route="2:2"]');
    // Drag a step onto another: it moves after it (here, out of route 3 into the main flow after step 1).
    await page.click('[data-module-id="getPlan"]');
    // The whole canvas in view: a drag that scrolls it picks up what is under the pointer then.
    await page.click('#zoom-fit');
    await page.dragAndDrop(
      '#steps li[data-step-id="6"] > .step-button',
      '#steps li[data-step-id="1"] > .step-button',
    );
    await page.dragAndDrop('#steps li[data-step-id="4"] > .step-button', '#module-groups');
    await page.waitForFunction(() => !document.querySelector('#steps li[data-step-id="4"]'));
    await screenshot(page, 'builder-08-router');
    const { blueprint } = await exportBlueprint();
    expect(flowShape(blueprint.flow)).toEqual([
      'listCustomers',
      'getPlan',
      { 'builtin:BasicRouter': [['getCustomer'], [], ['listDataSources']] },
    ]);
  });

  test('forms: arrays of collections with add and remove, advanced fields behind a toggle, help and required markers', async () => {
    await newScenario(page);
    await page.click('[data-module-id="createCustomer"]');
    await page.waitForSelector('#f1-external_id');
    expect(await page.isVisible('#f1-tags')).toBe(false);
    expect(await page.textContent('.field[data-field="external_id"] label')).toBe('External ID *');
    await page.click('#step-editor button:has-text("Show advanced settings")');
    await page.click('#f1-custom-add');
    await page.click('#f1-custom-add');
    await page.selectOption('#f1-custom_0_type', 'Integer');
    await page.fill('#f1-custom_0_key', 'seats');
    await page.fill('#f1-custom_0_value', '12');
    // Each Type has its own Value field under the same name: switching the Type swaps the control
    // and drops the value typed for the other one.
    await page.selectOption('#f1-custom_1_type', 'Integer');
    await page.fill('#f1-custom_1_value', '5');
    await page.selectOption('#f1-custom_1_type', 'Boolean');
    await page.waitForFunction(() => document.querySelector('#f1-custom_1_value')?.tagName === 'SELECT');
    expect(await page.inputValue('#f1-custom_1_value')).toBe('');
    await page.click('[aria-label="Remove item 2 of Custom"]');
    await page.click('#f1-tags-add');
    await page.fill('#f1-tags_0', 'vip');
    await page.selectOption('#handler-directive', 'Break');
    await page.fill('#handler-count', '5');
    await screenshot(page, 'builder-09-form-types');
    const { blueprint } = await exportBlueprint();
    expect(blueprint.flow[0].onerror).toEqual([
      expect.objectContaining({ module: 'builtin:Break', mapper: { retry: true, count: 5, interval: 15 } }),
    ]);
    // The Integer type opens its own number Value field (createCustomer's custom attributes): a number.
    expect(blueprint.flow[0].mapper).toEqual(
      expect.objectContaining({ tags: ['vip'], custom: [{ type: 'Integer', key: 'seats', value: 12 }] }),
    );
  });

  test('every example blueprint round-trips through import, selecting each step and export unchanged', async () => {
    const dir = path.join(APP_DIR, 'examples', 'scenarios');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const original = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      await page.setInputFiles('#blueprint-file', path.join(dir, file));
      await page.waitForFunction(
        (name) => document.querySelector('#scenario-name')?.value === name,
        original.name,
      );
      const ids = await page
        .locator('#steps li.step')
        .evaluateAll((items) => items.map((li) => (li as { dataset: { stepId: string } }).dataset.stepId));
      for (const id of ids) {
        await page.click(`#steps li[data-step-id="${id}"] > .step-button`);
        await page.waitForFunction(
          (want) => document.querySelector('#step-editor-title')?.textContent?.startsWith(`${want}.`),
          id,
        );
      }
      const { blueprint } = await exportBlueprint();
      expect(blueprint).toEqual(original);
    }
  });
});
