/**
 * The page fits narrow windows (no sideways scrolling down to 800 px, the top bar across the whole
 * width, the step settings inside the window), and the Module tab starts from the parameters'
 * defaults and shows a dry run's requests as the commands they are.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { APP_DIR, editorShows, stepButton, useBuilderSession, runAndWait } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: { innerWidth: number };

describe('layout and the Module tab in Chromium', () => {
  let page: Page;

  useBuilderSession({ prefix: 'workbench-layout-' }, (opened) => {
    page = opened.page;
  });

  test.each([1024, 800])(
    'at %i px wide nothing scrolls sideways and the step settings fit',
    async (width) => {
      await page.setViewportSize({ width, height: 800 });
      const file = path.join(APP_DIR, 'examples', 'scenarios', 'mrr-report.json');
      await page.setInputFiles('#blueprint-file', file);
      const name = JSON.parse(readFileSync(file, 'utf8')).name;
      await page.waitForFunction((want) => document.querySelector('#scenario-name')?.value === want, name);
      expect(await runAndWait(page)).toBe('success');
      await page.click(stepButton(1));
      await editorShows(page, 1);
      const sizes = await page.evaluate(() => ({
        inner: window.innerWidth,
        scroll: document.documentElement.scrollWidth,
        topbar: document.querySelector('.topbar').getBoundingClientRect().width,
        editorRight: document.querySelector('#step-editor').getBoundingClientRect().right,
        inspectorRight: document.querySelector('#inspector').getBoundingClientRect().right,
        // The module list wraps long names instead of scrolling sideways under its Run buttons.
        modulesOverflow: [...document.querySelectorAll('.module-groups')].some(
          (list: { scrollWidth: number; clientWidth: number }) => list.scrollWidth > list.clientWidth,
        ),
      }));
      expect(sizes.modulesOverflow).toBe(false);
      expect(sizes.scroll).toBeLessThanOrEqual(sizes.inner);
      expect(sizes.topbar).toBe(sizes.inner);
      expect(sizes.editorRight).toBeLessThanOrEqual(sizes.inner);
      expect(sizes.inspectorRight).toBeLessThanOrEqual(sizes.inner);
      await screenshot(page, `layout-${width}`);
    },
  );

  test("the Module tab starts from the parameters' defaults; a dry run's requests read as commands", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click('[data-run-module-id="listCustomers"]');
    await page.waitForSelector('#module-form:not([hidden])');
    expect(JSON.parse(await page.inputValue('#module-params'))).toEqual({ limit: 10 });
    await page.check('#module-dry-run');
    await page.click('#module-run');
    await page.waitForSelector('#module-result pre.request');
    const request = (await page.textContent('#module-result pre.request')) ?? '';
    expect(request).toMatch(/^curl /);
    expect(request).toContain('/v1/customers');
  });
});
