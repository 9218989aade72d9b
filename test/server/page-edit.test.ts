/**
 * The prefix the builder gives a new step (runtime/server/public/js/edit.js, browser code, run in a
 * child node process): a blueprint exported from Make names the deployed app (`app#chartmogul-x1y2:`),
 * and steps added to it must name the same app, or Make would not find them on import.
 */
import { inPageModule, js } from './page-module';

function appPrefix(blueprint: unknown, appName: string): string {
  return inPageModule('edit.js', `m.appPrefix(${js(blueprint)}, ${js(appName)})`);
}

const step = (id: number, module: string) => ({ id, module, version: 1, parameters: {}, mapper: {} });

test("a new step names the app the blueprint's app steps already name, routes and handlers included", () => {
  expect(appPrefix({ flow: [step(1, 'app#chartmogul-x1y2:listCustomers')] }, 'chartmogul')).toBe(
    'app#chartmogul-x1y2:',
  );
  const routed = {
    flow: [
      { ...step(1, 'builtin:BasicRouter'), routes: [{ flow: [step(2, 'app#chartmogul-q9:getCustomer')] }] },
    ],
  };
  expect(appPrefix(routed, 'chartmogul')).toBe('app#chartmogul-q9:');
});

test("an empty blueprint, or one of built-ins only, gets the loaded app's name", () => {
  expect(appPrefix({ flow: [] }, 'chartmogul')).toBe('app#chartmogul:');
  expect(appPrefix({ flow: [step(1, 'builtin:BasicRouter'), step(2, 'json:ParseJSON')] }, 'shop')).toBe(
    'app#shop:',
  );
});
