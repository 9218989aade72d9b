/**
 * Date parameters in the builder: a date/time picker in the browser's local time (here fixed to
 * Europe/Prague, UTC+2 in May) that writes Make's UTC ISO form (YYYY-MM-DDTHH:mm:ss.sssZ) into the
 * blueprint, and a Map toggle that takes an expression written verbatim. The run against the demo
 * sandbox gets both.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import {
  inspectorOutput,
  newScenario,
  stepButton,
  useBuilderSession,
  type BuilderSession,
  runAndWait,
} from './builder-session';

describe('builder: date fields', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ timezoneId: 'Europe/Prague' }, (opened) => {
    session = opened;
    page = session.page;
  });

  test('a picked date is exported as UTC ISO 8601; a mapped one verbatim; the run gets both', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.fill('#f1-limit', '1');
    await page.click('[data-module-id="createCustomer"]');
    await page.waitForSelector('#f2-data_source_uuid[data-loaded="true"]');
    await page.selectOption('#f2-data_source_uuid', { label: 'Demo Billing' });
    await page.fill('#f2-external_id', 'date-picker-1');
    await page.click('#step-editor button:has-text("Show advanced settings")');

    // The picker: local wall-clock time in, the UTC instant out.
    expect(await page.getAttribute('#f2-lead_created_at', 'type')).toBe('datetime-local');
    await page.fill('#f2-lead_created_at', '2024-05-01T10:30');
    // Mapped: the toggle turns the picker into a text field that takes an expression from the panel
    // (a name with a hyphen in backticks, or IML would read a subtraction).
    await page.click('[data-map-toggle="free_trial_started_at"]');
    expect(await page.getAttribute('#f2-free_trial_started_at', 'type')).toBe('text');
    await page.focus('#f2-free_trial_started_at');
    await page.click('#mapping-panel [data-map-value="{{1.`customer-since`}}"]');
    expect(await page.inputValue('#f2-free_trial_started_at')).toBe('{{1.`customer-since`}}');
    expect(await page.textContent('#f2-lead_created_at-error')).toBe('');
    await screenshot(page, 'builder-12-date-picker');

    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[1].mapper).toEqual(
      expect.objectContaining({
        lead_created_at: '2024-05-01T08:30:00.000Z',
        free_trial_started_at: '{{1.`customer-since`}}',
      }),
    );

    // Selected again, the form shows the stored instant in local time and the mapping as text.
    await page.click(stepButton(1));
    await page.click(stepButton(2));
    await page.waitForSelector('#f2-lead_created_at');
    expect(await page.inputValue('#f2-lead_created_at')).toBe('2024-05-01T10:30');
    expect(await page.inputValue('#f2-free_trial_started_at')).toBe('{{1.`customer-since`}}');

    expect(await runAndWait(page)).toBe('success');
    await page.click(stepButton(1));
    const listed = await inspectorOutput(page, 1);
    await page.click(stepButton(2));
    const created = await inspectorOutput(page, 2);
    expect(created.external_id).toBe('date-picker-1');
    expect(Date.parse(created.lead_created_at)).toBe(Date.parse('2024-05-01T08:30:00.000Z'));
    expect(Date.parse(created.free_trial_started_at)).toBe(Date.parse(listed['customer-since']));
    await screenshot(page, 'builder-13-date-run');
  });

  test('choosing again after mapping brings the picker back, empty; a cleared picker removes the key', async () => {
    await page.click('[data-map-toggle="free_trial_started_at"]'); // "Choose"
    expect(await page.getAttribute('#f2-free_trial_started_at', 'type')).toBe('datetime-local');
    expect(await page.inputValue('#f2-free_trial_started_at')).toBe('');
    await page.fill('#f2-lead_created_at', '');
    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[1].mapper).not.toHaveProperty('lead_created_at');
    expect(blueprint.flow[1].mapper).not.toHaveProperty('free_trial_started_at');
  });

  test('an array of dates: each item is a picker; an emptied item stays an empty item, not a hole', async () => {
    await newScenario(page);
    await page.click('[data-module-id="cancelSubscription"]');
    await page.click('#step-editor button:has-text("Show advanced settings")');
    await page.click('#f1-cancellation_dates-add');
    await page.click('#f1-cancellation_dates-add');
    expect(await page.getAttribute('#f1-cancellation_dates_0', 'type')).toBe('datetime-local');
    await page.fill('#f1-cancellation_dates_0', '2024-01-15T12:00');
    await page.fill('#f1-cancellation_dates_1', '2024-07-15T12:00');
    let { blueprint } = await session.exportBlueprint();
    // Winter (UTC+1) and summer (UTC+2) time in Prague.
    expect(blueprint.flow[0].mapper.cancellation_dates).toEqual([
      '2024-01-15T11:00:00.000Z',
      '2024-07-15T10:00:00.000Z',
    ]);
    await page.fill('#f1-cancellation_dates_0', '');
    ({ blueprint } = await session.exportBlueprint());
    expect(blueprint.flow[0].mapper.cancellation_dates).toEqual(['', '2024-07-15T10:00:00.000Z']);
  });
});
