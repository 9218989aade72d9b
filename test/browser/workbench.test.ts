/**
 * The workbench in headless Chromium, end to end against the embedded sandbox (demo data): open the
 * printed URL, run a module, import and run every example blueprint with live step status and the
 * outputs in the bundle inspector, break a blueprint and see the error on its step, export, history.
 * Screenshots of each state go to test-artifacts/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { APP_DIR, useBuilderSession } from './builder-session';

// Functions passed to page.evaluate/waitForFunction run in the page; only there does `document` exist.
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLES_DIR = path.join(APP_DIR, 'examples', 'scenarios');
const FINISHED = ['success', 'warning', 'error'];

type Node = { id: number | string; module: string; routes?: { flow: Node[] }[]; onerror?: Node[] };
const countSteps = (flow: Node[]): number =>
  flow.reduce(
    (n, node) =>
      n +
      1 +
      (node.routes ?? []).reduce((r, route) => r + countSteps(route.flow), 0) +
      countSteps(node.onerror ?? []),
    0,
  );

/** Whether the blueprint's first module is one of the app's instant triggers (per makecomapp.json). */
function startsWithInstantTrigger(blueprint: { flow: { module: string }[] }): boolean {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'makecomapp.json'), 'utf8'));
  const id = /:([^:]+)$/.exec(blueprint.flow[0].module)?.[1] ?? '';
  return manifest.components.module[id]?.moduleType === 'instant_trigger';
}

async function waitForRunEnd(page: Page): Promise<string> {
  await page.waitForFunction(
    (finished) => finished.includes(document.querySelector('#run-status')?.textContent ?? ''),
    FINISHED,
    { timeout: 90000 },
  );
  return (await page.textContent('#run-status')) ?? '';
}

