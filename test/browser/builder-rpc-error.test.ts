/**
 * A dynamic select whose RPC fails (this app's Create a Customer, its data sources asked of a sandbox
 * that refuses the workbench's key) says so next to the field, readably and without the key or a
 * stack; once the key is right (entered in the connection panel), Refresh asks again and shows the
 * options.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { API_KEY, editorShows, useBuilderSession } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A key the sandbox does not accept, recognizable if it leaked anywhere. */
const REFUSED_KEY = 'refused-key-7Hq2-recognizable';

describe('builder: an RPC that fails', () => {
  let page: Page;

  useBuilderSession({ apiKey: REFUSED_KEY, prefix: 'workbench-rpc-error-' }, (opened) => {
    page = opened.page;
  });

  const SELECT = '#f1-data_source_uuid';
  const STATUS = '[data-field="data_source_uuid"] .rpc-status';
  const statusText = async () => (await page.textContent(STATUS)) ?? '';

  /** The texts that describe the select to assistive technology (its aria-describedby), joined. */
  const selectDescription = () =>
    page.evaluate((selector) => {
      const ids = document.querySelector(selector).getAttribute('aria-describedby').split(/\s+/);
      return ids.map((id: string) => document.getElementById(id)?.textContent ?? '').join(' | ');
    }, SELECT);

  test('the error shows next to the field, readable, with no key and no stack', async () => {
    await page.click('[data-module-id="createCustomer"]');
    await editorShows(page, 1);
    await page.waitForSelector(`${SELECT}[data-loaded="error"]`);
    const text = await statusText();
    expect(text).toMatch(/^Could not load: \S/);
    expect(text).not.toContain(REFUSED_KEY);
    expect(text).not.toMatch(/\n\s*at |\.ts:\d|\.js:\d/); // no stack frames
    expect(text.length).toBeLessThan(300);
    // Shown as an error, and read out with the select (not only seen next to it).
    expect(await page.getAttribute(STATUS, 'class')).toContain('error-text');
    expect(await selectDescription()).toContain(text);
    // Only the empty choice: nothing to pick until the RPC answers.
    expect(await page.locator(`${SELECT} option`).count()).toBe(1);
    await screenshot(page, 'builder-21-rpc-error');
  });

  test('Refresh asks again and shows the options once the RPC succeeds', async () => {
    await page.click('#connection-open');
    await page.check('#mode-key');
    await page.fill('#api-key', API_KEY);
    await page.click('#connection-save');
    await page.waitForFunction(() =>
      /^ChartMogul: connected/.test(document.querySelector('#connection-label')?.textContent ?? ''),
    );
    await page.keyboard.press('Escape');
    expect(await page.getAttribute(SELECT, 'data-loaded')).toBe('error'); // nothing asked by itself

    await page.click('button[aria-label="Refresh Data Source"]');
    await page.waitForSelector(`${SELECT}[data-loaded="true"]`);
    const labels = await page.locator(`${SELECT} option:not([value=""])`).allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(await statusText()).toBe(`${labels.length} option(s)`);
    expect(await page.getAttribute(STATUS, 'class')).not.toContain('error-text');
    await page.selectOption(SELECT, { label: labels[0] });
    expect(await page.inputValue(SELECT)).toMatch(/^ds_/);
    const content = await page.content();
    expect(content).not.toContain(REFUSED_KEY);
    expect(content).not.toContain(API_KEY);
  });
});
