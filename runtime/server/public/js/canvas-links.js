// The links between the canvas's modules (SVG paths under them) and what sits on a link: a handle to
// drop a module there or open the filter of the step it leads into, and that filter when there is one,
// with its label and, after a run, how many bundles passed it.
import { dropTarget, openFilterOf } from './builder.js';
import { CIRCLE, SLOT, cellBox, place } from './canvas-geometry.js';
import { el } from './dom.js';
import { filterCounts } from './filter-counts.js';
import { locate } from './edit.js';
import { store } from './store.js';

const SVG = 'http://www.w3.org/2000/svg';
const HANDLE = 28;

/** Draws every link of the layout into `svg`, sized to the stage. */
export function drawLinks(svg, layout, cellOf, size) {
  svg.setAttribute('width', String(size.width));
  svg.setAttribute('height', String(size.height));
  svg.replaceChildren(
    ...layout.links.map((link) => {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', geometry(link, cellOf).d);
      path.setAttribute('class', `link ${link.kind}`);
      if (link.into) path.dataset.linkTo = link.into;
      else path.dataset.linkSlot = link.to.slot;
      return path;
    }),
  );
}

/**
 * A link's path and where its handle sits: out of the right of a circle into the left of the next,
 * curving when the rows differ (a router's routes); an error handler's link leaves the bottom.
 */
function geometry(link, cellOf) {
  const a = cellBox(cellOf.get(`n${link.from}`));
  const target = link.to.id ? cellOf.get(`n${link.to.id}`) : cellOf.get(`s${link.to.slot}`);
  const b = cellBox(target);
  const inset = link.to.id ? CIRCLE / 2 : SLOT / 2;
  if (link.kind === 'error' && b.cx === a.cx) {
    const [y1, y2] = [a.cy + CIRCLE / 2, b.cy - inset];
    return { d: `M${a.cx} ${y1} V${y2}`, handle: { x: a.cx, y: (y1 + y2) / 2 } };
  }
  const [x1, y1] = link.kind === 'error' ? [a.cx, a.cy + CIRCLE / 2] : [a.cx + CIRCLE / 2, a.cy];
  const [x2, y2] = [b.cx - inset, b.cy];
  if (y1 === y2) return { d: `M${x1} ${y1} H${x2}`, handle: { x: (x1 + x2) / 2, y: y1 } };
  const mid = x1 + (x2 - x1) / 2;
  const d = `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`;
  return { d, handle: bezierPoint([x1, y1], [mid, y1], [mid, y2], [x2, y2], 0.8) };
}

function bezierPoint(p0, p1, p2, p3, t) {
  const u = 1 - t;
  const at = (i) => u ** 3 * p0[i] + 3 * u * u * t * p1[i] + 3 * u * t * t * p2[i] + t ** 3 * p3[i];
  return { x: at(0), y: at(1) };
}

/**
 * The handle on the link into a step: a drop there puts the module before that step; a click opens
 * the step's filter. With a filter, the filter itself shows there as a control of its own.
 */
export function linkHandle(link, cellOf) {
  const { handle } = geometry(link, cellOf);
  const node = store.blueprint ? locate(store.blueprint.flow, link.into)?.node : null;
  const filter = node?.filter;
  const box = el(
    'div',
    {
      class: filter ? 'link-handle has-filter' : 'link-handle',
      dataset: { linkTo: link.into },
      title: filter ? undefined : `Set up a filter for step ${link.into}, or drop a module here`,
      onclick: () => openFilterOf(link.into),
    },
    filter ? filterBadge(link, filter) : null,
  );
  place(box, handle.x - HANDLE / 2, handle.y - HANDLE / 2);
  dropTarget(box, () => ({ before: link.into }));
  return box;
}

function filterBadge(link, filter) {
  const label = filter.name || 'Filter';
  const passed = passText(link);
  return el(
    'button',
    {
      type: 'button',
      class: 'link-filter',
      dataset: { filterOf: link.into },
      'aria-label': `Filter ${label} on the link into step ${link.into}${passed ? `: ${passed}` : ''}; edit it`,
      onclick: (event) => {
        event.stopPropagation();
        openFilterOf(link.into);
      },
    },
    el('span', { class: 'filter-icon', 'aria-hidden': 'true' }),
    el('span', { class: 'filter-label' }, label),
    passed ? el('span', { class: 'pass-count' }, passed) : null,
  );
}

/** After a run: how many of the bundles that reached the filter passed it (filter-counts.js). */
function passText(link) {
  const counts = filterCounts(link.into);
  if (!counts) return '';
  return counts.offered === undefined
    ? `${counts.passed} passed`
    : `${counts.passed} of ${counts.offered} passed`;
}
