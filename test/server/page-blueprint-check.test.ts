/**
 * The page flags, per step and before anything runs, exactly the blueprints the runner refuses for
 * their modules and places (runtime/server/public/js/blueprint-check.js against
 * runtime/scenario/blueprint.ts buildScenario, and the runner's trigger rule in
 * runtime/scenario/triggers/trigger-node.ts): an unknown module, a module after a Router, a trigger
 * anywhere but first.
 */
import path from 'node:path';
import { loadApp } from '../../runtime/index';
import { buildScenario } from '../../runtime/scenario/blueprint';
import { triggerOf } from '../../runtime/scenario/triggers/trigger-node';
import type { App } from '../../runtime/types/app';
import { inPageModule, js } from './page-module';

const APP_DIR = path.resolve(__dirname, '../..');

type Node = Record<string, unknown>;
const app = (id: number, module: string, extra: Node = {}): Node => ({
  id,
  module: `app#chartmogul:${module}`,
  version: 1,
  parameters: {},
  mapper: module === 'listCustomers' ? { limit: 1 } : {},
  ...extra,
});
const router = (id: number, ...routes: Node[][]): Node => ({
  id,
  module: 'builtin:BasicRouter',
  version: 1,
  mapper: null,
  routes: routes.map((flow) => ({ flow })),
});

const CASES: [string, Node[]][] = [
  ['a plain flow', [app(1, 'listCustomers'), app(2, 'listCustomers')]],
  ['a router last, steps in its routes', [app(1, 'listCustomers'), router(2, [app(3, 'listCustomers')], [])]],
  ['a module after a router', [app(1, 'listCustomers'), router(2, [], []), app(3, 'listCustomers')]],
  ['a module after a router inside a route', [router(1, [router(2, []), app(3, 'listCustomers')])]],
  ['an unknown module', [app(1, 'noSuchModule')]],
  [
    'a built-in the runner knows',
    [app(1, 'listCustomers'), { id: 2, module: 'util:SetVariable2', mapper: {} }],
  ],
  ['an unknown built-in', [{ id: 1, module: 'util:NoSuchThing', mapper: {} }]],
  ['a trigger first', [app(1, 'watchCustomers'), app(2, 'listCustomers')]],
  ['an instant trigger first', [app(1, 'watchMrrMovements'), app(2, 'listCustomers')]],
  ['a trigger second', [app(1, 'listCustomers'), app(2, 'watchCustomers')]],
  ['a trigger in a route', [app(1, 'watchCustomers'), router(2, [app(3, 'watchContacts')])]],
  [
    'an error handler with its directive',
    [app(1, 'listCustomers', { onerror: [{ id: 2, module: 'builtin:Ignore', version: 1 }] })],
  ],
];

let loaded: App;
beforeAll(async () => {
  loaded = await loadApp(APP_DIR);
});

const ids = (flow: Node[]): number[] =>
  flow.flatMap((n) => [
    n.id as number,
    ...((n.routes as { flow: Node[] }[] | undefined) ?? []).flatMap((r) => ids(r.flow)),
    ...ids((n.onerror as Node[] | undefined) ?? []),
  ]);

test.each(CASES)('%s: the page flags a step exactly when the runner refuses the blueprint', (_name, flow) => {
  const modules = loaded.modules.map((m) => m.id);
  const triggers = loaded.modules.filter((m) => /trigger/.test(m.type)).map((m) => m.id);
  const flagged = inPageModule<Record<string, string[]>>(
    'blueprint-check.js',
    `Object.fromEntries(${js(ids(flow))}.map((id) => [id, m.placeProblems(${js(flow)}, id, (name) => ${js(modules)}.includes(name), (name) => ${js(triggers)}.includes(name)).map((p) => p.message)]).filter(([, p]) => p.length))`,
  );
  let refused: string | null = null;
  try {
    triggerOf(loaded, buildScenario(loaded, { name: 'case', flow }));
  } catch (err) {
    refused = (err as Error).message;
  }
  expect({ pageFlags: Object.keys(flagged).length > 0 }).toEqual({ pageFlags: refused !== null });
  // Each step the page flags is one the runner's message names.
  for (const id of Object.keys(flagged)) expect(refused).toMatch(new RegExp(`\\b${id}\\b`));
});
