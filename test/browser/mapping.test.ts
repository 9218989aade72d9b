/**
 * Mapping where you type (issue 21, findings 3 and 5): focusing a field opens a panel beside it with
 * every earlier module's outputs (nested fields and the items of arrays: `2.line_items[].…`) and
 * Make's functions by category; a pick goes in at the cursor. Every field, arrays and collections
 * included, can be switched to a mapped expression and back. IML is parsed as it is typed and an
 * error marks the field at its position; a date is what the runtime takes for a date; a step moved
 * above the one it maps from has its mapping marked. Each of these refuses the run, as the runner would.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  editorShows,
  expectSteps,
  newScenario,
  stepButton,
  useBuilderSession,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('mapping where you type, in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-mapping-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  const panelShown = () => page.waitForSelector('#mapping-panel', { state: 'visible' });
  const errorOf = (id: string) =>
    page
      .waitForFunction((sel) => document.querySelector(sel)?.textContent, `#${id}-error`)
      .then(() => page.textContent(`#${id}-error`));

  test('the panel opens beside the focused field with earlier outputs (nested, array items) and functions; a pick goes in at the cursor', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="listInvoices"]');
    await page.click('[data-module-id="updateCustomer"]');
    await expectSteps(page, ['List Customers', 'List Invoices', 'Update a Customer']);
    await page.click(stepButton(3));
    await editorShows(page, 3);
    await page.focus('#f3-company');
    await panelShown();
    const field = (await page.locator('#f3-company').boundingBox()) as Box;
    const panel = (await page.locator('#mapping-panel').boundingBox()) as Box;
    expect(overlaps(field, panel)).toBe(false); // beside the field, not over it
    expect(Math.abs(panel.y - field.y)).toBeLessThan(200); // near it

    for (const value of [
      '{{1.uuid}}',
      '{{1.address.city}}',
      '{{1.attributes.tags}}',
      '{{2.line_items}}',
      '{{2.line_items[].subscription_uuid}}',
      '{{2.transactions[].amount_in_cents}}',
    ])
      expect([value, await page.locator(`#mapping-panel [data-map-value="${value}"]`).count()]).toEqual([
        value,
        1,
      ]);
    // The third step maps from the first two only: not from itself.
    expect(await page.locator('#mapping-panel [data-map-value^="{{3."]').count()).toBe(0);
    const categories = await page.locator('#mapping-panel .function-category > summary').allTextContents();
    expect(categories).toEqual(['General', 'Math', 'Text and binary', 'Date and time', 'Array', 'JSON']);

    // At the cursor: between the words.
    await page.fill('#f3-company', 'Hello world');
    await page.evaluate(() => document.querySelector('#f3-company').setSelectionRange(6, 6));
    await page.click('#mapping-panel [data-map-value="{{1.name}}"]');
    expect(await page.inputValue('#f3-company')).toBe('Hello {{1.name}}world');

    // A function, then a value inside it: the value goes in as the function's argument.
    await page.fill('#f3-name', '');
    await page.focus('#f3-name');
    await page.click('#mapping-panel .function-category > summary:has-text("Text and binary")');
    await page.click('#mapping-panel [data-map-function="upper"]');
    expect(await page.inputValue('#f3-name')).toBe('{{upper()}}');
    await page.click('#mapping-panel [data-map-value="{{1.name}}"]');
    expect(await page.inputValue('#f3-name')).toBe('{{upper(1.name)}}');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f3-name');
    await screenshot(page, 'mapping-01-panel');

    // Escape closes it; the field keeps the focus.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#mapping-panel', { state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f3-name');
  });

  test('every field can be mapped and back, arrays and collections too: a tag added by mapping', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="createCustomer"]');
    await editorShows(page, 2);
    await page.click('#step-editor button:has-text("Show advanced settings")');
    await page.click('[data-map-toggle="tags"]');
    await page.waitForSelector('#f2-tags.mapped');
    await page.fill('#f2-tags', '{{add(1.attributes.tags; "vip")}}');
    await page.click('[data-map-toggle="custom"]');
    await page.fill('#f2-custom', '{{1.attributes.custom}}');
    let { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[1].mapper).toEqual(
      expect.objectContaining({
        tags: '{{add(1.attributes.tags; "vip")}}',
        custom: '{{1.attributes.custom}}',
      }),
    );
    // Back to the list: the expression goes, the list's own editor is back.
    await page.click('[data-map-toggle="tags"]');
    await page.waitForSelector('#f2-tags-add');
    ({ blueprint } = await session.exportBlueprint());
    expect(blueprint.flow[1].mapper.tags).toBeUndefined();
    expect(blueprint.flow[1].mapper.custom).toBe('{{1.attributes.custom}}');
  });

  test('IML is parsed as it is typed: an error marks the field at its position, and the run is refused', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="updateCustomer"]');
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.fill('#f2-company', '{{upper(1.name}}');
    expect(await errorOf('f2-company')).toMatch(/Unexpected '}}' \(at 1:15\)/);
    expect(await page.getAttribute('#f2-company', 'aria-invalid')).toBe('true');
    // The mark shows the text up to the error and what is wrong there.
    expect(await page.textContent('.field[data-field="company"] .iml-mark mark')).toBe('}');
    await page.waitForSelector(`${stepButton(2)} .step-invalid`);
    expect(await runAndWait(page)).toBe('refused');
    expect(await page.textContent('#run-error')).toMatch(/step 2: Company \(Unexpected/);
    await screenshot(page, 'mapping-02-iml-error');

    await page.fill('#f2-company', '{{upper(1.name)}}');
    await page.waitForFunction(() => document.querySelector('#f2-company-error')?.textContent === '');
    expect(await page.locator('.field[data-field="company"] .iml-mark').count()).toBe(0);
    // An unknown function is the runtime's error too.
    await page.fill('#f2-company', '{{nosuch(1.name)}}');
    expect(await errorOf('f2-company')).toMatch(/Unknown function 'nosuch'/);
    await page.fill('#f2-company', '');
  });

  test('a date is what the runtime takes for one: 2026-02-30 is refused, 1 (Unix seconds) is not', async () => {
    await newScenario(page);
    await page.click('[data-module-id="createCustomer"]');
    await editorShows(page, 1);
    await page.click('#step-editor button:has-text("Show advanced settings")');
    await page.click('[data-map-toggle="lead_created_at"]');
    await page.fill('#f1-lead_created_at', '2026-02-30');
    expect(await errorOf('f1-lead_created_at')).toMatch(/date/i);
    await page.fill('#f1-lead_created_at', '1');
    await page.waitForFunction(() => document.querySelector('#f1-lead_created_at-error')?.textContent === '');
    await page.fill('#f1-lead_created_at', '2026-02-28');
    await page.waitForFunction(() => document.querySelector('#f1-lead_created_at-error')?.textContent === '');
  });

  test('a step moved above the one it maps from has that mapping marked; moved back, the mark goes', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="getCustomer"]');
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.focus(stepButton(2));
    await page.keyboard.press('Alt+ArrowUp');
    await expectSteps(page, ['Get a Customer', 'List Customers']);
    await page.click(stepButton(2));
    await editorShows(page, 2);
    expect(await errorOf('f2-customer_uuid')).toMatch(/step 1.*not.*before/i);
    await page.waitForSelector(`${stepButton(2)} .step-invalid`);
    await screenshot(page, 'mapping-03-dangling');
    expect(await runAndWait(page)).toBe('refused');

    await page.focus(stepButton(2));
    await page.keyboard.press('Alt+ArrowDown');
    await expectSteps(page, ['List Customers', 'Get a Customer']);
    await page.waitForFunction(() => !document.querySelector('#steps li[data-step-id="2"] .step-invalid'));
  });
});
