/**
 * An RPC that fails, because the sandbox standing in for the service refuses the workbench's key,
 * says so next to its field, readably and without the key or a stack; once the key is right (entered
 * in the connection panel), the field's button asks again and shows what the RPC gives: a dynamic
 * select's options (this app's Create a Customer, Refresh) and nested fields (fixtures/shipping-app's
 * Print a Label, Reload fields).
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { API_KEY, editorShows, expectFormFields, SHIPPING_APP, useBuilderSession } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A key the sandbox does not accept, recognizable if it leaked anywhere. */
const REFUSED_KEY = 'refused-key-7Hq2-recognizable';

/** A failure message as the page should show it: readable, without the key or a stack frame. */
function expectReadableFailure(text: string, prefix: string): void {
  expect(text.startsWith(`${prefix} `)).toBe(true);
  expect(text).toMatch(/No valid API key/); // the service's own words
  expect(text).not.toContain(REFUSED_KEY);
  expect(text).not.toMatch(/\n\s*at |\.ts:\d|\.js:\d/);
  expect(text.length).toBeLessThan(300);
}

/**
 * Enters API_KEY, which the sandbox accepts, in the connection panel (generated from the app's
 * connection: ChartMogul's, or the fixture Shop's, each with an `apiKey`), and closes it once saved.
 */
async function enterGoodKey(page: Page): Promise<void> {
  await page.click('#connection-open');
  await page.check('#mode-key');
  await page.fill('#conn-param-apiKey', API_KEY);
  await page.click('#connection-save');
  // Saved: the dialog closes and the top bar tests the connection with the key, and says how that went
  // (the fixture app's connection check need not pass: only its RPCs are under test).
  await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
  await page.waitForFunction(() =>
    /^(ChartMogul|Shop): /.test(document.querySelector('#connection-label')?.textContent ?? ''),
  );
}

/** The texts that describe a control to assistive technology (its aria-describedby), joined. */
const description = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const ids = document.querySelector(sel).getAttribute('aria-describedby').split(/\s+/);
    return ids.map((id: string) => document.getElementById(id)?.textContent ?? '').join(' | ');
  }, selector);

/** Nothing the page received holds either key. */
async function expectNoKeyInPage(page: Page): Promise<void> {
  const content = await page.content();
  expect(content).not.toContain(REFUSED_KEY);
  expect(content).not.toContain(API_KEY);
}

describe('builder: a dynamic select whose RPC fails', () => {
  let page: Page;

  useBuilderSession({ apiKey: REFUSED_KEY, prefix: 'workbench-rpc-error-' }, (opened) => {
    page = opened.page;
  });

  const SELECT = '#f1-data_source_uuid';
  const STATUS = '[data-field="data_source_uuid"] .rpc-status';
  const statusText = async () => (await page.textContent(STATUS)) ?? '';

  test('the error shows next to the field, readable, with no key and no stack', async () => {
    await page.click('[data-module-id="createCustomer"]');
    await editorShows(page, 1);
    await page.waitForSelector(`${SELECT}[data-loaded="error"]`);
    const text = await statusText();
    expectReadableFailure(text, 'Could not load:');
    // Shown as an error, and read out with the select (not only seen next to it).
    expect(await page.getAttribute(STATUS, 'class')).toContain('error-text');
    expect(await description(page, SELECT)).toContain(text);
    // Only the empty choice: nothing to pick until the RPC answers.
    expect(await page.locator(`${SELECT} option`).count()).toBe(1);
    await screenshot(page, 'builder-21-rpc-error');
  });

  test('a saved connection asks again by itself, and Refresh asks again', async () => {
    await enterGoodKey(page);
    expect(await page.textContent('#connection-label')).toMatch(/^ChartMogul: connected/);
    // Answers belong to the connection they came through: the save forgot the refusal.
    await page.waitForSelector(`${SELECT}[data-loaded="true"]`);

    const asked = page.waitForRequest((r) => r.url().includes('/api/rpcs/'));
    await page.click('button[aria-label="Refresh Data Source"]');
    await asked;
    await page.waitForSelector(`${SELECT}[data-loaded="true"]`);
    const labels = await page.locator(`${SELECT} option:not([value=""])`).allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(await statusText()).toBe(`${labels.length} option(s)`);
    expect(await page.getAttribute(STATUS, 'class')).not.toContain('error-text');
    await page.selectOption(SELECT, { label: labels[0] });
    expect(await page.inputValue(SELECT)).toMatch(/^ds_/);
    await expectNoKeyInPage(page);
  });
});

describe('builder: nested fields whose RPC fails (fixture app)', () => {
  let page: Page;

  useBuilderSession(
    { appDir: SHIPPING_APP, ownSandbox: true, apiKey: REFUSED_KEY, prefix: 'workbench-rpc-error-nested-' },
    (opened) => {
      page = opened.page;
    },
  );

  const STATUS = '[data-nested-rpc="format"]';

  test('the error shows under the field; a saved connection shows the fields, and Reload fields asks again', async () => {
    await page.click('[data-module-id="labelParcel"]');
    await editorShows(page, 1);
    await page.selectOption('#f1-format', 'pdf');
    await page.waitForSelector(`${STATUS}[data-state="error"]`);
    const status = page.locator(`${STATUS} [role="status"]`);
    const text = (await status.textContent()) ?? '';
    expectReadableFailure(text, 'Could not load fields:');
    expect(await status.getAttribute('class')).toContain('error-text');
    expect(await description(page, '#f1-format')).toContain(text);
    await expectFormFields(page, ['format']);
    await screenshot(page, 'builder-22-rpc-nested-error');

    await enterGoodKey(page);
    // Answers belong to the connection they came through: the save forgot the refusal.
    await page.waitForSelector(`${STATUS}[data-state="loaded"]`);
    const asked = page.waitForRequest((r) => r.url().includes('/api/rpcs/'));
    await page.click('button[aria-label="Reload the fields of Format"]');
    await asked;
    await page.waitForSelector(`${STATUS}[data-state="loaded"]`);
    await expectFormFields(page, ['format', 'reference']);
    expect(await page.textContent('[data-field="reference"] label')).toBe('Shop reference');
    await expectNoKeyInPage(page);
  });
});
