/**
 * Fields whose options or nested fields come from an RPC ask it again as soon as a value they depend
 * on is edited (fixtures/shipping-app's Book a Locker: the lockers depend on the postcode, which the
 * RPC reads, and the country, which the reference's query names; the postcode's delivery fields
 * depend on both). A select asks at once; typing asks once the typing pauses, not once per key; an
 * answer already in is reused; and an older answer arriving late never replaces a newer one.
 */
import type { Page, Request, Route } from 'playwright-core';
import {
  expectFormFields,
  firstStepMapper,
  SHIPPING_APP,
  useBuilderSession,
  type BuilderSession,
} from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any

type Asked = { rpc: string; parameters: Record<string, unknown> };

describe('builder: RPC-backed fields ask again when a value they depend on changes', () => {
  let session: BuilderSession;
  let page: Page;
  /** What the page asked the RPC route, in order. */
  const asked: Asked[] = [];

  useBuilderSession({ appDir: SHIPPING_APP, prefix: 'workbench-rpc-refetch-' }, (opened) => {
    session = opened;
    page = session.page;
    page.on('request', (request: Request) => {
      const rpc = /\/api\/rpcs\/(\w+)$/.exec(request.url())?.[1];
      if (rpc && request.method() === 'POST')
        asked.push({ rpc, parameters: request.postDataJSON().parameters });
    });
  });

  const askedOf = (rpc: string) => asked.filter((a) => a.rpc === rpc).map((a) => a.parameters);

  /** The Locker select's options once its latest answer is shown (the empty choice left out). */
  async function lockerOptions(): Promise<string[]> {
    await page.waitForSelector('#f1-locker[data-loaded="true"]');
    return page.locator('#f1-locker option:not([value=""])').allTextContents();
  }

  /**
   * Waits until the page has settled the call for these values: its answer is in the page's cache.
   * The page's own rpc-calls.js instance is read (imported by URL, as text: ts-jest would turn an
   * import() in a function into require).
   */
  async function answerIn(rpc: string, parameters: Record<string, unknown>): Promise<void> {
    await page.evaluate(`import('/js/rpc-calls.js').then((calls) => { window.rpcCallsForTests = calls; })`);
    await page.waitForFunction(
      ([name, values]) => {
        const outcome = window.rpcCallsForTests.rpcOutcome(name, values);
        return outcome !== undefined && outcome !== 'loading';
      },
      [rpc, parameters] as const,
    );
  }

  /**
   * Types `text` into the postcode a key at a time, every key within one task of the page: no timer can
   * fire between two keys, so however slow the machine, this is typing faster than the pause.
   */
  const typePostcode = (text: string) =>
    page.evaluate((typed) => {
      const input = document.querySelector('#f1-postcode');
      input.focus();
      input.value = '';
      for (const key of typed) {
        input.value += key;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, text);

  const FIELDS = ['country', 'postcode', 'locker', 'max_distance_km', 'delivery'];

  test('a select asks at once; typing asks once it pauses, not once per key', async () => {
    await page.click('[data-module-id="bookLocker"]');
    await expectFormFields(page, FIELDS);
    expect(await lockerOptions()).toEqual([]);
    expect(askedOf('rpcLockers')).toEqual([{}]);

    await page.selectOption('#f1-country', 'cz');
    await answerIn('rpcLockers', { country: 'cz' });
    expect(askedOf('rpcLockers')).toEqual([{}, { country: 'cz' }]);

    await typePostcode('11000');
    await answerIn('rpcLockers', { country: 'cz', postcode: '11000' });
    expect(await lockerOptions()).toEqual(['Old Town Square', 'Wenceslas Square']);
    expect(askedOf('rpcLockers')).toEqual([{}, { country: 'cz' }, { country: 'cz', postcode: '11000' }]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f1-postcode');
  });

  test('nested fields from an RPC ask again when any value they depend on changes, not only their parent', async () => {
    await page.selectOption('#f1-delivery', 'door');
    await expectFormFields(page, [...FIELDS, 'doorbell']);
    await page.fill('#f1-doorbell', 'Novák');

    await typePostcode('60200');
    await answerIn('rpcDeliveryFields', { country: 'cz', postcode: '60200', delivery: 'door' });
    expect(await lockerOptions()).toEqual(['Brno Main Station']);
    await expectFormFields(page, [...FIELDS, 'doorbell']);
    expect(await page.inputValue('#f1-doorbell')).toBe('Novák'); // the new answer has the field too

    // The country is not the fields' parent: its change still asks, and swaps them.
    await page.selectOption('#f1-country', 'sk');
    await expectFormFields(page, [...FIELDS, 'entrance']);
    expect(await lockerOptions()).toEqual([]);
    expect(askedOf('rpcDeliveryFields')).toEqual([
      { country: 'cz', postcode: '11000', delivery: 'door' },
      { country: 'cz', postcode: '60200', delivery: 'door' },
      { country: 'sk', postcode: '60200', delivery: 'door' },
    ]);
    // A field the new answer lacks takes its value with it, as when a parent changes.
    expect(await firstStepMapper(session)).toEqual({ country: 'sk', postcode: '60200', delivery: 'door' });
  });

  test('values asked before are answered from the page, not asked again', async () => {
    const before = asked.length;
    await page.selectOption('#f1-country', 'cz');
    await expectFormFields(page, [...FIELDS, 'doorbell']);
    expect(await lockerOptions()).toEqual(['Brno Main Station']);
    expect(await page.inputValue('#f1-doorbell')).toBe('');
    expect(asked.length).toBe(before);
  });

  /**
   * Holds back the answers of `rpc` asked with values that `held` picks, until `release`; `asked`
   * settles once the page has asked such a call. `stop` releases and removes the hold.
   */
  async function holdAnswers(rpc: string, held: (parameters: Record<string, unknown>) => boolean) {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = `**/api/rpcs/${rpc}`;
    const handler = async (route: Route) => {
      if (held(route.request().postDataJSON().parameters)) await gate;
      await route.continue();
    };
    const asked = page.waitForRequest(
      (r) => r.url().endsWith(`/api/rpcs/${rpc}`) && held(r.postDataJSON().parameters),
    );
    await page.route(url, handler);
    const stop = async () => {
      release();
      await page.unroute(url, handler);
    };
    return { asked, release, stop };
  }

  test('an older answer arriving after a newer one does not replace it', async () => {
    await page.selectOption('#f1-delivery', ''); // no nested fields: the form is not rebuilt below
    await expectFormFields(page, FIELDS);
    // The answer for 70200 is held back until the page shows the one for 60200 again (from its cache).
    const hold = await holdAnswers('rpcLockers', (values) => values.postcode === '70200');
    try {
      await typePostcode('70200');
      await hold.asked;
      await typePostcode('60200');
      expect(await lockerOptions()).toEqual(['Brno Main Station']);

      hold.release();
      await answerIn('rpcLockers', { country: 'cz', postcode: '70200' });
      expect(await lockerOptions()).toEqual(['Brno Main Station']);
    } finally {
      await hold.stop();
    }
  });

  test('an older answer for nested fields arriving late neither shows its fields nor drops a value', async () => {
    await page.selectOption('#f1-delivery', 'door');
    await typePostcode('70200');
    await expectFormFields(page, [...FIELDS, 'doorbell']);
    // Slovakia's fields (an entrance, no doorbell) are held back until Czechia is chosen again.
    const hold = await holdAnswers('rpcDeliveryFields', (values) => values.country === 'sk');
    try {
      await page.selectOption('#f1-country', 'sk');
      await hold.asked;
      await page.selectOption('#f1-country', 'cz');
      await expectFormFields(page, [...FIELDS, 'doorbell']);
      await page.fill('#f1-doorbell', 'Dvořák');

      hold.release();
      await answerIn('rpcDeliveryFields', { country: 'sk', postcode: '70200', delivery: 'door' });
      await expectFormFields(page, [...FIELDS, 'doorbell']);
      expect(await page.inputValue('#f1-doorbell')).toBe('Dvořák');
      expect(await firstStepMapper(session)).toEqual({
        country: 'cz',
        postcode: '70200',
        delivery: 'door',
        doorbell: 'Dvořák',
      });
    } finally {
      await hold.stop();
    }
  });
});
