/**
 * Charts in the inspector (issue 21, "Charts"): where a module's output is a series — bundles (or a
 * bundle's list) with a date and numbers, like metrics entries or activities — the inspector offers
 * a chart beside the bundles, drawn by Chart.js (served from its npm package), one point per date,
 * several a day summed (or counted); outputs that are no series get none.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { inspectorOutput, stepButton, useBuilderSession, runAndWait } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Monthly entries, out of order: the chart puts them in date order. */
const ENTRIES = [
  { date: '2025-03-31', mrr: 3000, customers: 3 },
  { date: '2025-01-31', mrr: 1000, customers: 1 },
  { date: '2025-02-28', mrr: 2500, customers: 2 },
];
/** Movements at times of day: several a day. */
const MOVEMENTS = [
  { date: '2025-05-01T09:00:00Z', type: 'new_biz', 'activity-mrr-movement': 100 },
  { date: '2025-05-01T15:30:00Z', type: 'expansion', 'activity-mrr-movement': 50 },
  { date: '2025-05-02T10:00:00Z', type: 'churn', 'activity-mrr-movement': -30 },
];

describe('charts of series outputs in Chromium', () => {
  let page: Page;

  useBuilderSession({ prefix: 'workbench-charts-' }, (opened) => {
    page = opened.page;
  });

  const chart = () =>
    page.evaluate(() => {
      const instance = window.Chart?.getChart(document.querySelector('#inspector-chart canvas'));
      return instance
        ? {
            type: instance.config.type,
            labels: instance.data.labels,
            datasets: instance.data.datasets.map((d: { label: string; data: number[] }) => ({
              label: d.label,
              data: d.data,
            })),
          }
        : null;
    });

  test('bundles with a date and numbers get a chart in date order; another number is one choice away', async () => {
    // Each series on a route of its own: one after the other, a step would run once per bundle before it.
    const parse = (id: number, json: string) => ({
      id,
      module: 'json:ParseJSON',
      version: 1,
      parameters: {},
      mapper: { json },
    });
    const blueprint = {
      name: 'Series',
      flow: [
        {
          id: 1,
          module: 'util:SetVariable2',
          version: 1,
          parameters: {},
          mapper: { name: 'start', value: '1' },
        },
        {
          id: 2,
          module: 'builtin:BasicRouter',
          version: 1,
          mapper: null,
          routes: [
            { flow: [parse(3, JSON.stringify(ENTRIES))] },
            { flow: [parse(4, JSON.stringify(MOVEMENTS))] },
            { flow: [parse(5, '{"name": "no series"}')] },
          ],
        },
      ],
    };
    await page.click('#blueprint-paste');
    await page.fill('#paste-text', JSON.stringify(blueprint));
    await page.click('#paste-import');
    expect(await runAndWait(page)).toBe('success');

    await page.click(stepButton(3));
    await inspectorOutput(page, 3);
    await page.waitForFunction(() =>
      window.Chart?.getChart(document.querySelector('#inspector-chart canvas')),
    );
    expect(await page.evaluate(() => typeof window.Chart?.version)).toBe('string'); // the library, not a drawing of ours
    expect(await chart()).toEqual({
      type: 'line',
      labels: ['2025-01-31', '2025-02-28', '2025-03-31'],
      datasets: [{ label: 'mrr', data: [1000, 2500, 3000] }],
    });
    expect(await page.locator('#chart-field option').allTextContents()).toEqual(['mrr', 'customers']);
    await page.selectOption('#chart-field', 'customers');
    await page.waitForFunction(
      () =>
        window.Chart.getChart(document.querySelector('#inspector-chart canvas'))?.data.datasets[0].label ===
        'customers',
    );
    expect((await chart())?.datasets[0].data).toEqual([1, 2, 3]);
    await page.locator('#inspector-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'charts-01-series');

    // Several a day: summed per day, or counted.
    await page.click(stepButton(4));
    await inspectorOutput(page, 4);
    await page.waitForFunction(() =>
      window.Chart?.getChart(document.querySelector('#inspector-chart canvas'))?.data.labels.includes(
        '2025-05-02',
      ),
    );
    expect(await chart()).toEqual({
      type: 'bar',
      labels: ['2025-05-01', '2025-05-02'],
      datasets: [{ label: 'activity-mrr-movement (sum per day)', data: [150, -30] }],
    });
    await page.selectOption('#chart-field', '__count__');
    await page.waitForFunction(
      () =>
        window.Chart.getChart(document.querySelector('#inspector-chart canvas'))?.data.datasets[0].label ===
        'bundles per day',
    );
    expect((await chart())?.datasets[0].data).toEqual([2, 1]);
    await page.locator('#inspector-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'charts-02-per-day');

    // No date and numbers: no chart.
    await page.click(stepButton(5));
    await inspectorOutput(page, 5);
    expect(await page.locator('#inspector-chart').count()).toBe(0);
  });
});
