/**
 * The connection dialog generated from the loaded app's connection parameters (issue 20), in Chromium,
 * on two apps that are not ChartMogul:
 * - Mistral AI, a real public Make app read where it lies in ../shared/make-apps (an API-key
 *   connection). It lives in the browser suite because it needs ../shared, which `npm test` clones do
 *   not have; CI has it (`npm run conformance` reads it too). Without it this file fails, never skips.
 * - test/fixtures/oauth-app (none of the real apps uses OAuth): Sign in through a provider on loopback.
 * - test/fixtures/pin-app: a select and a pattern-checked password; and this app, whose form sits
 *   beside the embedded sandbox.
 * Each: the form is built from the specs, checked by the module forms' rules, saved (PUT) or signed
 * in (OAuth), and a module run carries the credential to a loopback server; the secret is in no
 * server answer the page received and not in the page's HTML.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { startServer } from '../../runtime/index';
import { startTestServer, type TestServer } from '../communication/helpers';
import { launchBrowser, screenshot, type Browser } from './browser';
import { useBuilderSession } from './builder-session';

declare const document: { querySelector(s: string): { textContent: string | null } | null };
declare const window: { dispatchEvent(event: Event): boolean };

const MISTRAL = path.resolve(
  __dirname,
  '../../../shared/make-apps/Ichy77__Open-Source-Make-Apps__mistral-ai',
);
const OAUTH_APP = path.resolve(__dirname, '../fixtures/oauth-app');

interface Session {
  page: Page;
  browser: Browser;
  /** Every /api and /oauth answer's body the page received. */
  answers: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

async function open(appDir: string, target: string): Promise<Session> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-connform-'));
  const server = await startServer({
    port: 0,
    appDir,
    target,
    sandboxDbPath: path.join(tmp, 'sandbox.db'),
    historyPath: path.join(tmp, 'history.db'),
  });
  const browser = await launchBrowser();
  const answers: string[] = [];
  const pageErrors: string[] = [];
  const keep = (res: Response) => {
    if (/\/(api|oauth)\//.test(new URL(res.url()).pathname))
      res.text().then(
        (text) => answers.push(text),
        () => undefined, // a redirect or a closed page has no body to read
      );
  };
  browser.context.on('response', keep);
  browser.page.on('pageerror', (err) => pageErrors.push(err.message));
  await browser.page.setViewportSize({ width: 1440, height: 900 });
  await browser.page.goto(server.url);
  await browser.page.waitForSelector('body[data-ready="true"]');
  return {
    page: browser.page,
    browser,
    answers,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

const statusMatches = (page: Page, pattern: RegExp) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('#connection-label')?.textContent ?? ''),
    pattern.source,
  );

/** A field's error once painted: the checks answer after the runtime's pattern verdicts (POST /api/check). */
async function fieldError(page: Page, name: string): Promise<string> {
  const selector = `[data-error-for="${name}"]`;
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '') !== '', selector, {
    timeout: 15000,
  });
  return (await page.textContent(selector)) ?? '';
}

async function runModule(page: Page, id: string): Promise<string> {
  await page.click(`[data-run-module-id="${id}"]`);
  await page.fill('#module-params', '{}');
  await page.click('#module-run');
  await page.waitForSelector('#module-summary, #module-error');
  return (await page.textContent('#module-result')) ?? '';
}

