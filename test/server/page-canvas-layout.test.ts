/**
 * The canvas layout (runtime/server/public/js/canvas-layout.js, browser code run in a child node
 * process): every step gets one cell and no two things share one, however routes and error handlers
 * nest; a router's routes fan out one column further, one under the other; a handler hangs below its
 * module; slots end every flow that may go on, and every link joins two things that are there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inPageModule, js } from './page-module';

type Node = { id: number; module: string; routes?: { flow: Node[] }[]; onerror?: Node[] };
type Cell = { kind: 'node' | 'slot'; id?: string; key?: string; col: number; row: number };
type Link = { from: string; to: { id?: string; slot?: string }; kind: string };
type Layout = { cells: Cell[]; links: Link[]; cols: number; rows: number };

const layout = (flow: Node[]) => inPageModule<Layout>('canvas-layout.js', `m.layoutFlow(${js(flow)})`);
const app = (id: number, extra: Partial<Node> = {}): Node => ({
  id,
  module: 'app#x:listCustomers',
  ...extra,
});
const router = (id: number, ...routes: Node[][]): Node => ({
  id,
  module: 'builtin:BasicRouter',
  routes: routes.map((flow) => ({ flow })),
});
const ignore = (id: number): Node => ({ id, module: 'builtin:Ignore' });

function checkWhole(flow: Node[], result: Layout): void {
  const ids = (list: Node[]): string[] =>
    list.flatMap((n) => [
      String(n.id),
      ...(n.routes ?? []).flatMap((r) => ids(r.flow)),
      ...ids(n.onerror ?? []),
    ]);
  const nodes = result.cells.filter((c) => c.kind === 'node').map((c) => c.id);
  expect(nodes.sort()).toEqual(ids(flow).sort());
  const places = result.cells.map((c) => `${c.col},${c.row}`);
  expect(new Set(places).size).toBe(places.length); // nothing overlaps
  const there = new Set(result.cells.map((c) => (c.kind === 'node' ? `n${c.id}` : `s${c.key}`)));
  for (const link of result.links) {
    expect(there).toContain(`n${link.from}`);
    expect(there).toContain(link.to.id ? `n${link.to.id}` : `s${link.to.slot}`);
  }
}

test('a router fans out its routes one column further, one under the other; slots end each route', () => {
  const flow = [app(1), router(2, [app(3), app(4)], [], [app(5)])];
  const result = layout(flow);
  checkWhole(flow, result);
  const at = (id: number) => result.cells.find((c) => c.id === String(id))!;
  expect([at(1), at(2), at(3), at(4)].map((c) => [c.col, c.row])).toEqual([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
  ]);
  expect(at(5).col).toBe(2);
  const slots = result.cells.filter((c) => c.kind === 'slot');
  expect(slots.map((s) => s.key).sort()).toEqual(['route-2-0', 'route-2-1', 'route-2-2']); // no slot after a router
  const rowOf = (key: string) => slots.find((s) => s.key === key)!.row;
  expect(rowOf('route-2-0')).toBeLessThan(rowOf('route-2-1'));
  expect(rowOf('route-2-1')).toBeLessThan(rowOf('route-2-2'));
  expect(result.links.filter((l) => l.kind === 'route').map((l) => l.to.id ?? l.to.slot)).toEqual([
    '3',
    'route-2-1',
    '5',
  ]);
});

test('an error handler hangs below its module; a directive ends it (no slot), steps without one get a slot', () => {
  const closed = [app(1, { onerror: [app(2), ignore(3)] }), app(4)];
  const result = layout(closed);
  checkWhole(closed, result);
  const at = (id: number) => result.cells.find((c) => c.id === String(id))!;
  expect([at(2).col, at(2).row]).toEqual([0, 1]);
  expect(result.cells.some((c) => c.key === 'handler-1')).toBe(false);
  expect(result.links.find((l) => l.to.id === '2')?.kind).toBe('error');
  const open = layout([app(1, { onerror: [app(2)] })]);
  expect(open.cells.some((c) => c.key === 'handler-1')).toBe(true);
});

test('deeply nested routes and handlers never overlap', () => {
  const flow = [
    app(1, { onerror: [app(2, { onerror: [ignore(3)] }), ignore(4)] }),
    app(5, { onerror: [ignore(6)] }),
    router(
      7,
      [router(8, [app(9, { onerror: [ignore(10)] })], [app(11)]), app(12)],
      [app(13, { onerror: [ignore(14)] })],
      [],
    ),
  ];
  checkWhole(flow, layout(flow));
});

test('every example blueprint lays out whole, nothing overlapping; an empty flow is one slot', () => {
  const dir = path.resolve(__dirname, '../../examples/scenarios');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const { flow } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    checkWhole(flow, layout(flow));
  }
  expect(layout([]).cells).toEqual([expect.objectContaining({ kind: 'slot', key: 'end', col: 0, row: 0 })]);
});
