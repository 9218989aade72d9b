/**
 * The connection panel in Chromium: a key typed into the page switches the workbench to "ChartMogul"
 * (here a sandbox that accepts only that key, standing in for the real API), the key never comes
 * back into the page, and switching to the embedded sandbox works again.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { API_KEY, useBuilderSession } from './builder-session';

declare const document: { querySelector(s: string): { textContent: string | null } | null };

describe('connection panel in Chromium', () => {
  let page: Page;
  let startUrl: string;
  let remoteUrl: string;

  // Keys go to a sandbox of the session's own, which accepts API_KEY only; until one is entered, the
  // workbench has no key and uses the demo key, which that sandbox refuses. The test opens the page.
  useBuilderSession({ apiKey: null, open: false, prefix: 'workbench-conn-' }, (opened) => {
    ({ page, url: startUrl } = opened);
    remoteUrl = opened.sandbox!.url;
  });

  const statusMatches = (pattern: RegExp) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('#connection-label')?.textContent ?? ''),
      pattern.source,
    );

  test('a refused key shows as an error, an entered key connects, and the sandbox is one switch away', async () => {
    await page.goto(startUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await statusMatches(/^ChartMogul: InvalidAccessTokenError: /);

    await page.click('#connection-open');
    expect(await page.isChecked('#mode-key')).toBe(true);
    expect(await page.getAttribute('#api-key', 'type')).toBe('password');
    await page.fill('#api-key', API_KEY);
    await page.click('#connection-save');
    await statusMatches(/^ChartMogul: connected/);
    expect(await page.inputValue('#api-key')).toBe('');
    expect(await page.textContent('#connection-current')).toContain(remoteUrl);
    await screenshot(page, '07-connection-key');

    await page.check('#mode-sandbox');
    expect(await page.isHidden('#key-fields')).toBe(true);
    await page.click('#connection-save');
    await statusMatches(/^Sandbox: connected/);
    await page.keyboard.press('Escape');

    // Nothing the page received holds the key.
    expect(await page.content()).not.toContain(API_KEY);
  });
});
