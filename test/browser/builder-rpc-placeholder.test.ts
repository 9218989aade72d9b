/**
 * A select whose options come from an RPC and whose placeholder has nested fields (fixtures/shipping-app's
 * Book a Locker: `options: { store: "rpc://rpcLockers?…", placeholder: { label, nested } }`): the
 * placeholder's fields show while no locker is chosen, go (with their values) once one is, and come
 * back empty when the choice is emptied; the step's mapper holds what the runtime then accepts and
 * checks (runtime/parameters, on this very app).
 */
import type { Page } from 'playwright-core';
import { loadApp } from '../../runtime/definitions';
import { prepareParameters } from '../../runtime/parameters';
import {
  expectFormFields,
  firstStepMapper,
  SHIPPING_APP,
  stepButton,
  useBuilderSession,
  type BlueprintNode,
  type BuilderSession,
} from './builder-session';

const WITH_PLACEHOLDER = ['country', 'postcode', 'locker', 'max_distance_km', 'delivery'];
const WITHOUT_PLACEHOLDER = ['country', 'postcode', 'locker', 'delivery'];

describe('builder: nested fields of a dynamic select placeholder (fixture app)', () => {
  let session: BuilderSession;
  let page: Page;
  /** The runtime's own check of Book a Locker's mapper: its converted values, or its error. */
  let runtimeCheck: (mapper: BlueprintNode) => unknown;

  useBuilderSession({ appDir: SHIPPING_APP, prefix: 'workbench-rpc-placeholder-' }, async (opened) => {
    session = opened;
    page = session.page;
    const module = (await loadApp(SHIPPING_APP)).modules.find((m) => m.id === 'bookLocker')!;
    runtimeCheck = (mapper) => {
      try {
        return prepareParameters(module, module.mappableParams, mapper, { componentId: module.id });
      } catch (err) {
        return (err as Error).message;
      }
    };
  });

  const lockerLoaded = () => page.waitForSelector('#f1-locker[data-loaded="true"]');

  test("with no locker the placeholder's field shows, is required, and its value is kept", async () => {
    await page.click('[data-module-id="bookLocker"]');
    await expectFormFields(page, WITH_PLACEHOLDER);
    await lockerLoaded();
    expect(await page.textContent('#f1-locker option[value=""]')).toBe('Any locker nearby');
    expect(await page.getAttribute('[data-field="max_distance_km"]', 'class')).toContain('field nested');
    // Required while shown, in the page and in the runtime alike.
    expect(await page.textContent('#f1-max_distance_km-error')).toBe('Required');
    await page.waitForSelector(`${stepButton(1)} .step-invalid`);
    expect(runtimeCheck(await firstStepMapper(session))).toMatch(/max_distance_km/);

    await page.fill('#f1-max_distance_km', '5');
    expect(await page.textContent('#f1-max_distance_km-error')).toBe('');
    const mapper = await firstStepMapper(session);
    expect(mapper).toEqual({ max_distance_km: 5 });
    expect(runtimeCheck(mapper)).toEqual({ max_distance_km: 5 });
  });

  test('choosing a locker the RPC lists drops the field and its value; emptying it brings it back empty', async () => {
    await page.selectOption('#f1-country', 'cz');
    await page.fill('#f1-postcode', '60200');
    await page.waitForSelector('#f1-locker option[value="cz-60200-1"]', { state: 'attached' });
    await page.selectOption('#f1-locker', 'cz-60200-1');
    await expectFormFields(page, WITHOUT_PLACEHOLDER);
    const chosen = await firstStepMapper(session);
    expect(chosen).toEqual({ country: 'cz', postcode: '60200', locker: 'cz-60200-1' });
    expect(runtimeCheck(chosen)).toEqual(chosen);

    await page.selectOption('#f1-locker', '');
    await expectFormFields(page, WITH_PLACEHOLDER);
    expect(await page.inputValue('#f1-max_distance_km')).toBe('');
    await page.fill('#f1-max_distance_km', '2');
    const emptied = await firstStepMapper(session);
    expect(emptied).toEqual({ country: 'cz', postcode: '60200', max_distance_km: 2 });
    expect(runtimeCheck(emptied)).toEqual(emptied);
  });

  test('an imported blueprint shows the placeholder field filled and exports unchanged', async () => {
    const exported = await session.exportBlueprint();
    await page.setInputFiles('#blueprint-file', exported.file);
    await page.click(stepButton(1));
    await expectFormFields(page, WITH_PLACEHOLDER);
    await lockerLoaded();
    expect(await page.inputValue('#f1-max_distance_km')).toBe('2');
    expect(await page.inputValue('#f1-locker')).toBe('');
    expect((await session.exportBlueprint()).blueprint).toEqual(exported.blueprint);
  });
});
