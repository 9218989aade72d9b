/**
 * The canvas as Make draws it (issue 21, finding 2): each module a circle (the app's icon when its
 * folder has one, else a monogram) with its label, links between them, a filter drawn on its link
 * (click it to edit; after a run, how many bundles passed), routers fanning out to their routes, error
 * handler routes hanging off their module, an operation bubble on each module after a run. Modules go
 * in by dragging from the palette onto a link or an empty slot and move the same way, with keyboard
 * equivalents; the canvas zooms and pans; the settings and the inspector open beside it, down to 1024 px.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import { screenshot } from './browser';
import {
  APP_DIR,
  editorShows,
  expectSteps,
  flowShape,
  newScenario,
  SHIPPING_APP,
  stepButton,
  useBuilderSession,
  waitForRunEnd,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const DOMMatrix: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const getComputedStyle: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLES = path.join(APP_DIR, 'examples', 'scenarios');
const example = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));
type Box = { x: number; y: number; width: number; height: number };
const center = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

describe('the canvas in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-canvas-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  /**
   * Where step `id`'s circle is. The canvas is rebuilt when the runtime's answers about the steps'
   * templates come in, after an import: a circle measured while its old copy is being replaced has no box,
   * so it is measured again (the new copy stands where the old one stood).
   */
  const circle = async (id: number | string): Promise<Box> => {
    for (let tries = 0; ; tries++) {
      const box = await page.locator(`${stepButton(id)} .node-circle`).boundingBox();
      if (box || tries === 20) return box as Box;
      await page.waitForTimeout(50);
    }
  };
  const importExample = async (file: string) => {
    await page.setInputFiles('#blueprint-file', path.join(EXAMPLES, file));
    await page.waitForFunction(
      (name) => document.querySelector('#scenario-name')?.value === name,
      example(file).name,
    );
  };
  const shape = async () => flowShape((await session.exportBlueprint()).blueprint.flow);

  test('modules are circles joined by links; a router fans out to its routes; a handler route hangs off its module', async () => {
    await importExample('route-customers-by-status.json');
    expect(await page.locator('#steps .step-button .node-circle').count()).toBe(5);
    // This app's folder has no icon: every app module shows the app's monogram; built-ins their own.
    expect(await page.locator('#steps .node-circle img').count()).toBe(0);
    expect((await page.textContent(`${stepButton(1)} .node-monogram`))?.trim()).not.toBe('');
    expect(await page.getAttribute(stepButton(2), 'data-kind')).toBe('router');

    const [one, two, three, four, five] = await Promise.all([1, 2, 3, 4, 5].map(circle));
    expect(center(one).x).toBeLessThan(center(two).x);
    expect(Math.abs(center(one).y - center(two).y)).toBeLessThan(2); // one line
    // The routes fan out from the router: one column further, one route under the other.
    for (const routeStep of [three, four, five]) {
      expect(center(routeStep).x).toBeGreaterThan(center(two).x);
      expect(Math.abs(center(routeStep).x - center(three).x)).toBeLessThan(2);
    }
    expect(center(three).y).toBeLessThan(center(four).y);
    expect(center(four).y).toBeLessThan(center(five).y);
    for (const id of [2, 3, 4, 5])
      expect(await page.locator(`#canvas-links path[data-link-to="${id}"]`).count()).toBe(1);
    expect(await page.getAttribute('#canvas-links path[data-link-to="3"]', 'class')).toContain('route');
    // Each route's filter is drawn on its link, with its label.
    const routed = example('route-customers-by-status.json');
    const firstFilter = routed.flow[1].routes[0].flow[0].filter.name;
    expect(await page.textContent('.link-filter[data-filter-of="3"]')).toContain(firstFilter);

    await importExample('cancel-weekly-subscriptions.json');
    const [owner, directive] = await Promise.all([4, 5].map(circle));
    expect(center(directive).y).toBeGreaterThan(center(owner).y + owner.height);
    expect(await page.getAttribute('#canvas-links path[data-link-to="5"]', 'class')).toContain('error');
    await screenshot(page, 'canvas-01-routes-and-handler');
  });

  /** The filter on the link into step 2: 2 of the 3 customers pass it. */
  const FILTER = { name: 'Not the first', a: '{{1.__IMTINDEX__}}', o: 'number:greater', b: '1' };
  const app = loadApp(APP_DIR);

  async function runAndReadBubbles() {
    expect(await waitForRunEnd(page)).toBe('success');
    await page.waitForSelector('.op-bubble[data-bubble-for="2"]');
    return {
      listed: (await page.textContent('.op-bubble[data-bubble-for="1"]'))?.trim(),
      updated: (await page.textContent('.op-bubble[data-bubble-for="2"]'))?.trim(),
      passed: (await page.textContent('.link-filter[data-filter-of="2"] .pass-count'))?.trim(),
    };
  }

  async function exportedRunsAndRoundTrips() {
    const exported = await session.exportBlueprint();
    expect(() => buildScenario(awaitedApp, exported.blueprint)).not.toThrow();
    expect(exported.blueprint.flow[1].filter).toEqual({
      name: FILTER.name,
      conditions: [[{ a: FILTER.a, o: FILTER.o, b: FILTER.b }]],
    });
    await page.setInputFiles('#blueprint-file', exported.file);
    await expectSteps(page, ['List Customers', 'Update a Customer']);
    expect((await session.exportBlueprint()).blueprint).toEqual(exported.blueprint);
  }
  let awaitedApp: Awaited<typeof app>;

  test('List Customers → a filter on the link → Update a Customer, built by mouse, run, with bubbles and pass counts', async () => {
    awaitedApp = await app;
    await newScenario(page);
    await page.dragAndDrop('[data-module-id="listCustomers"]', '[data-slot="end"]');
    await page.dragAndDrop('[data-module-id="updateCustomer"]', '[data-slot="end"]');
    await expectSteps(page, ['List Customers', 'Update a Customer']);
    await page.click(stepButton(1));
    await editorShows(page, 1);
    await page.fill('#f1-limit', '3');
    await page.click(stepButton(2));
    await editorShows(page, 2);
    await page.click('[data-map-toggle="customer_uuid"]');
    await page.fill('#f2-customer_uuid', '{{1.uuid}}');
    await page.fill('#f2-company', '{{1.company}}');

    // The link between them takes a filter: clicking it opens the filter's settings.
    await page.click('.link-handle[data-link-to="2"]');
    await page.click('#filter-add');
    await page.fill('#filter-name', FILTER.name);
    await page.fill('#filter-0-0-a', FILTER.a);
    await page.selectOption('#filter-0-0-o', FILTER.o);
    await page.fill('#filter-0-0-b', FILTER.b);
    await page.waitForSelector('.link-filter[data-filter-of="2"]');
    expect(await page.textContent('.link-filter[data-filter-of="2"]')).toContain(FILTER.name);

    await page.click('#scenario-run');
    expect(await runAndReadBubbles()).toEqual({ listed: '1', updated: '2', passed: '2 of 3 passed' });
    // The bubble opens that module's operations.
    await page.click('.op-bubble[data-bubble-for="2"]');
    await page.waitForFunction(() =>
      document.querySelector('#inspector-step')?.textContent?.startsWith('2.'),
    );
    expect(await page.textContent('#inspector-counts')).toMatch(/^2 operations/);
    await screenshot(page, 'canvas-02-built-by-mouse');
    await exportedRunsAndRoundTrips();
  });

  test('the same by keyboard alone: the palette, F2 to the settings, the filter, Ctrl+Enter to run', async () => {
    const press = async (selector: string, key = 'Enter') => {
      await page.focus(selector);
      await page.keyboard.press(key);
    };
    await newScenario(page, 'keyboard');
    await expectSteps(page, []);
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="updateCustomer"]');
    await expectSteps(page, ['List Customers', 'Update a Customer']);

    // F2 jumps from the step to its first field.
    await press(stepButton(1));
    await page.keyboard.press('F2');
    await page.waitForFunction(() => document.activeElement?.id === 'f1-limit');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await press(stepButton(2));
    await page.keyboard.press('F2');
    await page.waitForFunction(() => document.activeElement?.closest('#step-editor'));
    await press('[data-map-toggle="customer_uuid"]');
    await page.keyboard.type('{{1.uuid}}');
    await press('#f2-company');
    await page.keyboard.type('{{1.company}}');
    await press('#filter-add');
    await page.keyboard.type(FILTER.name);
    await press('#filter-0-0-a');
    await page.keyboard.type(FILTER.a);
    // Tab to the operator; the arrow keys choose in a closed select.
    await page.keyboard.press('Tab');
    const [from, to] = await page.evaluate((want) => {
      const select = document.querySelector('#filter-0-0-o');
      return [
        select.selectedIndex,
        [...select.options].findIndex((o: { value: string }) => o.value === want),
      ];
    }, FILTER.o);
    for (let i = from; i < to; i++) await page.keyboard.press('ArrowDown');
    await press('#filter-0-0-b');
    await page.keyboard.type(FILTER.b);
    expect(await page.inputValue('#filter-0-0-o')).toBe(FILTER.o);

    // The filter on the link is a control of its own: Enter on it opens the filter's settings.
    await press('.link-filter[data-filter-of="2"]');
    await page.waitForFunction(() => document.activeElement?.id === 'filter-name');

    await page.keyboard.press('Control+Enter');
    expect(await runAndReadBubbles()).toEqual({ listed: '1', updated: '2', passed: '2 of 3 passed' });
    await press('.op-bubble[data-bubble-for="1"]');
    await page.waitForFunction(() =>
      document.querySelector('#inspector-step')?.textContent?.startsWith('1.'),
    );
    await screenshot(page, 'canvas-03-built-by-keyboard');
    await exportedRunsAndRoundTrips();
  });

  test('from the palette onto a link or an empty slot; modules dragged onto a link or slot move there', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.click('[data-module-id="getCustomer"]');
    // Onto the link between 1 and 2: in between.
    await page.dragAndDrop('[data-module-id="updateCustomer"]', '.link-handle[data-link-to="2"]');
    await expectSteps(page, ['List Customers', 'Update a Customer', 'Get a Customer']);
    // A router onto the end slot; a module onto its second route's empty slot.
    await page.dragAndDrop('[data-module-id="__router__"]', '[data-slot="end"]');
    await page.dragAndDrop('[data-module-id="listPlans"]', '[data-route="4:1"]');
    // A module dragged onto route 1's slot moves into it; one dragged onto a link moves before its target.
    await page.dragAndDrop(stepButton(2), '[data-route="4:0"]');
    await page.dragAndDrop(stepButton(5), '.link-handle[data-link-to="2"]');
    expect(await shape()).toEqual([
      'listCustomers',
      'updateCustomer',
      { 'builtin:BasicRouter': [['listPlans', 'getCustomer'], []] },
    ]);
    await screenshot(page, 'canvas-04-dragged');
  });

  test('zoom and pan: buttons, Ctrl+wheel and keys; dragging the background and the arrows pan; Fit shows it all', async () => {
    await importExample('route-customers-by-status.json');
    const level = async () => Number((await page.textContent('#zoom-level'))?.replace('%', ''));
    const scaleOf = () =>
      page.evaluate(
        () => new DOMMatrix(getComputedStyle(document.querySelector('#canvas-stage')).transform).a,
      );
    expect(await level()).toBe(100);
    await page.click('#zoom-in');
    expect(await level()).toBeGreaterThan(100);
    expect(await scaleOf()).toBeCloseTo((await level()) / 100, 2);
    await page.click('#zoom-out');
    await page.click('#zoom-out');
    expect(await level()).toBeLessThan(100);

    const viewport = (await page.locator('#steps-area').boundingBox()) as Box;
    await page.mouse.move(viewport.x + 10, viewport.y + viewport.height - 10);
    const before = await level();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await page.waitForFunction(
      (was) => Number(document.querySelector('#zoom-level').textContent.replace('%', '')) > was,
      before,
    );

    await page.focus('#steps-area');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    const zoomedOut = await level();
    await page.keyboard.press('+');
    expect(await level()).toBeGreaterThan(zoomedOut);

    // Zoomed in, the canvas is larger than its window: dragging the background and the arrows pan it.
    for (let i = 0; i < 4; i++) await page.click('#zoom-in');
    const scroll = () => page.evaluate(() => document.querySelector('#steps-area').scrollLeft as number);
    const start = await scroll();
    await page.mouse.move(viewport.x + viewport.width - 8, viewport.y + viewport.height - 8);
    await page.mouse.down();
    await page.mouse.move(viewport.x + viewport.width - 108, viewport.y + viewport.height - 8, { steps: 5 });
    await page.mouse.up();
    expect(await scroll()).toBeGreaterThan(start);
    const dragged = await scroll();
    await page.focus('#steps-area');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((was) => document.querySelector('#steps-area').scrollLeft > was, dragged);

    await page.click('#zoom-fit');
    const fitted = await page.evaluate(() => {
      const area = document.querySelector('#steps-area');
      return {
        scrollW: area.scrollWidth,
        clientW: area.clientWidth,
        scrollH: area.scrollHeight,
        clientH: area.clientHeight,
      };
    });
    expect(fitted.scrollW).toBeLessThanOrEqual(fitted.clientW + 1);
    expect(fitted.scrollH).toBeLessThanOrEqual(fitted.clientH + 1);
    await screenshot(page, 'canvas-05-zoom');
  });

  test.each([1440, 1024])(
    'at %i px the settings and the inspector open beside the canvas, and the selected module stays in view',
    async (width) => {
      await page.setViewportSize({ width, height: 860 });
      await importExample('route-customers-by-status.json');
      expect(await runAndWait(page)).toMatch(/^(success|warning)$/);
      await page.click(stepButton(5));
      await editorShows(page, 5);
      const boxes = await page.evaluate(() => {
        const rect = (s: string) => document.querySelector(s).getBoundingClientRect();
        return {
          canvas: rect('#steps-area'),
          details: rect('#details'),
          node: rect('#steps li[data-step-id="5"] > .step-button .node-circle'),
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        };
      });
      expect(boxes.details.left).toBeGreaterThanOrEqual(boxes.canvas.right - 1); // beside, not under
      expect(boxes.details.right).toBeLessThanOrEqual(boxes.inner);
      expect(boxes.node.left).toBeGreaterThanOrEqual(boxes.canvas.left);
      expect(boxes.node.right).toBeLessThanOrEqual(boxes.canvas.right);
      expect(boxes.scroll).toBeLessThanOrEqual(boxes.inner);
      await screenshot(page, `canvas-06-at-${width}`);
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  );
});

describe('the canvas of an app whose folder has an icon', () => {
  let page: Page;

  useBuilderSession({ appDir: SHIPPING_APP, prefix: 'workbench-canvas-icon-' }, (opened) => {
    page = opened.page;
  });

  test("its modules show the app folder's icon", async () => {
    await newScenario(page);
    await page.click('[data-module-id="createShipment"]');
    await page.waitForSelector(`${stepButton(1)} .node-circle img`);
    const src = (await page.getAttribute(`${stepButton(1)} .node-circle img`, 'src')) ?? '';
    const icon = readFileSync(path.join(SHIPPING_APP, 'assets', 'icon.svg'));
    expect(src).toBe(`data:image/svg+xml;base64,${icon.toString('base64')}`);
    expect(
      await page.evaluate(() => document.querySelector('#steps .node-circle img').naturalWidth),
    ).toBeGreaterThan(0);
  });
});
