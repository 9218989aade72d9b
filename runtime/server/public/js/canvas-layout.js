// Where each module of a flow sits on the canvas, as Make draws it: a flow runs left to right, a
// router's routes fan out one column further, one under the other, and a module's error handler route
// hangs right below it. Places are cells (column, row) on a grid; a branch goes to the first rows where all
// of its cells are free, so nothing overlaps however deep routes and handlers nest. Also the links
// between cells and the slots that take a new module (the end of a flow, an empty route).
import { isDirective, isRouter } from './edit.js';

/**
 * { cells: [{ kind: 'node', id, col, row } | { kind: 'slot', key, place, route?, col, row }],
 *   links: [{ from, to: { id } | { slot }, kind: 'flow' | 'route' | 'error', into }], cols, rows }
 * `into`: the step a link leads into (its filter sits on the link; a drop there goes before it).
 */
export function layoutFlow(flow) {
  const shape = shapeOf(flow || [], { place: {}, key: 'end' });
  const cols = Math.max(1, ...shape.cells.map((c) => c.col + 1));
  const rows = Math.max(1, ...shape.cells.map((c) => c.row + 1));
  return { cells: shape.cells, links: shape.links, cols, rows };
}

/**
 * The cells and links of one list of steps, its first at (0, 0). `end`: the slot after its last
 * step ({ key, place, route? }), or null when nothing may follow (a handler's directive ends it).
 */
function shapeOf(list, end) {
  const cells = [];
  const links = [];
  const taken = new Set();
  const take = (col, row) => taken.add(`${col},${row}`);
  list.forEach((node, i) => {
    cells.push({ kind: 'node', id: String(node.id), col: i, row: 0 });
    take(i, 0);
    if (i > 0) links.push({ from: String(list[i - 1].id), to: { id: String(node.id) }, kind: 'flow' });
  });
  const last = list[list.length - 1];
  // Nothing follows a router (its routes do) or a handler's directive.
  if (end && !isRouter(last) && !isDirective(last)) {
    const col = list.length;
    cells.push({ kind: 'slot', ...end, col, row: 0 });
    take(col, 0);
    if (last) links.push({ from: String(last.id), to: { slot: end.key }, kind: 'flow' });
  }
  list.forEach((node, i) => {
    let minRow = 0;
    (node.routes || []).forEach((route, r) => {
      const routeEnd = {
        key: `route-${node.id}-${r}`,
        place: { route: [node.id, r] },
        route: `${node.id}:${r}`,
      };
      const row = attach(shapeOf(route.flow || [], routeEnd), i + 1, minRow, 'route');
      minRow = row + 1;
    });
    if (Array.isArray(node.onerror) && node.onerror.length) {
      // With no directive (Make then ignores the error), steps may be added at the handler's end.
      const open = !isDirective(node.onerror[node.onerror.length - 1]);
      const handlerEnd = open ? { key: `handler-${node.id}`, place: { handler: node.id } } : null;
      attach(shapeOf(node.onerror, handlerEnd), i, 1, 'error'); // right below its module
    }
    /** Places a branch at column `col`, in the first rows from `min` where it fits; returns its row. */
    function attach(branch, col, min, kind) {
      let row = min;
      while (branch.cells.some((c) => taken.has(`${col + c.col},${row + c.row}`))) row++;
      for (const c of branch.cells) {
        cells.push({ ...c, col: col + c.col, row: row + c.row });
        take(col + c.col, row + c.row);
      }
      links.push(...branch.links);
      const first = branch.cells.find((c) => c.col === 0 && c.row === 0);
      if (first)
        links.push({
          from: String(node.id),
          to: first.kind === 'node' ? { id: first.id } : { slot: first.key },
          kind,
        });
      return row;
    }
  });
  for (const link of links) if (link.to.id) link.into = link.to.id;
  return { cells, links };
}
