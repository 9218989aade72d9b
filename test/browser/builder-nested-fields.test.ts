/**
 * Nested fields in the builder, on a small hand-written app served by the workbench
 * (fixtures/shipping-app: a select whose options each open their own fields, in Make's `store`
 * form; a boolean that opens a field when true; a select with number values whose option opens a
 * `{ store }` nested list and whose placeholder opens a field while no speed is chosen; the other modules are in the builder-rpc-* tests). Fields
 * appear and go with their parent's value, a field that goes takes its value with it, and the exported
 * blueprint holds exactly the shown fields, typed.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  expectFormFields,
  firstStepMapper,
  SHIPPING_APP,
  stepButton,
  useBuilderSession,
  type BuilderSession,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The form with the courier carrier, insurance and Express chosen: every nested field showing. */
const EVERY_NESTED_FIELD_OPEN = [
  'carrier',
  'pickup_on',
  'floor',
  'insured',
  'insured_value',
  'speed',
  'deliver_by',
  'note',
];

describe('builder: nested fields (fixture app)', () => {
  let session: BuilderSession;
  let page: Page;
  let firstExport: { file: string; blueprint: { flow: Record<string, unknown>[] } };

  useBuilderSession(
    {
      appDir: SHIPPING_APP,
      timezoneId: 'Europe/Prague',
      prefix: 'workbench-nested-',
    },
    (opened) => {
      session = opened;
      page = session.page;
    },
  );

  const expectFields = (expected: string[]) => expectFormFields(page, expected);

  const mapperOf = () => firstStepMapper(session);

  test('a select option opens its own fields; another option swaps them and drops the old values', async () => {
    expect(await page.locator('#module-groups summary').allTextContents()).toEqual([
      'Shipping (4)',
      'Tools (4)',
      'Flow control (1)',
    ]);
    await page.click('[data-module-id="createShipment"]');
    await expectFields(['carrier', 'insured', 'speed', 'ship_within_days', 'note']);

    await page.selectOption('#f1-carrier', 'post');
    await expectFields(['carrier', 'post_office', 'insured', 'speed', 'ship_within_days', 'note']);
    // Required only while shown: the nested field says so at once, and the step counts it.
    expect(await page.textContent('#f1-post_office-error')).toBe('Required');
    await page.waitForSelector(`${stepButton(1)} .step-invalid`);
    await page.fill('#f1-post_office', 'Main Street');
    expect(await page.textContent('#f1-post_office-error')).toBe('');
    expect(await mapperOf()).toEqual({ carrier: 'post', post_office: 'Main Street' });

    await page.selectOption('#f1-carrier', 'courier');
    await expectFields(['carrier', 'pickup_on', 'floor', 'insured', 'speed', 'ship_within_days', 'note']);
    expect(await page.getAttribute('#f1-pickup_on', 'type')).toBe('date'); // `time: false`
    await page.fill('#f1-pickup_on', '2024-06-03');
    await page.fill('#f1-floor', '3');
    expect(await mapperOf()).toEqual({ carrier: 'courier', pickup_on: '2024-06-02T22:00:00.000Z', floor: 3 });
  });

  test('a boolean opens its nested field when Yes, not when No; option values keep their type', async () => {
    const beforeSpeed = ['carrier', 'pickup_on', 'floor', 'insured', 'speed', 'ship_within_days', 'note'];
    await page.selectOption('#f1-insured', 'true');
    await expectFields([...beforeSpeed.slice(0, 4), 'insured_value', ...beforeSpeed.slice(4)]);
    await page.selectOption('#f1-insured', 'false');
    await expectFields(beforeSpeed);
    await page.selectOption('#f1-insured', 'true');
    await page.fill('#f1-insured_value', '1200.5');

    // The placeholder's field takes a value while no speed is chosen; choosing one drops both.
    await page.fill('#f1-ship_within_days', '4');
    expect((await mapperOf()).ship_within_days).toBe(4);
    // The Express option (value 2, a number) opens a `{ store: [...] }` nested list.
    await page.selectOption('#f1-speed', { label: 'Express' });
    await expectFields(EVERY_NESTED_FIELD_OPEN);
    expect(await page.getAttribute('#f1-deliver_by', 'type')).toBe('datetime-local');
    await page.fill('#f1-deliver_by', '2024-06-05T09:00');
    await screenshot(page, 'builder-18-nested-fields');

    firstExport = await session.exportBlueprint();
    // The step names this app (its connection's id, as it has no origins), not ChartMogul.
    expect(firstExport.blueprint.flow[0].module).toBe('app#shop:createShipment');
    expect(firstExport.blueprint.flow[0].mapper).toEqual({
      carrier: 'courier',
      pickup_on: '2024-06-02T22:00:00.000Z',
      floor: 3,
      insured: true,
      insured_value: 1200.5,
      speed: 2,
      deliver_by: '2024-06-05T07:00:00.000Z',
    });
  });

  test('an imported blueprint shows its nested fields filled and exports unchanged', async () => {
    await page.setInputFiles('#blueprint-file', firstExport.file);
    await page.click(stepButton(1));
    await expectFields(EVERY_NESTED_FIELD_OPEN);
    expect(await page.inputValue('#f1-pickup_on')).toBe('2024-06-03');
    expect(await page.inputValue('#f1-insured_value')).toBe('1200.5');
    expect(await page.inputValue('#f1-deliver_by')).toBe('2024-06-05T09:00');
    expect(await page.inputValue('#f1-speed')).toBe('2');
    expect((await session.exportBlueprint()).blueprint).toEqual(firstExport.blueprint);
  });

  test('clearing the parents removes every nested field and its value', async () => {
    await page.selectOption('#f1-speed', { label: 'Standard' });
    await page.selectOption('#f1-carrier', 'collect');
    await page.selectOption('#f1-insured', '');
    await expectFields(['carrier', 'insured', 'speed', 'note']);
    await screenshot(page, 'builder-19-nested-fields-cleared');
    expect(await mapperOf()).toEqual({ carrier: 'collect', speed: 1 });
  });

  test("emptying the select brings back its placeholder's field, empty; an option hides it again", async () => {
    await page.selectOption('#f1-speed', '');
    await expectFields(['carrier', 'insured', 'speed', 'ship_within_days', 'note']);
    expect(await page.inputValue('#f1-ship_within_days')).toBe('');
    // Checked while shown, as the runtime checks it only then.
    await page.fill('#f1-ship_within_days', '-1');
    expect(await page.textContent('#f1-ship_within_days-error')).toBe('Must not be negative');
    await page.fill('#f1-ship_within_days', '2');
    expect(await mapperOf()).toEqual({ carrier: 'collect', ship_within_days: 2 });
    await page.selectOption('#f1-speed', { label: 'Standard' });
    await expectFields(['carrier', 'insured', 'speed', 'note']);
    expect(await mapperOf()).toEqual({ carrier: 'collect', speed: 1 });
  });

  test('a text field opens its nested field once typed in, keeping the focus and every typed letter', async () => {
    await page.focus('#f1-note');
    await page.keyboard.type('Ring twice');
    await expectFields(['carrier', 'insured', 'speed', 'note', 'note_language']);
    expect(await page.inputValue('#f1-note')).toBe('Ring twice');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f1-note');
    await page.selectOption('#f1-note_language', 'en');
    expect(await mapperOf()).toEqual({
      carrier: 'collect',
      speed: 1,
      note: 'Ring twice',
      note_language: 'en',
    });
    await page.fill('#f1-note', '');
    await expectFields(['carrier', 'insured', 'speed', 'note']);
    expect(await mapperOf()).toEqual({ carrier: 'collect', speed: 1 });
  });
});
