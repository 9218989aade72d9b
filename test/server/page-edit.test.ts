/**
 * The builder's blueprint edits (runtime/server/public/js/edit.js, browser code, run in a child node
 * process). The prefix of a new step: a blueprint exported from Make names the deployed app
 * (`app#chartmogul-x1y2:`), and steps added to it must name the same app, or Make would not find them
 * on import. Moves around an error handler route: Make ends the route with its directive. Edits
 * around a Router: nothing goes after one (the runner refuses that blueprint).
 */
import path from 'node:path';
import { loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import type { App } from '../../runtime/types/app';
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

describe("an error handler route's directive stays last", () => {
  // Step 2 has a handler route: step 3, then its Resume directive (4); step 5 follows in the main flow.
  const handled = () => ({
    flow: [
      step(1, 'app#shop:a'),
      { ...step(2, 'app#shop:b'), onerror: [step(3, 'app#shop:c'), step(4, 'builtin:Resume')] },
      step(5, 'app#shop:d'),
    ],
  });
  /** Runs an edit on the blueprint and returns it as the page left it, with what the edit answered. */
  const edit = (call: string) =>
    inPageModule<{ answer: unknown; ids: unknown }>(
      'edit.js',
      `(() => { const b = ${js(handled())}; const answer = m.${call.replace('BP', 'b')};
        const ids = (list) => list.map((n) => (n.onerror ? { [n.id]: ids(n.onerror) } : n.id));
        return { answer, ids: ids(b.flow) }; })()`,
    );

  test('a step moved into the handler, or dropped after its directive, goes before the directive', () => {
    expect(edit('moveNodeTo(BP, 5, { handler: 2 })')).toEqual({ answer: true, ids: [1, { 2: [3, 5, 4] }] });
    expect(edit('moveNodeTo(BP, 1, { after: 4 })')).toEqual({ answer: true, ids: [{ 2: [3, 1, 4] }, 5] });
  });

  test('the directive moves neither across places nor within its route, and nothing moves below it', () => {
    expect(edit('moveNodeTo(BP, 4, { after: 5 })').answer).toBe(false);
    expect(edit('moveNode(BP, 4, -1)').answer).toBe(false);
    expect(edit('moveNode(BP, 3, 1)').answer).toBe(false);
    expect(edit('moveNodeTo(BP, 2, { handler: 2 })').answer).toBe(false); // a step into its own handler
  });

  test('placesOf and enclosingPlace see the handler route as a place of its module', () => {
    const found = inPageModule<unknown>(
      'edit.js',
      `(() => { const p = m.enclosingPlace(${js(handled().flow)}, 3); return { owner: p.owner.id, index: p.index, places: p.places.map((x) => x.place) }; })()`,
    );
    expect(found).toEqual({ owner: 2, index: 0, places: [{ handler: 2 }] });
  });
});

describe('a Router ends its flow: no edit places a step after one', () => {
  const customers = (id: number) => ({ ...step(id, 'app#chartmogul:listCustomers'), mapper: { limit: 1 } });
  const router = (id: number, ...routes: unknown[][]) => ({
    ...step(id, 'builtin:BasicRouter'),
    mapper: null,
    routes: routes.map((flow) => ({ flow })),
  });
  // Steps 1 and 2, then router 3 with step 4 in route 1 and an empty route 2.
  const routed = () => ({ flow: [customers(1), customers(2), router(3, [customers(4)], [])] });
  /** Runs an edit; returns what it answered, the ids as nested, and the blueprint for the runner. */
  const edit = (call: string) =>
    inPageModule<{ answer: unknown; ids: unknown; blueprint: { flow: unknown[] } }>(
      'edit.js',
      `(() => { const b = ${js(routed())}; const answer = m.${call.replace('BP', 'b')};
        const ids = (list) => list.map((n) => (n.routes ? { [n.id]: n.routes.map((r) => ids(r.flow)) } : n.id));
        return { answer, ids: ids(b.flow), blueprint: b }; })()`,
    );
  let app: App;
  beforeAll(async () => {
    app = await loadApp(path.resolve(__dirname, '../..'));
  });

  test.each([
    [
      'a step added after the router goes to the end of its route 1',
      'insertNode(BP, ' + js(customers(9)) + ', { after: 3 })',
      [1, 2, { 3: [[4, 9], []] }],
    ],
    [
      'a step added at the end of the flow too',
      'insertNode(BP, ' + js(customers(9)) + ')',
      [1, 2, { 3: [[4, 9], []] }],
    ],
    [
      'a router put between steps takes the steps after it into its route 1',
      'insertNode(BP, ' + js(router(9, [], [])) + ', { after: 1 })',
      [1, { 9: [[2, { 3: [[4], []] }], []] }],
    ],
    [
      'a step dropped on the router goes into its route 1',
      'moveNodeTo(BP, 1, { after: 3 })',
      [2, { 3: [[4, 1], []] }],
    ],
    [
      'a step taken out of route 1 lands before the router',
      'moveNodeTo(BP, 4, { before: 3 })',
      [1, 2, 4, { 3: [[], []] }],
    ],
    ['Alt+Down does not pass the router', 'moveNode(BP, 2, 1)', [1, 2, { 3: [[4], []] }]],
    ['Alt+Up does not move the router above a step', 'moveNode(BP, 3, -1)', [1, 2, { 3: [[4], []] }]],
  ])('%s, and the runner takes the result', (_name, call, ids) => {
    const result = edit(call);
    expect(result.ids).toEqual(ids);
    expect(() => buildScenario(app, result.blueprint)).not.toThrow();
  });
});
