/**
 * Incomplete executions in the page (issue 21, finding 6): a run whose Break handler stored some lists
 * them with their error; once the cause is gone they are retried from the page, the retry run is
 * linked to the original and the counts (the run's, the history's) update.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { API_KEY, expectSteps, useBuilderSession, type BuilderSession, runAndWait } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXTERNAL_ID = 'incomplete-retry-1';

describe('incomplete executions in Chromium', () => {
  let session: BuilderSession;
  let page: Page;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the sandbox's JSON, read as the test needs
  const sandbox = async (method: string, route: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${session.sandbox!.url}${route}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.status === 204 ? {} : res.json();
  };

  useBuilderSession({ prefix: 'workbench-incomplete-' }, (opened) => {
    session = opened;
    page = session.page;
  });

  test('a Break stores an execution; it is listed with its error, retried from the page, and the retry run linked', async () => {
    const { data_sources: sources } = await sandbox('GET', '/v1/data_sources');
    const blueprint = {
      name: 'Create once',
      flow: [
        {
          id: 1,
          module: 'json:ParseJSON',
          version: 1,
          parameters: {},
          mapper: { json: `{"ext": "${EXTERNAL_ID}"}` },
        },
        {
          id: 2,
          module: 'app#chartmogul:createCustomer',
          version: 1,
          parameters: { __IMTCONN__: 1 },
          mapper: { data_source_uuid: sources[0].uuid, external_id: '{{1.ext}}', name: 'Retried Co' },
          onerror: [{ id: 3, module: 'builtin:Break', version: 1, mapper: { retry: false } }],
        },
      ],
    };
    await page.click('#blueprint-paste');
    await page.fill('#paste-text', JSON.stringify(blueprint));
    await page.click('#paste-import');
    await expectSteps(page, ['Parse JSON', 'Create a Customer']);
    // The first run creates the customer; the second finds it there: a duplicate, stored by Break.
    expect(await runAndWait(page)).toBe('success');
    expect(await runAndWait(page)).toBe('warning');
    const runId = ((await page.textContent('#run-id')) ?? '').replace(/^run /, '');
    expect(await page.textContent('#run-incomplete')).toBe('1 incomplete execution stored');
    // The history says it too.
    await page.click('#history-refresh');
    await page.waitForSelector(`#history-list button[data-run-id="${runId}"] .incomplete-count`);
    expect(await page.textContent(`#history-list button[data-run-id="${runId}"] .incomplete-count`)).toBe(
      '1 incomplete',
    );

    await page.click('#run-incomplete');
    await page.waitForSelector('#incomplete-dialog[open]');
    await page.waitForSelector('#incomplete-list li');
    expect(await page.locator('#incomplete-list li').count()).toBe(1);
    expect(await page.textContent('#incomplete-list li .incomplete-module')).toBe('2. Create a Customer');
    expect(await page.textContent('#incomplete-list li .incomplete-error')).toMatch(
      /^DuplicateDataError: .*exists/,
    );
    expect(await page.textContent('#incomplete-list li .incomplete-status')).toMatch(/^pending/);
    await screenshot(page, 'incomplete-01-listed');

    // The cause goes away (the customer is deleted), and the retry creates it again.
    const { entries } = await sandbox('GET', `/v1/customers?external_id=${EXTERNAL_ID}`);
    await sandbox('DELETE', `/v1/customers/${entries[0].uuid}`);
    await page.click('#incomplete-retry');
    await page.waitForSelector('#incomplete-dialog .retry-run-link');
    const retryId = await page.getAttribute('#incomplete-dialog .retry-run-link', 'data-run-id');
    expect(retryId).toBeTruthy();
    expect(retryId).not.toBe(runId);
    expect(await page.textContent('#incomplete-dialog .retry-outcome')).toMatch(/success/);
    await page.waitForFunction(() =>
      /^resolved/.test(document.querySelector('#incomplete-list li .incomplete-status')?.textContent ?? ''),
    );
    expect((await sandbox('GET', `/v1/customers?external_id=${EXTERNAL_ID}`)).entries).toHaveLength(1);
    await screenshot(page, 'incomplete-02-retried');

    // The counts update: none left on the run, none in the history; the retry run says whose it is.
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelector('#run-incomplete')?.textContent === '1 incomplete execution, retried',
    );
    await page.waitForFunction(
      (id) => !document.querySelector(`#history-list button[data-run-id="${id}"] .incomplete-count`),
      runId,
    );
    expect(await page.textContent(`#history-list button[data-run-id="${retryId}"]`)).toMatch(/retry of/i);

    // The link opens the retry run: its step 2 created the customer.
    await page.click('#run-incomplete');
    await page.click('#incomplete-dialog .retry-run-link');
    await page.waitForFunction(
      (id) => document.querySelector('#run-id')?.textContent === `run ${id}`,
      retryId,
    );
    expect(await page.getAttribute('#steps li[data-step-id="2"]', 'data-state')).toBe('done');
  });
});
