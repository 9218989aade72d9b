/**
 * Nested fields given as an RPC reference (`"nested": "rpc://rpcPackagingFields"`, fixtures/shipping-app's
 * Pack a Parcel): the page asks the RPC through the workbench's RPC route with the step's values, shows
 * the specs it returns as nested fields, asks again when the parent's value changes (an answer already
 * in is reused), and the exported blueprint holds exactly the shown fields.
 */
import type { Page, Request } from 'playwright-core';
import { screenshot } from './browser';
import {
  expectFormFields,
  firstStepMapper,
  SHIPPING_APP,
  stepButton,
  useBuilderSession,
  type BuilderSession,
} from './builder-session';

describe('builder: nested fields from an RPC (fixture app)', () => {
  let session: BuilderSession;
  let page: Page;
  /** The bodies the page posted to the RPC route, in order. */
  const asked: unknown[] = [];

  useBuilderSession({ appDir: SHIPPING_APP, prefix: 'workbench-rpc-nested-' }, (opened) => {
    session = opened;
    page = session.page;
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/rpcs/rpcPackagingFields'))
        asked.push(request.postDataJSON());
    });
  });

  const expectFields = (expected: string[]) => expectFormFields(page, expected);
  const mapperOf = () => firstStepMapper(session);

  test('choosing a packaging shows the fields its RPC returns, indented under it and checked', async () => {
    await page.click('[data-module-id="packParcel"]');
    await expectFields(['packaging', 'weight_g']);
    expect(asked).toEqual([]); // no value, no nested fields: nothing to ask

    await page.selectOption('#f1-packaging', 'box');
    await expectFields(['packaging', 'width_cm', 'fragile', 'weight_g']);
    expect(asked).toEqual([{ parameters: { packaging: 'box' } }]);
    expect(await page.getAttribute('[data-field="width_cm"]', 'class')).toContain('field nested');
    expect(await page.getAttribute('[data-nested-rpc="packaging"]', 'data-state')).toBe('loaded');
    // The returned spec's `required` counts like a static one's.
    expect(await page.textContent('#f1-width_cm-error')).toBe('Required');
    await page.waitForSelector(`${stepButton(1)} .step-invalid`);

    await page.fill('#f1-width_cm', '30');
    await page.selectOption('#f1-fragile', 'true');
    expect(await page.textContent('#f1-width_cm-error')).toBe('');
    await screenshot(page, 'builder-20-rpc-nested-fields');
    expect(await mapperOf()).toEqual({ packaging: 'box', width_cm: 30, fragile: true });
  });

  test('another packaging asks the RPC again and swaps the fields, dropping the old values', async () => {
    await page.selectOption('#f1-packaging', 'envelope');
    await expectFields(['packaging', 'envelope_size', 'weight_g']);
    await page.selectOption('#f1-envelope_size', 'a5');
    expect(await mapperOf()).toEqual({ packaging: 'envelope', envelope_size: 'a5' });

    await page.selectOption('#f1-packaging', 'bag'); // the RPC has no fields for a bag
    await page.waitForSelector('[data-nested-rpc="packaging"][data-state="loaded"]');
    await expectFields(['packaging', 'weight_g']);

    await page.selectOption('#f1-packaging', 'box'); // answered before: not asked again
    await expectFields(['packaging', 'width_cm', 'fragile', 'weight_g']);
    expect(asked).toEqual([
      { parameters: { packaging: 'box' } },
      { parameters: { packaging: 'envelope' } },
      { parameters: { packaging: 'bag' } },
    ]);
    expect(await mapperOf()).toEqual({ packaging: 'box' });
  });

  test('an imported blueprint shows its RPC fields filled and exports unchanged', async () => {
    await page.selectOption('#f1-packaging', 'envelope');
    await expectFields(['packaging', 'envelope_size', 'weight_g']);
    await page.selectOption('#f1-envelope_size', 'a4');
    await page.fill('#f1-weight_g', '120');
    const exported = await session.exportBlueprint();
    expect(exported.blueprint.flow[0].mapper).toEqual({
      packaging: 'envelope',
      envelope_size: 'a4',
      weight_g: 120,
    });

    await page.setInputFiles('#blueprint-file', exported.file);
    await page.click(stepButton(1));
    await expectFields(['packaging', 'envelope_size', 'weight_g']);
    expect(await page.inputValue('#f1-envelope_size')).toBe('a4');
    expect((await session.exportBlueprint()).blueprint).toEqual(exported.blueprint);
  });
});
