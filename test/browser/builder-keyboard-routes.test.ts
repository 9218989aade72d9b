/**
 * Moving steps into and out of a router's routes and a module's error handler route by keyboard
 * alone (Alt+Right / Alt+Left on a step), as drag and drop does: the exported blueprint has the step
 * where the keys put it, the focus stays on the moved step, and the live region says what happened.
 * Nothing is ever placed after a router (a Router ends its flow: the runner refuses that blueprint).
 */
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
  stepButton,
  useBuilderSession,
  type BuilderSession,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROUTER = 'builtin:BasicRouter';

describe('builder: steps into and out of routes by keyboard', () => {
  let session: BuilderSession;
  let page: Page;
  let app: Awaited<ReturnType<typeof loadApp>>;

  useBuilderSession({}, async (opened) => {
    session = opened;
    page = session.page;
    app = await loadApp(APP_DIR);
  });

  const press = async (selector: string, key = 'Enter') => {
    await page.focus(selector);
    await page.keyboard.press(key);
  };
  /** The focused element's step id, once the list has re-rendered with the focus moved back. */
  const focusedStep = async (id: string) => {
    await page.waitForFunction(
      (want) => document.activeElement?.closest('li.step')?.dataset.stepId === want,
      id,
      { timeout: 15000 }, // generous: a loaded CI machine re-renders slowly; no time is asserted
    );
  };
  const announced = async (text: string) => {
    await page.waitForFunction(
      (want) => document.querySelector('#builder-status')?.textContent === want,
      text,
      { timeout: 15000 }, // generous: a loaded CI machine re-renders slowly; no time is asserted
    );
  };
  const shape = async () => flowShape((await session.exportBlueprint()).blueprint.flow);

  test('Alt+Right moves a step from just before a router into its routes, one by one; Alt+Left back and out before it', async () => {
    await newScenario(page, 'keyboard');
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="__router__"]');
    await press('[data-module-id="getCustomer"]'); // the router is selected: into its route 1
    await press('[data-module-id="listPlans"]'); // after the selected step 3, in route 1
    await expectSteps(page, ['List Customers', 'Router']);
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer', 'listPlans'], []] }]);

    // Nothing passes below a router, and a step in the main flow has no route to leave: the page says why.
    await press(stepButton(1), 'Alt+ArrowDown');
    await announced('Step 1 stays: a Router ends its flow (Alt+→ moves a step into its routes).');
    await press(stepButton(1), 'Alt+ArrowLeft');
    await announced('Step 1 is not in a route or an error handler.');

    // Out of route 1: just before the router, in the list the router is in.
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the routes of step 2, before it.');
    await focusedStep('3');
    await screenshot(page, 'builder-11-keyboard-out-of-route');
    expect(await shape()).toEqual(['listCustomers', 'getCustomer', { [ROUTER]: [['listPlans'], []] }]);

    // Back in: the start of route 1, then on to the next route, keeping the focus on the moved step.
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 1 of step 2.');
    await focusedStep('3');
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer', 'listPlans'], []] }]);
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 2 of step 2.');
    await focusedStep('3');
    await page.keyboard.press('Alt+ArrowRight');
    await announced('Step 3 is already in the last route of step 2.');
    await screenshot(page, 'builder-10-keyboard-into-route');
    const { blueprint } = await session.exportBlueprint();
    expect(flowShape(blueprint.flow)).toEqual([
      'listCustomers',
      { [ROUTER]: [['listPlans'], ['getCustomer']] },
    ]);
    // What the keys built, the runner takes (it refuses a module after a router).
    expect(() => buildScenario(app, blueprint)).not.toThrow();
  });

  test('modules added or dropped on a router go into its route 1; a router dropped between steps takes the steps after it', async () => {
    await newScenario(page, 'keyboard');
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="getCustomer"]');
    await page.dragAndDrop('[data-module-id="__router__"]', stepButton(1));
    await page.waitForSelector(stepButton(3));
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer'], []] }]);
    await page.dragAndDrop('[data-module-id="listPlans"]', stepButton(3));
    await page.waitForSelector(stepButton(4));
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer', 'listPlans'], []] }]);
    // A step dropped on the router goes the same way, to the end of route 1.
    await page.dragAndDrop(stepButton(1), stepButton(3));
    await page.waitForFunction(() => !document.querySelector('#steps > li[data-step-id="1"]'));
    expect(await shape()).toEqual([{ [ROUTER]: [['getCustomer', 'listPlans', 'listCustomers'], []] }]);
  });

  test('a router nested in a route is reached the same way, and the keys are listed on the page', async () => {
    await newScenario(page, 'keyboard');
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="__router__"]');
    await press('[data-route="2:1"]');
    await press('[data-module-id="getCustomer"]'); // step 3, into the selected route 2
    await press('[data-module-id="__router__"]'); // step 4, after it in route 2
    // Step 4 must be on the page before step 3 is moved: otherwise step 3 is still last in its route.
    await page.waitForSelector(stepButton(4));
    await press(stepButton(3), 'Alt+ArrowDown'); // not below the nested router
    await announced('Step 3 stays: a Router ends its flow (Alt+→ moves a step into its routes).');
    expect(await shape()).toEqual([
      'listCustomers',
      { [ROUTER]: [[], ['getCustomer', { [ROUTER]: [[], []] }]] },
    ]);
    // Just above the nested router (step 4): Alt+Right goes into it rather than on.
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 1 of step 4.');
    expect(await shape()).toEqual([
      'listCustomers',
      { [ROUTER]: [[], [{ [ROUTER]: [['getCustomer'], []] }]] },
    ]);
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the routes of step 4, before it.');
    expect(await shape()).toEqual([
      'listCustomers',
      { [ROUTER]: [[], ['getCustomer', { [ROUTER]: [[], []] }]] },
    ]);
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 into route 1 of step 2.');

    const keys = await page.getAttribute(stepButton(3), 'aria-keyshortcuts');
    expect(keys?.split(' ')).toEqual(
      expect.arrayContaining(['Alt+ArrowRight', 'Alt+ArrowLeft', 'Alt+ArrowUp', 'Alt+ArrowDown', 'Delete']),
    );
    const described = `#${await page.getAttribute(stepButton(3), 'aria-describedby')}`;
    const help = ((await page.textContent(described)) ?? '').replace(/\s+/g, ' '); // as read out
    expect(help).toMatch(/Alt\+→ moves it into the router just below it/);
    expect(help).toMatch(/Alt\+← moves it back/);
    expect(help).toMatch(/out of the error handler/);
  });

  test('Alt+Right moves a step into the error handler route of the module above it, before its directive; Alt+Left out', async () => {
    await newScenario(page, 'keyboard');
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="getCustomer"]');
    await press('[data-module-id="listPlans"]');
    await page.click(stepButton(2));
    await editorShows(page, 2);
    await page.selectOption('#handler-directive', 'Resume'); // step 4
    await page.waitForSelector(stepButton(4)); // the directive, listed under step 2's "Error handler"
    await expectSteps(page, ['List Customers', 'Get a Customer', 'List Plans']);

    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into the error handler of step 2.');
    await focusedStep('3');
    expect(await shape()).toEqual(['listCustomers', { getCustomer: { onerror: ['listPlans', 'Resume'] } }]);
    // Step 2's settings, still shown, redraw with the step in its handler: "None" would now mean Ignore.
    await page.waitForFunction(
      () =>
        document.querySelector('#handler-directive option[value=""]')?.textContent ===
        'None (Ignore, after the steps)',
      undefined,
      { timeout: 15000 }, // generous: a loaded CI machine re-renders slowly; no time is asserted
    );
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Step 3 is already in the error handler of step 2.');
    await page.keyboard.press('Alt+ArrowDown'); // the directive stays last: nothing to pass
    await screenshot(page, 'builder-21-keyboard-into-error-handler');

    // The directive belongs to its handler: the keys say so and leave it.
    await press(stepButton(4), 'Alt+ArrowLeft');
    await announced("Step 4 is an error handler's directive: it stays at the end of its handler.");
    await press(stepButton(4), 'Alt+ArrowUp');
    await announced("Step 4 is an error handler's directive: it stays at the end of its handler.");

    // Another directive replaces Resume and keeps the step; the runner reads the route as Make does.
    await page.click(stepButton(2));
    await editorShows(page, 2);
    await page.selectOption('#handler-directive', 'Break');
    const { blueprint } = await session.exportBlueprint();
    expect(flowShape(blueprint.flow)).toEqual([
      'listCustomers',
      { getCustomer: { onerror: ['listPlans', 'Break'] } },
    ]);
    const handler = buildScenario(app, blueprint).flow[1].onerror;
    expect(handler?.directive).toBe('Break');
    expect(handler?.flow.map((n) => n.id)).toEqual(['3']);

    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the error handler of step 2, after it.');
    await focusedStep('3');
    expect(await shape()).toEqual(['listCustomers', { getCustomer: { onerror: ['Break'] } }, 'listPlans']);
  });
});
