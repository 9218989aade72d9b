/**
 * What the browser tests share: a workbench (on this app against a demo sandbox of its own or the
 * embedded one, or on another app folder) open in headless Chromium, set up and torn down the same
 * way in every file (useBuilderSession), and helpers to read the page back: the step titles, the
 * run's end, and the blueprint the Export button downloads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox, startServer } from '../../runtime/index';
import { launchBrowser, type Browser } from './browser';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const APP_DIR = path.resolve(__dirname, '../..');
/** The hand-written fixture app the nested-field tests build with (fixtures/shipping-app). */
export const SHIPPING_APP = path.join(__dirname, 'fixtures', 'shipping-app');
export const API_KEY = 'builder-test-key';

export type BlueprintNode = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Blueprint = { name?: string; flow: BlueprintNode[] };

export interface BuilderSession {
  page: Page;
  /** The start URL the server printed (it carries the token). */
  url: string;
  tmp: string;
  /** The demo sandbox the workbench sends requests to (absent with `appDir`: nothing runs there). */
  sandbox?: Awaited<ReturnType<typeof startSandbox>>;
  /** Errors thrown in the page; each test expects none. */
  pageErrors: string[];
  /** Clicks Export and reads the download: the file (kept in `tmp`) and the blueprint it holds. */
  exportBlueprint(): Promise<{ file: string; blueprint: Blueprint }>;
  close(): Promise<void>;
}

export interface OpenBuilderOptions {
  /** Another app folder to serve (then no own sandbox by default: nothing is meant to run). */
  appDir?: string;
  /** A demo sandbox of its own as the target (accepting API_KEY only); false: the embedded sandbox. */
  ownSandbox?: boolean;
  /** The key the workbench starts with (API_KEY by default); null: none, so the sandbox demo key. */
  apiKey?: string | null;
  /** false: the page is left blank, for a test that opens the start URL itself. */
  open?: boolean;
  /** The temporary folder's name prefix. */
  prefix?: string;
  timezoneId?: string;
}

/**
 * Starts the workbench and opens its page, waiting until it is ready. Without `appDir` it serves this
 * app with a demo sandbox of its own as the target; with one, that app folder.
 */
export async function openBuilder(options: OpenBuilderOptions = {}): Promise<BuilderSession> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'workbench-builder-'));
  const sandbox =
    (options.ownSandbox ?? !options.appDir)
      ? await startSandbox({ port: 0, seed: 'demo', limits: false, apiKeys: [API_KEY] })
      : undefined;
  const apiKey = options.apiKey === undefined ? API_KEY : options.apiKey;
  const server = await startServer({
    port: 0,
    appDir: options.appDir ?? APP_DIR,
    ...(sandbox ? { ...(apiKey === null ? {} : { connection: { apiKey } }), target: sandbox.url } : {}),
    sandboxDbPath: path.join(tmp, 'sandbox.db'),
    historyPath: path.join(tmp, 'history.db'),
  });
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const close = async () => {
    await browser?.close();
    await server.close();
    await sandbox?.close();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    browser = await launchBrowser({ timezoneId: options.timezoneId });
    const page = browser.page;
    page.on('pageerror', (err) => pageErrors.push(err.message));
    if (options.open !== false) {
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]').catch((err: Error) => {
        throw new Error(`The page never got ready (${err.message}); page errors: ${pageErrors.join('; ')}`);
      });
    }
    return {
      page,
      url: server.url,
      tmp,
      sandbox,
      pageErrors,
      close,
      async exportBlueprint() {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#blueprint-export'),
        ]);
        const text = readFileSync((await download.path()) as string, 'utf8');
        const file = path.join(tmp, `exported-${Date.now()}.json`);
        writeFileSync(file, text);
        return { file, blueprint: JSON.parse(text) };
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The session of the describe block this is called in, as every builder test file has it: opened
 * before its first test (`ready` then gets it, to keep its page or prepare more), closed after its
 * last, and after each test the page must have thrown nothing.
 */