describe('an API-key connection: Mistral AI from ../shared/make-apps', () => {
  const KEY = 'mk_RECOGNIZABLE_MISTRAL_KEY';
  let api: TestServer;
  let s: Session;

  beforeAll(async () => {
    if (!existsSync(path.join(MISTRAL, 'makecomapp.json')))
      throw new Error(`This test reads the real Mistral AI app at ${MISTRAL} (../shared); it is missing.`);
    api = await startTestServer((req) =>
      req.headers.authorization === `Bearer ${KEY}`
        ? { body: { object: 'list', data: [{ id: 'mistral-small', object: 'model' }] } }
        : { status: 401, body: { detail: { msg: 'Unauthorized' } } },
    );
    s = await open(MISTRAL, api.url);
  });
  afterAll(async () => {
    await s?.close();
    await api?.close();
  });
  afterEach(() => expect(s.pageErrors).toEqual([]));

  test('the form is the app’s: its API Key as a password field, no sandbox offered, checked before anything is sent', async () => {
    const { page } = s;
    // Nothing given yet: the top bar says so, and nothing was sent to test it.
    expect(await page.textContent('#connection-label')).toBe('Mistral: not connected yet');
    expect(api.requests).toEqual([]);
    // The page is the served app's workbench, not ChartMogul's.
    expect([await page.textContent('header h1'), await page.title()]).toEqual([
      'Mistral workbench',
      'Mistral workbench',
    ]);
    await page.click('#connection-open');
    expect(await page.isHidden('#connection-modes')).toBe(true);
    expect(await page.isHidden('#connection-signin')).toBe(true);
    expect(await page.textContent('#connection-fields label')).toBe('API Key *');
    expect(await page.getAttribute('#conn-param-apiKey', 'type')).toBe('password');
    // No Map toggle: a connection takes plain values.
    expect(await page.locator('#connection-fields [data-map-toggle]').count()).toBe(0);

    const before = api.requests.length;
    await page.click('#connection-save');
    expect(await fieldError(page, 'apiKey')).toBe('Required');
    expect(await page.textContent('#connection-result')).toBe('Fill in the connection: API Key (Required)');
    expect(await page.isVisible('#connection-dialog')).toBe(true);
    expect(api.requests.length).toBe(before);
    // The problem goes as it is fixed.
    await page.fill('#conn-param-apiKey', KEY);
    expect(await page.textContent('[data-error-for="apiKey"]')).toBe('');
    expect(await page.getAttribute('#conn-param-apiKey', 'aria-invalid')).toBe('false');
    expect(await page.textContent('#connection-result')).toBe('');
    await screenshot(page, '30-connection-form-api-key');
  });

  test('Save sends the key; the top bar tests it; a module run carries it to the API', async () => {
    const { page } = s;
    await page.click('#connection-save');
    await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
    await statusMatches(page, /^Mistral: connected/);
    // The connection's own check went to the loopback API with the key.
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    const result = await runModule(page, 'getModels');
    expect(result).toContain('mistral-small');
    const run = api.requests.at(-1)!;
    expect([run.method, run.path, run.headers.authorization]).toEqual(['GET', '/v1/models', `Bearer ${KEY}`]);
  });

  test('reopened, the form is empty; an empty Save keeps the saved key', async () => {
    const { page } = s;
    await page.click('#connection-open');
    expect(await page.inputValue('#conn-param-apiKey')).toBe('');
    expect(await page.textContent('#connection-current')).toContain(api.url);
    await page.click('#connection-save');
    await page.waitForSelector('#connection-dialog:not([open])', { state: 'attached' });
    await statusMatches(page, /^Mistral: connected/);
    expect(await runModule(page, 'getModels')).toContain('mistral-small');
  });

  test('Test tries the typed key without saving it; the top bar keeps the saved one', async () => {
    const { page } = s;
    await page.click('#connection-open');
    await page.fill('#conn-param-apiKey', 'mk_RECOGNIZABLE_WRONG_KEY');
    await page.click('#connection-test');
    await page.waitForFunction(() =>
      /^Not saved: /.test(document.querySelector('#connection-result')?.textContent ?? ''),
    );
    expect(await page.textContent('#connection-result')).toMatch(/^Not saved: Mistral: .*Unauthorized/);
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer mk_RECOGNIZABLE_WRONG_KEY');
    await page.click('#connection-close');
    expect(await page.textContent('#connection-label')).toMatch(/^Mistral: connected/);
  });

  test('the key is in no answer the page received and not in its HTML', async () => {
    expect(s.answers.some((text) => text.includes('mistral-small'))).toBe(true); // the runs' answers are here
    for (const text of s.answers) expect(text).not.toContain('RECOGNIZABLE');
    expect(await s.page.content()).not.toContain('RECOGNIZABLE');
  });
});

