/**
 * Moving steps into and out of a router's routes and a module's error handler route by keyboard
 * alone (Alt+Right / Alt+Left on a step), as drag and drop does: the exported blueprint has the step
 * where the keys put it, the focus stays on the moved step, and the live region says what happened.
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
  stepButton,
  useBuilderSession,
  type BuilderSession,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROUTER = 'builtin:BasicRouter';

describe('builder: steps into and out of routes by keyboard', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({}, (opened) => {
    session = opened;
    page = session.page;
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
      { timeout: 5000 },
    );
  };
  const announced = async (text: string) => {
    await page.waitForFunction(
      (want) => document.querySelector('#builder-status')?.textContent === want,
      text,
      { timeout: 5000 },
    );
  };
  const shape = async () => flowShape((await session.exportBlueprint()).blueprint.flow);

  test('Alt+Right moves a step into the router above it and on through its routes; Alt+Left back and out', async () => {
    await press('#blueprint-new');
    await press('[data-module-id="listCustomers"]');
    await press('[data-module-id="__router__"]');
    await press('[data-module-id="getCustomer"]'); // after the selected router, in the main flow
    await press('[data-module-id="listPlans"]');
    await expectSteps(page, ['List Customers', 'Router', 'Get a Customer', 'List Plans']);
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [[], []] }, 'getCustomer', 'listPlans']);

    // A step with no router just above it stays, and the page says why.
    await press(stepButton(4), 'Alt+ArrowRight');
    await announced('Step 4 has no router or error handler just above it to move into.');
    await press(stepButton(4), 'Alt+ArrowLeft');
    await announced('Step 4 is not in a route or an error handler.');

    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 1 of step 2.');
    await focusedStep('3');
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer'], []] }, 'listPlans']);

    // The focus stays on the moved step, so the next keys go on moving it.
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 2 of step 2.');
    await focusedStep('3');
    await page.keyboard.press('Alt+ArrowRight');
    await announced('Step 3 is already in the last route of step 2.');
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [[], ['getCustomer']] }, 'listPlans']);
    await screenshot(page, 'builder-10-keyboard-into-route');

    // Step 4 follows the router too: it goes to the end of route 1, which is not empty once step 3 is back.
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 into route 1 of step 2.');
    await press(stepButton(4), 'Alt+ArrowRight');
    await announced('Moved step 4 into route 1 of step 2.');
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['getCustomer', 'listPlans'], []] }]);

    // Out of route 1: the step goes right after the router, in the list the router is in.
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the routes of step 2, after it.');
    await focusedStep('3');
    await screenshot(page, 'builder-11-keyboard-out-of-route');
    expect(await shape()).toEqual(['listCustomers', { [ROUTER]: [['listPlans'], []] }, 'getCustomer']);
  });

  test('a router nested in a route is reached the same way, and the keys are listed on the page', async () => {
    // Step 5: a second router added into route 2 of step 2, then step 3 moved in after it.
    await press('[data-route="2:1"]');
    await press('[data-module-id="__router__"]');
    await press(stepButton(3), 'Alt+ArrowUp'); // Alt+Up/Down still move a step within its list
    expect(await shape()).toEqual([
      'listCustomers',
      'getCustomer',
      { [ROUTER]: [['listPlans'], [{ [ROUTER]: [[], []] }]] },
    ]);
    await press(stepButton(3), 'Alt+ArrowDown');
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 1 of step 2.');
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 2 of step 2.');
    // Now just below the nested router (step 5): Alt+Right goes into it rather than on.
    await press(stepButton(3), 'Alt+ArrowRight');
    await announced('Moved step 3 into route 1 of step 5.');
    expect(await shape()).toEqual([
      'listCustomers',
      { [ROUTER]: [['listPlans'], [{ [ROUTER]: [['getCustomer'], []] }]] },
    ]);
    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the routes of step 5, after it.');
    expect(await shape()).toEqual([
      'listCustomers',
      { [ROUTER]: [['listPlans'], [{ [ROUTER]: [[], []] }, 'getCustomer']] },
    ]);

    const keys = await page.getAttribute(stepButton(3), 'aria-keyshortcuts');
    expect(keys?.split(' ')).toEqual(
      expect.arrayContaining(['Alt+ArrowRight', 'Alt+ArrowLeft', 'Alt+ArrowUp', 'Alt+ArrowDown', 'Delete']),
    );
    const help = await page.textContent(`#${await page.getAttribute(stepButton(3), 'aria-describedby')}`);
    expect(help).toMatch(/Alt\+→ moves it into the router or error handler just above\s+it/);
    expect(help).toMatch(/Alt\+← moves it back/);
    expect(help).toMatch(/out of the error handler/);
  });

  test('Alt+Right moves a step into the error handler route of the module above it, before its directive; Alt+Left out', async () => {
    await press('#blueprint-new');
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
      { timeout: 5000 },
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
    const handler = buildScenario(await loadApp(APP_DIR), blueprint).flow[1].onerror;
    expect(handler?.directive).toBe('Break');
    expect(handler?.flow.map((n) => n.id)).toEqual(['3']);

    await press(stepButton(3), 'Alt+ArrowLeft');
    await announced('Moved step 3 out of the error handler of step 2, after it.');
    await focusedStep('3');
    expect(await shape()).toEqual(['listCustomers', { getCustomer: { onerror: ['Break'] } }, 'listPlans']);
  });
});
