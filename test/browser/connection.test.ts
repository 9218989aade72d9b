/**
 * The connection panel in Chromium: a key typed into the page switches the workbench to "ChartMogul"
 * (here a sandbox that accepts only that key, standing in for the real API), the key never comes
 * back into the page, switching to the embedded sandbox works again, Save closes the dialog, Test
 * tries the form's connection without saving it, and a late answer about an old connection is dropped.
 */
import type { Page, Route } from 'playwright-core';
import { screenshot } from './browser';
import { API_KEY, useBuilderSession } from './builder-session';

declare const document: { querySelector(s: string): { textContent: string | null } | null };
declare const requestAnimationFrame: (callback: () => void) => void;

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

  const saveMode = async (mode: 'sandbox' | 'key', key?: string) => {
    await page.click('#connection-open');
    await page.check(mode === 'sandbox' ? '#mode-sandbox' : '#mode-key');
    if (key) await page.fill('#conn-param-apiKey', key);
    await page.click('#connection-save');
    // Saved: the dialog closes and the top bar tests the new connection.
    await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
  };

  test('a refused key shows as an error, an entered key connects, and the sandbox is one switch away', async () => {
    await page.goto(startUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await statusMatches(/^ChartMogul: InvalidAccessTokenError: /);

    await page.click('#connection-open');
    expect(await page.isChecked('#mode-key')).toBe(true);
    expect(await page.getAttribute('#conn-param-apiKey', 'type')).toBe('password');
    await page.fill('#conn-param-apiKey', API_KEY);
    await page.click('#connection-save');
    await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
    await statusMatches(/^ChartMogul: connected/);
    expect(await page.inputValue('#conn-param-apiKey')).toBe('');
    expect(await page.textContent('#connection-current')).toContain(remoteUrl);
    await screenshot(page, '07-connection-key');

    await page.click('#connection-open');
    await page.check('#mode-sandbox');
    expect(await page.isHidden('#key-fields')).toBe(true);
    await page.click('#connection-save');
    await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
    await statusMatches(/^Sandbox: connected/);

    // Nothing the page received holds the key.
    expect(await page.content()).not.toContain(API_KEY);
  });

  test('Test tries the connection the form holds without saving it; the top bar keeps the saved one', async () => {
    const result = (pattern: RegExp) =>
      page.waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('#connection-result')?.textContent ?? ''),
        pattern.source,
      );
    const before = await page.textContent('#connection-label');
    await page.click('#connection-open');
    expect(await page.isHidden('#connection-unsaved')).toBe(true);
    await page.check('#mode-key');
    await page.fill('#conn-param-apiKey', 'a-key-not-saved');
    expect(await page.isVisible('#connection-unsaved')).toBe(true);
    await page.click('#connection-test');
    await result(/^Not saved: ChartMogul: InvalidAccessTokenError: /);
    await page.fill('#conn-param-apiKey', API_KEY);
    await page.click('#connection-test');
    await result(/^Not saved: ChartMogul: connected/);
    expect(await page.textContent('#connection-label')).toBe(before);
    // With the form back on the saved connection, Test tests the saved one again.
    await page.check('#mode-sandbox');
    await page.click('#connection-test');
    await result(/^Saved connection: Sandbox: connected/);
    await page.keyboard.press('Escape');
    expect(await page.content()).not.toContain('a-key-not-saved');
  });

  test('a late answer about the connection before a Save never replaces the current one', async () => {
    await saveMode('key', API_KEY);
    await statusMatches(/^ChartMogul: connected/);
    expect(await page.getAttribute('#connection-dot', 'class')).toBe('dot ok');

    // While a test is on its way the dot is neither green nor red.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow = async (route: Route) => {
      const response = await route.fetch();
      await answered;
      await route.fulfill({ response });
    };
    await page.route('**/api/connection/test', slow);
    await page.click('#connection-open');
    await page.click('#connection-test');
    await statusMatches(/^Testing connection…$/);
    expect(await page.getAttribute('#connection-dot', 'class')).toBe('dot');
    answer();
    await statusMatches(/^ChartMogul: connected/);
    await page.unroute('**/api/connection/test', slow);
    await page.keyboard.press('Escape');

    // The page's first test after a reload is answered (about the key) but held back until the
    // connection has been switched to the sandbox, as an unreachable host answers after its timeout.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const hold = async (route: Route) => {
      if (!first) return route.continue();
      first = false;
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    };
    await page.route('**/api/connection/test', hold);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await saveMode('sandbox');
    await statusMatches(/^Sandbox: connected/);

    const delivered = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/connection/test'));
    release();
    await delivered;
    // Two frames: the page has read the late answer by then.
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await page.textContent('#connection-label')).toMatch(/^Sandbox: connected/);
    await page.unroute('**/api/connection/test', hold);
  });
});