describe('an OAuth 2 connection: test/fixtures/oauth-app with a provider on loopback', () => {
  const SECRET = 'cs_RECOGNIZABLE_CLIENT_SECRET';
  const TOKENS = { access_token: 'at_RECOGNIZABLE_TOKEN', refresh_token: 'rt_RECOGNIZABLE_TOKEN' };
  let provider: TestServer;
  let s: Session;

  beforeAll(async () => {
    provider = await startTestServer((req) => {
      if (req.path === '/oauth/token') {
        const form = new URLSearchParams(req.body);
        return form.get('code') === 'granted-code' && form.get('client_secret') === SECRET
          ? { body: { ...TOKENS, expires_in: 3600 } }
          : { status: 400, body: { error: 'bad grant' } };
      }
      if (req.path === '/me' && req.headers.authorization === `Bearer ${TOKENS.access_token}`)
        return { body: { name: 'Ann' } };
      return { status: 401, body: { error: 'no token' } };
    });
    s = await open(OAUTH_APP, provider.url);
    // The provider's consent page, in the browser: the user says yes, and it sends the browser back to
    // the redirect URI with a code and the state it was given (only this page is played here; the code
    // is exchanged by the workbench over real HTTP with the loopback provider).
    await s.browser.context.route('https://notes.example.com/oauth/authorize**', (route) => {
      const asked = new URL(route.request().url());
      const back = new URL(asked.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', 'granted-code');
      back.searchParams.set('state', asked.searchParams.get('state')!);
      return route.fulfill({ status: 302, headers: { location: back.toString() } });
    });
  });
  afterAll(async () => {
    await s?.close();
    await provider?.close();
  });
  afterEach(() => expect(s.pageErrors).toEqual([]));

  test('the form has the client id and secret and a Sign in button', async () => {
    const { page } = s;
    await page.click('#connection-open');
    expect(await page.isVisible('#connection-signin')).toBe(true);
    expect(await page.locator('#connection-fields label').allTextContents()).toEqual([
      'Client ID *',
      'Client Secret *',
    ]);
    expect(await page.getAttribute('#conn-param-clientId', 'type')).toBe('text');
    expect(await page.getAttribute('#conn-param-clientSecret', 'type')).toBe('password');
    // Sign in checks the form first: nothing opens while a field is missing.
    await page.fill('#conn-param-clientId', 'client-1');
    await page.click('#connection-signin');
    expect(await fieldError(page, 'clientSecret')).toBe('Required');
    expect(s.browser.context.pages().length).toBe(1);
    await page.fill('#conn-param-clientSecret', SECRET);
    await screenshot(page, '31-connection-form-oauth');
  });

  test('Sign in opens the provider, the callback connects, and back on the page the connection is tested', async () => {
    const { page, browser } = s;
    const [popup] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.click('#connection-signin'),
    ]);
    await popup.waitForLoadState();
    await popup.waitForSelector('text=Connected as Ann');
    expect(new URL(popup.url()).pathname).toBe('/oauth/callback');
    await popup.close();
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await statusMatches(page, /^Notes \(OAuth 2\): connected as Ann/);
    expect(await page.isVisible('#connection-dialog')).toBe(false);
  });

  test('a module run carries the access token to the API', async () => {
    expect(await runModule(s.page, 'getMe')).toContain('Ann');
    expect(provider.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKENS.access_token}`);
  });

  test('no token nor the client secret is in any answer the page received, nor in its HTML', async () => {
    expect(s.answers.some((text) => text.includes('Connected as Ann'))).toBe(true); // the callback's too
    for (const text of s.answers) expect(text).not.toContain('RECOGNIZABLE');
    expect(await s.page.content()).not.toContain('RECOGNIZABLE');
  });
});

describe('a form with a choice and a rule: test/fixtures/pin-app (a select and a PIN pattern)', () => {
  const PIN = '73194862';
  let api: TestServer;
  let s: Session;

  beforeAll(async () => {
    api = await startTestServer((req) =>
      req.headers['x-pin'] === PIN
        ? { body: { echo: `door ${req.headers['x-door']} opened` } }
        : { status: 403, body: { error: 'wrong pin' } },
    );
    s = await open(path.resolve(__dirname, '../fixtures/pin-app'), api.url);
  });
  afterAll(async () => {
    await s?.close();
    await api?.close();
  });
  afterEach(() => expect(s.pageErrors).toEqual([]));

  test('the select offers the spec’s options; the PIN’s pattern is checked as the runtime checks it', async () => {
    const { page } = s;
    await page.click('#connection-open');
    expect(await page.locator('#conn-param-door option').allTextContents()).toEqual(
      expect.arrayContaining(['Front', 'Back']),
    );
    await page.selectOption('#conn-param-door', { label: 'Back' });
    await page.fill('#conn-param-pin', '12ab');
    await page.click('#connection-save');
    expect(await fieldError(page, 'pin')).toBe('Must match ^[0-9]{4,8}$');
    expect(api.requests).toEqual([]);
    await screenshot(page, '32-connection-form-select-pattern');
    await page.fill('#conn-param-pin', PIN);
    await page.click('#connection-save');
    await statusMatches(page, /^Door \(PIN\): connected/);
    expect(await runModule(page, 'getEcho')).toContain('door back opened');
    expect(api.requests.at(-1)?.headers['x-pin']).toBe(PIN);
  });

  test('the PIN is in no answer the page received and not in its HTML', async () => {
    expect(s.answers.some((text) => text.includes('door back opened'))).toBe(true);
    for (const text of s.answers) expect(text).not.toContain(PIN);
    expect(await s.page.content()).not.toContain(PIN);
  });
});

describe('this app (ChartMogul): the same generated form beside the embedded sandbox', () => {
  let page: Page;
  useBuilderSession({ apiKey: null, prefix: 'workbench-connform-cm-' }, (opened) => {
    page = opened.page;
  });

  test('its API Key, and its Secret Key under the advanced settings; the sandbox choice hides them', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click('#connection-open');
    expect(await page.isVisible('#connection-modes')).toBe(true);
    expect(await page.isHidden('#connection-signin')).toBe(true);
    expect(await page.locator('#connection-fields .field:visible label').allTextContents()).toEqual([
      'API Key *',
    ]);
    await page.click('#connection-fields button[aria-expanded="false"]');
    expect(await page.getAttribute('#conn-param-secretKey', 'type')).toBe('password');
    await screenshot(page, '33-connection-form-chartmogul');
    await page.check('#mode-sandbox');
    expect(await page.isHidden('#key-fields')).toBe(true);
    await page.click('#connection-close');
  });
});
