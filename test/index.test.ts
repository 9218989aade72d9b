// The package main loads the engine, the server and the sandbox on first use: commands that need
// none of them (validate, iml, modules) must start without axios, express and SQLite.
import path from 'node:path';

const HEAVY = ['axios', 'express', 'better-sqlite3'];

/** Requires a fresh copy of the package main and reports which heavy packages got loaded. */
function withFreshMain(use: (main: typeof import('../runtime')) => Promise<void> | void): Promise<string[]> {
  const loaded: string[] = [];
  let done: Promise<void> | void = undefined;
  jest.isolateModules(() => {
    for (const name of HEAVY) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
    done = use(require('../runtime') as typeof import('../runtime'));
  });
  return Promise.resolve(done).then(() => loaded);
}

afterEach(() => {
  for (const name of HEAVY) jest.dontMock(name);
});

test('loading the package main and an app loads neither axios, express nor better-sqlite3', async () => {
  const loaded = await withFreshMain(async (main) => {
    const app = await main.loadApp(path.join(__dirname, '..'));
    expect(app.modules.length).toBeGreaterThan(0);
    expect(main.evaluate('{{1 + 1}}', {})).toBe(2);
  });
  expect(loaded).toEqual([]);
});

test('the engine (and axios) load on the first module run, and the run works through the lazy export', async () => {
  const loaded = await withFreshMain(async (main) => {
    const app = await main.loadApp(path.join(__dirname, '..'));
    const result = await main.runModule(app, 'getCustomer', {
      parameters: { customer_uuid: 'cus_1' },
      connection: { apiKey: 'lazy-main-key' },
      dryRun: true,
    });
    expect(result.requests?.[0]).toMatchObject({
      method: 'GET',
      url: 'https://api.chartmogul.com/v1/customers/cus_1',
    });
  });
  expect(loaded).toEqual(['axios']);
});
