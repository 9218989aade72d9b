/**
 * Error handlers in the builder: each directive (Ignore, Resume, Commit, Rollback, Break) attached to
 * a step that fails (a customer the demo sandbox does not have), its form filled, the blueprint
 * exported and read by the scenario runner's own blueprint reader, and the scenario run against the
 * sandbox with the outcome Make gives: Resume goes on with the substitute output, Commit ends the run
 * as a success, Rollback as an error, Break stores an incomplete execution, Ignore drops the bundle.
 */
import type { Page } from 'playwright-core';
import { loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import { retrySettings } from '../../runtime/scenario/runner';
import { screenshot } from './browser';
import {
  API_KEY,
  APP_DIR,
  editorShows,
  inspectorOutput,
  newScenario,
  stepButton,
  useBuilderSession,
  type Blueprint,
  type BuilderSession,
  runAndWait,
} from './builder-session';

const MISSING = 'cus_not-in-the-sandbox';

describe('builder: error handlers', () => {
  let session: BuilderSession;
  let page: Page;
  let app: Awaited<ReturnType<typeof loadApp>>;
  let realCustomer: { uuid: string; name: string };

  useBuilderSession({}, async (opened) => {
    session = opened;
    page = session.page;
    app = await loadApp(APP_DIR);
    const auth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;
    const listed = (await (
      await fetch(`${session.sandbox?.url}/v1/customers?per_page=1`, { headers: { authorization: auth } })
    ).json()) as { entries: { uuid: string; name: string }[] };
    realCustomer = listed.entries[0];
  });

  /** Step 1 gets a customer the sandbox does not have (so it fails); step 2 gets the one step 1 output. */
  async function failingPair(directive: string): Promise<void> {
    await newScenario(page);
    await page.click('[data-module-id="getCustomer"]');
    await editorShows(page, 1);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f1-customer_uuid', MISSING);
    await page.click('[data-module-id="getCustomer"]');
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.click(stepButton(1));
    await editorShows(page, 1);
    await page.selectOption('#handler-directive', directive);
  }

  /** The exported blueprint's handler of step 1, and what the runner's reader makes of it. */
  async function exportedHandler(): Promise<{
    blueprint: Blueprint;
    handler: Record<string, unknown>[];
    read: { directive: string; directiveMapper: Record<string, unknown>; flow: unknown[] };
  }> {
    const { blueprint } = await session.exportBlueprint();
    const model = buildScenario(app, blueprint);
    const handler = model.flow[0].onerror;
    if (!handler) throw new Error('the runner read no error handler on step 1');
    // What the handler is made of (the runner also keeps the route it runs, built from these).
    const read = {
      directive: handler.directive,
      directiveMapper: handler.directiveMapper,
      flow: handler.flow,
    };
    return { blueprint, handler: blueprint.flow[0].onerror, read };
  }

  const stepState = (id: number) => page.getAttribute(`#steps li[data-step-id="${id}"]`, 'data-state');
  const outputOf = async (id: number) => {
    await page.click(stepButton(id));
    return inspectorOutput(page, id);
  };

  test('Resume: its output mapping is the substitute the next step gets', async () => {
    await failingPair('Resume');
    await page.fill('#handler-resume-uuid', realCustomer.uuid);
    await page.fill('#handler-resume-name', 'Substitute for {{1.uuid}}');
    await screenshot(page, 'builder-14-handler-resume');
    const { handler, read } = await exportedHandler();
    expect(handler).toEqual([
      expect.objectContaining({
        id: 3,
        module: 'builtin:Resume',
        mapper: { uuid: realCustomer.uuid, name: 'Substitute for {{1.uuid}}' },
      }),
    ]);
    expect(read).toEqual({
      flow: [],
      directive: 'Resume',
      directiveMapper: { uuid: realCustomer.uuid, name: 'Substitute for {{1.uuid}}' },
    });

    expect(await runAndWait(page)).toBe('success');
    expect(await stepState(1)).toBe('error');
    expect(await stepState(2)).toBe('done');
    const second = await outputOf(2);
    expect(second.uuid).toBe(realCustomer.uuid);
    expect(second.name).toBe(realCustomer.name);
    await screenshot(page, 'builder-15-handler-resume-run');
  });

  test('Commit: the run ends there as a success; the next step does not run', async () => {
    await failingPair('Commit');
    // Step 1's select, loaded, still shows the typed customer it does not list (and keeps it).
    await page.waitForSelector('#f1-customer_uuid[data-loaded="true"]');
    expect(await page.$eval('#f1-customer_uuid', (s) => (s as unknown as { value: string }).value)).toBe(
      MISSING,
    );
    expect(await page.textContent('#f1-customer_uuid option:checked')).toBe(`${MISSING} (not in the list)`);
    const { handler, read } = await exportedHandler();
    expect(handler).toEqual([expect.objectContaining({ id: 3, module: 'builtin:Commit', mapper: null })]);
    expect(read).toEqual({ flow: [], directive: 'Commit', directiveMapper: {} });
    expect(await runAndWait(page)).toBe('success');
    expect(await page.textContent('#run-stopped')).toBe('stopped by Commit');
    expect(await stepState(1)).toBe('error');
    expect(await stepState(2)).toBe('idle');
  });

  test('Rollback: the run ends there as an error; the next step does not run', async () => {
    await failingPair('Rollback');
    const { handler, read } = await exportedHandler();
    expect(handler).toEqual([expect.objectContaining({ id: 3, module: 'builtin:Rollback', mapper: null })]);
    expect(read).toEqual({ flow: [], directive: 'Rollback', directiveMapper: {} });
    expect(await runAndWait(page)).toBe('error');
    expect(await page.textContent('#run-stopped')).toBe('stopped by Rollback');
    expect(await stepState(2)).toBe('idle');
    await screenshot(page, 'builder-16-handler-rollback-run');
  });

  test('Break: retry settings as the runner reads them; the run stores an incomplete execution', async () => {
    await failingPair('Break');
    // The defaults first, then the form's own values.
    expect(await page.isChecked('#handler-retry')).toBe(true);
    expect(await page.inputValue('#handler-count')).toBe('3');
    expect(await page.inputValue('#handler-interval')).toBe('15');
    await page.fill('#handler-count', '2');
    await page.fill('#handler-interval', '5');
    await screenshot(page, 'builder-17-handler-break');
    let exported = await exportedHandler();
    expect(exported.handler).toEqual([
      expect.objectContaining({
        id: 3,
        module: 'builtin:Break',
        mapper: { retry: true, count: 2, interval: 5 },
      }),
    ]);
    expect(exported.read.directive).toBe('Break');
    expect(retrySettings(exported.read.directiveMapper)).toEqual({
      enabled: true,
      count: 2,
      intervalMinutes: 5,
    });

    expect(await runAndWait(page)).toBe('warning');
    expect(await page.textContent('#run-incomplete')).toBe('1 incomplete execution stored');
    expect(await stepState(2)).toBe('idle');

    // Retry off: the runner reads it as a manual-only incomplete execution.
    await page.click(stepButton(1));
    await page.uncheck('#handler-retry');
    exported = await exportedHandler();
    expect(retrySettings(exported.read.directiveMapper).enabled).toBe(false);
    expect(exported.handler[0].mapper).toEqual({ retry: false, count: 2, interval: 5 });
  });

  test('Ignore: the failed bundle is dropped and the run is a success; None removes the handler', async () => {
    await failingPair('Ignore');
    const { handler, read } = await exportedHandler();
    expect(handler).toEqual([expect.objectContaining({ id: 3, module: 'builtin:Ignore', mapper: null })]);
    expect(read.directive).toBe('Ignore');
    expect(await runAndWait(page)).toBe('success');
    expect(await page.isVisible('#run-stopped')).toBe(false);
    expect(await stepState(2)).toBe('idle');

    await page.click(stepButton(1));
    await editorShows(page, 1);
    await page.selectOption('#handler-directive', '');
    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[0]).not.toHaveProperty('onerror');
    expect(await runAndWait(page)).toBe('error');
    expect(await page.textContent('#run-stopped')).toBe('stopped by an error');
  });
});
