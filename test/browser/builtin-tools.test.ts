/**
 * Make's built-in tools in the palette (issue 21, finding 4): every built-in the runner supports
 * (Iterator, Array aggregator, Set variable, Parse JSON, and the Router) is added from the palette
 * with its form, an imported one shows its fields, scenarios built from them run, and what they put
 * out is offered for mapping.
 */
import type { Page } from 'playwright-core';
import { loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import { screenshot } from './browser';
import {
  APP_DIR,
  editorShows,
  expectFormFields,
  expectSteps,
  inspectorOutput,
  newScenario,
  stepButton,
  useBuilderSession,
  type BuilderSession,
  runAndWait,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('built-in tools in Chromium', () => {
  let session: BuilderSession;
  let page: Page;

  useBuilderSession({ prefix: 'workbench-tools-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  const tool = (module: string) => `[data-module-id="${module}"]`;

  test('the palette offers every built-in the runner supports', async () => {
    const groups = await page.locator('#module-groups summary').allTextContents();
    expect(groups).toContain('Tools (4)');
    for (const module of [
      'builtin:BasicFeeder',
      'builtin:BasicAggregator',
      'util:SetVariable2',
      'json:ParseJSON',
      '__router__',
    ])
      expect([module, await page.locator(tool(module)).count()]).toEqual([module, 1]);
  });

  test('Parse JSON → Iterator → Set variable, built from the palette with their forms, run to the bundles Make gives', async () => {
    await newScenario(page);
    await page.click(tool('json:ParseJSON'));
    await editorShows(page, 1);
    await expectFormFields(page, ['json']);
    expect(await page.evaluate(() => document.querySelector('#f1-json').tagName)).toBe('TEXTAREA');
    await page.fill('#f1-json', '{"items": [{"n": 1}, {"n": 2}, {"n": 3}]}');

    await page.click(tool('builtin:BasicFeeder'));
    await editorShows(page, 2);
    await expectFormFields(page, ['array']);
    await page.focus('#f2-array');
    await page.fill('#f2-array', '{{1.items}}');

    await page.click(tool('util:SetVariable2'));
    await editorShows(page, 3);
    await expectFormFields(page, ['name', 'scope', 'value']);
    expect(await page.inputValue('#f3-scope')).toBe('roundtrip');
    await page.fill('#f3-name', 'doubled');
    await page.fill('#f3-value', '{{2.n * 2}}');
    // The iterator's bundles are offered for mapping, with Make's bundle counters.
    await page.focus('#f3-value');
    await page.waitForSelector('#mapping-panel [data-map-value="{{2.__IMTINDEX__}}"]');
    await page.keyboard.press('Escape');
    await expectSteps(page, ['Parse JSON', 'Iterator', 'Set variable']);

    expect(await runAndWait(page)).toBe('success');
    expect((await page.textContent('.op-bubble[data-bubble-for="2"]'))?.trim()).toBe('1');
    expect((await page.textContent('.op-bubble[data-bubble-for="3"]'))?.trim()).toBe('3');
    await page.click(stepButton(3));
    expect(await inspectorOutput(page, 3)).toEqual({ doubled: 2 });
    await screenshot(page, 'tools-01-built');

    const { blueprint } = await session.exportBlueprint();
    expect(() => buildScenario(app, blueprint)).not.toThrow();
    expect(blueprint.flow.map((n) => n.module)).toEqual([
      'json:ParseJSON',
      'builtin:BasicFeeder',
      'util:SetVariable2',
    ]);
    expect(blueprint.flow[2].mapper).toEqual({ name: 'doubled', scope: 'roundtrip', value: '{{2.n * 2}}' });
  });

  test('List Customers → Array aggregator of chosen fields: the source offered, the fields ticked, one bundle out', async () => {
    await newScenario(page);
    await page.click('[data-module-id="listCustomers"]');
    await page.fill('#f1-limit', '4');
    await page.click(tool('builtin:BasicAggregator'));
    await editorShows(page, 2);
    // The source is the step before it, offered with the others before it.
    expect(await page.inputValue('#f2-feeder')).toBe('1');
    expect(await page.locator('#f2-feeder option').allTextContents()).toContain('1. List Customers');
    await page.check('#aggregated-uuid');
    await page.check('#aggregated-name');
    expect(await runAndWait(page)).toBe('success');
    await page.click(stepButton(2));
    const output = await inspectorOutput(page, 2);
    expect(output.__IMTAGGLENGTH__).toBe(4);
    expect(Object.keys(output.array[0]).sort()).toEqual(['name', 'uuid']);
    const { blueprint } = await session.exportBlueprint();
    expect(blueprint.flow[1]).toEqual(
      expect.objectContaining({
        parameters: { feeder: 1 },
        mapper: { uuid: '{{1.uuid}}', name: '{{1.name}}' },
      }),
    );
    await screenshot(page, 'tools-02-aggregator');
  });

  test('an imported tool shows its fields, and selecting it changes nothing', async () => {
    const mrr = {
      name: 'Imported tools',
      flow: [
        { id: 1, module: 'app#chartmogul:listCustomers', version: 1, parameters: {}, mapper: { limit: 2 } },
        {
          id: 2,
          module: 'builtin:BasicAggregator',
          version: 1,
          parameters: { feeder: 1 },
          mapper: { mrr: '{{1.mrr}}' },
        },
        {
          id: 3,
          module: 'util:SetVariable2',
          version: 1,
          parameters: {},
          mapper: { name: 'total', scope: 'roundtrip', value: '{{sum(map(2.array; mrr))}}' },
        },
      ],
    };
    await page.click('#blueprint-paste');
    await page.fill('#paste-text', JSON.stringify(mrr));
    await page.click('#paste-import');
    await expectSteps(page, ['List Customers', 'Array aggregator', 'Set variable']);
    await page.click(stepButton(2));
    await editorShows(page, 2);
    expect(await page.inputValue('#f2-feeder')).toBe('1');
    expect(await page.isChecked('#aggregated-mrr')).toBe(true);
    await page.click(stepButton(3));
    await editorShows(page, 3);
    expect(await page.inputValue('#f3-name')).toBe('total');
    expect(await page.inputValue('#f3-value')).toBe('{{sum(map(2.array; mrr))}}');
    expect((await session.exportBlueprint()).blueprint).toEqual(mrr);
  });
});

let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp(APP_DIR);
});
