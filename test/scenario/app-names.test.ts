/** Which app a blueprint step names (issue 20): this app's name or its Make remote names, each with Make's suffix. */
import { appNames, namesThisApp } from '../../runtime/scenario/app-names';
import { loadApp } from '../../runtime/definitions';
import { copyFixture, editJson, removeCopies } from '../definitions/fixture';

afterAll(removeCopies);

const app = { name: 'chartmogul', remoteNames: ['chartmogul-ab12cd', 'billing-tools'] };

test.each([
  ['chartmogul', true],
  ['chartmogul-x1y2z3', true],
  ['chartmogul-ab12cd', true],
  ['billing-tools', true],
  ['billing-tools-9e1ue3', true],
  ['stripe', false],
  ['chartmogulx', false],
  ['chartmogul_x1', false],
  ['chartmogul-', false],
  ['chartmogul-X1Y2', false],
  ['stripe-chartmogul', false],
  ['chart', false],
])('%s names this app: %s', (name, expected) => {
  expect(namesThisApp(app, name)).toBe(expected);
});

test('loadApp takes the remote names from makecomapp.json origins', async () => {
  const dir = copyFixture();
  editJson(dir, 'makecomapp.json', (m) => {
    m.origins = [
      {
        label: 'EU',
        baseUrl: 'https://eu1.make.com/api',
        appId: 'things-ab12cd',
        appVersion: 1,
        apikeyFile: 'k',
      },
      {
        label: 'US',
        baseUrl: 'https://us1.make.com/api',
        appId: 'things-us9x',
        appVersion: 1,
        apikeyFile: 'k',
      },
    ];
  });
  const loaded = await loadApp(dir);
  expect(appNames(loaded)).toEqual(['things-ab12cd', 'things-us9x']);
  expect(namesThisApp(loaded, 'things-us9x')).toBe(true);
  expect(namesThisApp(loaded, 'demo')).toBe(false);
});
