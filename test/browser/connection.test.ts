/**
 * The connection panel in Chromium: a key typed into the page switches the workbench to "ChartMogul"
 * (here a sandbox that accepts only that key, standing in for the real API), the key never comes
 * back into the page, and switching to the embedded sandbox works again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox, startServer } from '../../runtime/index';
import { launchBrowser, screenshot, type Browser } from './browser';

declare const document: { querySelector(s: string): { textContent: string | null } | null };

const APP_DIR = path.resolve(__dirname, '../..');
const KEY = 'browser-test-key-5Xq8-recognizable';

describe('connection panel in Chromium', () => {
  let remote: Awaited<ReturnType<typeof startSandbox>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let tmp: string;

  const statusMatches = (pattern: RegExp) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('#connection-label')?.textContent ?? ''),
      pattern.source,
    );

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-conn-'));
    remote = await startSandbox({ port: 0, seed: 'demo', apiKeys: [KEY], limits: false });
    // Keys go to `remote`; until one is entered, the demo key, which `remote` refuses.
    server = await startServer({
      port: 0,
      appDir: APP_DIR,
      target: remote.url,
      sandboxDbPath: path.join(tmp, 'sandbox.db'),
      historyPath: path.join(tmp, 'history.db'),
    });
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await remote?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('a refused key shows as an error, an entered key connects, and the sandbox is one switch away', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await statusMatches(/^ChartMogul: InvalidAccessTokenError: /);

    await page.click('#connection-open');
    expect(await page.isChecked('#mode-key')).toBe(true);
    expect(await page.getAttribute('#api-key', 'type')).toBe('password');
    await page.fill('#api-key', KEY);
    await page.click('#connection-save');
    await statusMatches(/^ChartMogul: connected/);
    expect(await page.inputValue('#api-key')).toBe('');
    expect(await page.textContent('#connection-current')).toContain(remote.url);
    await screenshot(page, '07-connection-key');

    await page.check('#mode-sandbox');
    expect(await page.isHidden('#key-fields')).toBe(true);
    await page.click('#connection-save');
    await statusMatches(/^Sandbox: connected/);
    await page.keyboard.press('Escape');

    // Nothing the page received holds the key.
    expect(await page.content()).not.toContain(KEY);
  });
});