describe('workbench page in Chromium', () => {
  let page: Page;
  /** The start URL, as the server printed it: the first test opens it. */
  let startUrl: string;

  // The embedded sandbox (no key given), as `start` runs by default; the page opens in the first test.
  useBuilderSession({ ownSandbox: false, open: false, prefix: 'workbench-browser-' }, (opened) => {
    ({ page, url: startUrl } = opened);
  });

  test('the printed URL opens the page, drops the token from the address bar and lists the modules by group', async () => {
    await page.goto(startUrl);
    expect(page.url()).toBe(`${new URL(startUrl).origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    const groups = await page.locator('#module-groups summary').allTextContents();
    expect(groups.some((g) => g.startsWith('Customer'))).toBe(true);
    expect(await page.locator('#module-groups [data-module-id="listCustomers"]').count()).toBe(1);
    await page.waitForFunction(() =>
      /connected/.test(document.querySelector('#connection-label')?.textContent ?? ''),
    );
    await screenshot(page, '01-start');
  });

  test('every control has an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, textarea, select')]
        .filter((c: unknown) => {
          const el = c as any; // eslint-disable-line @typescript-eslint/no-explicit-any
          if (el.labels && el.labels.length) return false;
          if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
          return !(el.tagName === 'BUTTON' && el.textContent?.trim());
        })
        .map((c: { outerHTML: string }) => c.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });

  test('the connection panel opens by keyboard and tests the embedded sandbox', async () => {
    await page.focus('#connection-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#connection-dialog[open]');
    expect(await page.isChecked('#mode-sandbox')).toBe(true);
    await page.click('#connection-test');
    await page.waitForFunction(() =>
      /Sandbox: connected/.test(document.querySelector('#connection-result')?.textContent ?? ''),
    );
    await screenshot(page, '02-connection');
    await page.keyboard.press('Escape');
    expect(await page.locator('#connection-dialog[open]').count()).toBe(0);
  });

  test('runs a single module with a JSON parameters box', async () => {
    await page.click('[data-run-module-id="listCustomers"]');
    expect(await page.isVisible('#module-form')).toBe(true);
    await page.fill('#module-params', '{"limit": 3}');
    await page.click('#module-run');
    await page.waitForSelector('#module-summary, #module-error');
    expect(await page.textContent('#module-result')).not.toMatch(/Error/);
    expect(await page.textContent('#module-summary')).toMatch(/^1 operation\(s\), 3 bundle\(s\)$/);
    const first = JSON.parse((await page.locator('#module-result .bundle pre').first().textContent()) ?? '');
    expect(first.uuid).toMatch(/^cus_/);
    await screenshot(page, '03-module');

    await page.fill('#module-params', '{"limit": "many"}');
    await page.click('#module-run');
    await page.waitForSelector('#module-error');
    expect(await page.textContent('#module-error')).toMatch(/^BundleValidationError: .*limit/);
    await page.click('#tab-scenario');
  });

  test('imports and runs every example blueprint, with live status and the outputs in the inspector', async () => {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    await page.click('#tab-scenario');
    for (const file of files) {
      const blueprint = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
      await page.setInputFiles('#blueprint-file', path.join(EXAMPLES_DIR, file));
      await page.waitForFunction(
        (name) => document.querySelector('#scenario-name')?.value === name,
        blueprint.name,
      );
      expect(await page.locator('#steps li.step').count()).toBe(countSteps(blueprint.flow));

      await page.click('#scenario-run');
      const status = await waitForRunEnd(page);
      if (startsWithInstantTrigger(blueprint)) {
        // It runs per delivered item (the workbench's /hooks, scenario --listen), not on its own: the
        // page says so (test/app/instant.runtime.test.ts delivers to it).
        expect([file, status]).toEqual([file, 'error']);
        expect(await page.textContent('#run-error')).toMatch(/starts with an instant trigger/);
        continue;
      }
      expect([file, status]).toEqual([file, expect.stringMatching(/^(success|warning)$/)]);
      expect(await page.isHidden('#run-error')).toBe(true);

      // The page's counts are the runner's: compare with the stored run.
      const runId = ((await page.textContent('#run-summary')) ?? '').match(/run (\S+)/)?.[1];
      expect(runId).toBeTruthy();
      const run = await (
        await page.context().request.get(`/api/runs/${runId}`.replace(/^/, new URL(startUrl).origin))
      ).json();
      expect(await page.textContent('#run-operations')).toBe(
        `${run.operations} operation${run.operations === 1 ? '' : 's'}`,
      );

      // Every module that produced output shows it in the inspector, bundle for bundle.
      const producing = run.modules.filter(
        (m: { outputs?: unknown[]; errors?: unknown[] }) => (m.outputs ?? []).length > 0,
      );
      expect(producing.length).toBeGreaterThan(0);
      for (const module of producing) {
        await page.click(`#steps li[data-step-id="${module.id}"] > .step-button`);
        await page.waitForFunction(
          (id) => document.querySelector('#inspector-step')?.textContent?.startsWith(`${id}.`),
          String(module.id),
        );
        const shown = JSON.parse(
          (await page.locator('#inspector .bundle-output pre').first().textContent()) ?? 'null',
        );
        expect([file, module.id, shown]).toEqual([file, module.id, module.outputs[0]]);
        // A module with a handled error on some bundles (tag-customers-by-email's Ignore) is marked as erred.
        const erred = Array.isArray(module.errors) && module.errors.length > 0;
        expect([
          file,
          module.id,
          await page.getAttribute(`#steps li[data-step-id="${module.id}"]`, 'data-state'),
        ]).toEqual([file, module.id, erred ? 'error' : 'done']);
      }
      await screenshot(page, `04-example-${path.basename(file, '.json')}`);
    }
  });

  test('a broken blueprint shows the error, with its type, on the failing step', async () => {
    const broken = {
      name: 'Broken lookup',
      flow: [
        { id: 1, module: 'app#chartmogul:listCustomers', version: 1, parameters: {}, mapper: { limit: 1 } },
        {
          id: 2,
          module: 'app#chartmogul:getCustomer',
          version: 1,
          parameters: {},
          mapper: { customer_uuid: 'cus_00000000-0000-0000-0000-000000000000' },
        },
      ],
      metadata: { version: 1 },
    };
    await page.focus('#blueprint-paste');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#paste-dialog[open]');
    await page.fill('#paste-text', '{ not json');
    await page.click('#paste-import');
    expect(await page.textContent('#paste-error')).toMatch(/Not valid JSON/);
    await page.fill('#paste-text', JSON.stringify(broken, null, 2));
    await page.click('#paste-import');
    await page.waitForFunction(() => document.querySelector('#scenario-name')?.value === 'Broken lookup');

    await page.click('#scenario-run');
    const status = await waitForRunEnd(page);
    expect(status).toBe('error');
    expect(await page.getAttribute('#steps li[data-step-id="1"]', 'data-state')).toBe('done');
    expect(await page.getAttribute('#steps li[data-step-id="2"]', 'data-state')).toBe('error');
    const stepError = (await page.textContent('#steps li[data-step-id="2"] .step-error')) ?? '';
    expect(stepError).toMatch(/^[A-Za-z]+Error: \S.*/);
    await page.click('#steps li[data-step-id="2"] > .step-button');
    expect(await page.textContent('#inspector-error')).toBe(stepError);
    await screenshot(page, '05-broken-step');
  });

  test('a blueprint is pasted, run and inspected with the keyboard alone', async () => {
    const file = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()[0];
    const text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    const press = async (selector: string, key = 'Enter') => {
      await page.focus(selector);
      await page.keyboard.press(key);
    };
    // The tabs follow the ARIA pattern: arrows move between them.
    await press('#tab-scenario', 'ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-module');
    await page.keyboard.press('ArrowLeft');
    expect(await page.isVisible('#scenario')).toBe(true);

    await press('#blueprint-paste');
    await page.waitForSelector('#paste-dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('paste-text');
    await page.keyboard.insertText(text);
    await press('#paste-import');
    await page.waitForSelector('#paste-dialog:not([open])', { state: 'attached' });
    await press('#scenario-run');
    expect(await waitForRunEnd(page)).toMatch(/^(success|warning)$/);
    const last = page.locator('#steps li.step[data-state="done"] > .step-button').last();
    await last.focus();
    await page.keyboard.press('Enter');
    // The page re-renders on the next frame (now with the step's settings form too): wait for it.
    await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('#steps li.step[data-state="done"] > .step-button')]
            .pop()
            ?.getAttribute('aria-pressed') === 'true',
      )
      .catch(() => undefined); // the assertion below reports it
    expect(await last.getAttribute('aria-pressed')).toBe('true');
    // Selecting re-rendered the step list: the keyboard focus stayed on the selected step.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.parentElement?.dataset.stepId)).toBe(
      await last.evaluate((b) => b.parentElement?.dataset.stepId),
    );
    expect(await page.locator('#inspector .bundle-output').count()).toBeGreaterThan(0);
    // Every visible control is reachable with Tab (nothing clickable hides from the keyboard).
    const unreachable = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, textarea, summary, [onclick]')]
        .filter(
          (c: {
            tabIndex: number;
            id: string;
            getAttribute(n: string): string | null;
            offsetParent: unknown;
          }) => c.offsetParent !== null && c.tabIndex < 0 && c.getAttribute('role') !== 'tab',
        )
        .map((c: { outerHTML: string }) => c.outerHTML.slice(0, 80)),
    );
    expect(unreachable).toEqual([]);
    await screenshot(page, '05b-keyboard-run');
  });

  test('exports the current blueprint unchanged', async () => {
    const file = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()[0];
    await page.setInputFiles('#blueprint-file', path.join(EXAMPLES_DIR, file));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#blueprint-export')]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported).toEqual(JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
  });

  test('the history lists the runs and reopens one with its bundles', async () => {
    await page.click('#history-refresh');
    await page.waitForSelector('#history-list li button');
    const entries = await page.locator('#history-list li button').count();
    expect(entries).toBeGreaterThanOrEqual(5);
    await page.locator('#history-list li button', { hasText: 'Broken lookup' }).first().click();
    await page.waitForFunction(() => document.querySelector('#run-status')?.textContent === 'error');
    expect(await page.getAttribute('#steps li[data-step-id="2"]', 'data-state')).toBe('error');
    // The steps are that run's scenario, not those of the blueprint on screen before.
    expect(await page.inputValue('#scenario-name')).toBe('Broken lookup');
    expect(await page.textContent('#scenario-origin')).toMatch(/^Copy of run /);
    expect(await page.textContent('#steps li[data-step-id="1"] .step-title')).toBe('List Customers');
    expect(await page.textContent('#steps li[data-step-id="2"] .step-error')).toMatch(/^\w+Error: .*404/);
    await screenshot(page, '06-history');
  });
});