export function useBuilderSession(
  options: OpenBuilderOptions,
  ready: (session: BuilderSession) => void | Promise<void>,
): void {
  let session: BuilderSession | undefined;
  beforeAll(async () => {
    session = await openBuilder(options);
    await ready(session);
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(() => {
    expect(session?.pageErrors).toEqual([]);
  });
}

/**
 * New, by a click (or Enter on the focused button), then waits until the page shows the new, empty
 * scenario: New saves the scenario on screen first, and a module added before it is done would go into
 * the old scenario, whose unsaved edit New then asks about.
 */
export async function newScenario(page: Page, how: 'click' | 'keyboard' = 'click'): Promise<void> {
  const before = await page.evaluate(() => (globalThis as any).location.hash); // eslint-disable-line @typescript-eslint/no-explicit-any
  if (how === 'click') await page.click('#blueprint-new');
  else {
    await page.focus('#blueprint-new');
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(
    (old) => (globalThis as any).location.hash !== old && !document.querySelector('#steps li.step'), // eslint-disable-line @typescript-eslint/no-explicit-any
    before,
  );
}

/** Waits for the run to end (or be refused) and returns its status. */
export async function waitForRunEnd(page: Page, previousRun?: string | null): Promise<string> {
  // A run after another: the last run's "success" stays on the page until the new one starts, so the end
  // waited for is the one shown with another run id than the last run's.
  await page.waitForFunction(
    (previous) =>
      ['success', 'warning', 'error', 'refused'].includes(
        document.querySelector('#run-status')?.textContent ?? '',
      ) &&
      (previous === undefined ||
        document.querySelector('#run-status')?.textContent === 'refused' || // a refusal has no run id
        (document.querySelector('#run-id')?.textContent ?? null) !== previous),
    previousRun,
    { timeout: 90000 },
  );
  return (await page.textContent('#run-status')) ?? '';
}

/** Clicks Run once (or `selector`) and waits for the end of the run that click started. */
export async function runAndWait(page: Page, selector = '#scenario-run'): Promise<string> {
  const previous = await shownRunId(page);
  await page.click(selector);
  return waitForRunEnd(page, previous);
}

/** The run id the page shows now (`run <id>`), or null before any run: what waitForRunEnd waits past. */
export const shownRunId = async (page: Page): Promise<string | null> =>
  (await page.locator('#run-id').count()) > 0 ? await page.textContent('#run-id') : null;

const TITLES = '#steps > li.step > .step-button .step-title';
export const stepTitles = (page: Page) => page.locator(TITLES).allTextContents();

/** The step list re-renders on the next frame: wait for it to show `expected`, then compare. */
export async function expectSteps(page: Page, expected: string[]): Promise<void> {
  await page
    .waitForFunction(
      ([selector, want]) =>
        JSON.stringify([...document.querySelectorAll(selector)].map((e: any) => e.textContent)) === want, // eslint-disable-line @typescript-eslint/no-explicit-any
      [TITLES, JSON.stringify(expected)],
      { timeout: 5000 },
    )
    .catch(() => undefined); // the comparison below reports the difference
  expect(await stepTitles(page)).toEqual(expected);
}

/** The settings form's fields in order (data-field paths), once it shows `expected` (it renders on the next frame). */
export async function expectFormFields(page: Page, expected: string[]): Promise<void> {
  const read = () =>
    page.locator('#step-form .field').evaluateAll((nodes) => nodes.map((n: any) => n.dataset.field)); // eslint-disable-line @typescript-eslint/no-explicit-any
  await page
    .waitForFunction(
      (want) =>
        JSON.stringify([...document.querySelectorAll('#step-form .field')].map((n) => n.dataset.field)) ===
        want,
      JSON.stringify(expected),
      { timeout: 5000 },
    )
    .catch(() => undefined); // the comparison below reports the difference
  expect(await read()).toEqual(expected);
}

/**
 * A flow's structure: module ids in order, a router as { module: [route flows…] }, a step with an
 * error handler as { id: { onerror: [handler route…] } } (a directive as its name, e.g. 'Resume').
 */
export function flowShape(flow: BlueprintNode[]): unknown {
  return flow.map((n) => {
    if (n.routes) return { [n.module]: n.routes.map((r: Blueprint) => flowShape(r.flow)) };
    const id = String(n.module).split(':')[1];
    return Array.isArray(n.onerror) ? { [id]: { onerror: flowShape(n.onerror) } } : id;
  });
}

/** The button of step `id` in the scenario's list. */
/** The exported blueprint's first step's mapper: what the form under test wrote. */
export const firstStepMapper = async (session: BuilderSession): Promise<BlueprintNode> =>
  (await session.exportBlueprint()).blueprint.flow[0].mapper;

export const stepButton = (id: number | string) => `#steps li[data-step-id="${id}"] > .step-button`;

/**
 * The first output bundle the inspector shows for step `id`, once it shows that step: selecting a step
 * re-renders the inspector on the next frame, and reading before that would read the previous step.
 */
export async function inspectorOutput(page: Page, id: number | string): Promise<BlueprintNode> {
  await headingShows(page, '#inspector-step', id);
  return JSON.parse((await page.locator('#inspector .bundle-output pre').first().textContent()) ?? '');
}

/**
 * Waits until the settings panel shows step `id`. The page renders on the next frame, so right after
 * a step is selected (or added) the panel may still hold the previous step's form, whose controls
 * share names like `[data-map-toggle="customer_uuid"]` and `#handler-directive`.
 */
export function editorShows(page: Page, id: number | string): Promise<void> {
  return headingShows(page, '#step-editor-title', id);
}

/** Waits until the heading `selector` (`<id>. <label>`) names step `id`. */
async function headingShows(page: Page, selector: string, id: number | string): Promise<void> {
  await page.waitForFunction(
    ([sel, stepId]) => document.querySelector(sel)?.textContent?.startsWith(`${stepId}.`),
    [selector, String(id)] as const,
  );
}
