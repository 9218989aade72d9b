// Zoom and pan of the canvas. The viewport scrolls natively (so focusing a module, the wheel and the
// keys bring it into view); zooming scales the stage inside a box of the scaled size, keeping the
// point under the pointer (or the middle) where it was. Dragging the background pans.
import { $ } from './dom.js';

const MIN = 0.3;
const MAX = 2;
const STEP = 1.2;
const PAN = 60; // pixels an arrow key pans

let scale = 1;
let size = { width: 0, height: 0 };

export function initCanvasView() {
  const viewport = $('#steps-area');
  $('#zoom-in').addEventListener('click', () => zoomBy(STEP));
  $('#zoom-out').addEventListener('click', () => zoomBy(1 / STEP));
  $('#zoom-fit').addEventListener('click', fit);
  viewport.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return; // the wheel alone scrolls (pans)
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? STEP : 1 / STEP, event);
    },
    { passive: false },
  );
  viewport.addEventListener('keydown', viewportKeys);
  panByDragging(viewport);
  render();
}

/** The stage's size in its own pixels (before zoom). */
export function setStageSize(width, height) {
  size = { width, height };
  render();
}

/** Scrolls just enough to show a module's control (a selected one, a focused one). */
export function revealNode(node) {
  const viewport = $('#steps-area');
  const view = viewport.getBoundingClientRect();
  const box = node.getBoundingClientRect();
  const margin = 24;
  if (box.left < view.left + margin) viewport.scrollLeft -= view.left + margin - box.left;
  else if (box.right > view.right - margin) viewport.scrollLeft += box.right - view.right + margin;
  if (box.top < view.top + margin) viewport.scrollTop -= view.top + margin - box.top;
  else if (box.bottom > view.bottom - margin) viewport.scrollTop += box.bottom - view.bottom + margin;
}

/** Scales by `factor` around the pointer of `event`, or around the middle of the viewport. */
function zoomBy(factor, event) {
  const viewport = $('#steps-area');
  const rect = viewport.getBoundingClientRect();
  const ax = event ? event.clientX - rect.left : rect.width / 2;
  const ay = event ? event.clientY - rect.top : rect.height / 2;
  // The stage point under the anchor stays under it.
  const px = (viewport.scrollLeft + ax) / scale;
  const py = (viewport.scrollTop + ay) / scale;
  scale = Math.min(MAX, Math.max(MIN, Math.round(scale * factor * 100) / 100));
  render();
  viewport.scrollLeft = px * scale - ax;
  viewport.scrollTop = py * scale - ay;
}

/** The whole scenario in view (never larger than 100%). */
function fit() {
  const viewport = $('#steps-area');
  const fitted = Math.min(1, viewport.clientWidth / size.width, viewport.clientHeight / size.height);
  scale = Math.max(MIN, Math.floor(fitted * 100) / 100);
  render();
  viewport.scrollLeft = 0;
  viewport.scrollTop = 0;
}

function viewportKeys(event) {
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
  const viewport = event.currentTarget;
  const pans = { ArrowRight: [PAN, 0], ArrowLeft: [-PAN, 0], ArrowDown: [0, PAN], ArrowUp: [0, -PAN] };
  if (pans[event.key]) viewport.scrollBy(...pans[event.key]);
  else if (event.key === '+' || event.key === '=') zoomBy(STEP);
  else if (event.key === '-') zoomBy(1 / STEP);
  else if (event.key === '0') fit();
  else return;
  event.preventDefault();
}

/** A press on the background (not on a control) and a move pans the canvas. */
function panByDragging(viewport) {
  let from = null;
  viewport.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target.closest('button, .link-handle, a, input')) return;
    from = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
    viewport.setPointerCapture(event.pointerId);
    viewport.classList.add('panning');
  });
  viewport.addEventListener('pointermove', (event) => {
    if (!from) return;
    viewport.scrollLeft = from.left - (event.clientX - from.x);
    viewport.scrollTop = from.top - (event.clientY - from.y);
  });
  const stop = () => {
    from = null;
    viewport.classList.remove('panning');
  };
  viewport.addEventListener('pointerup', stop);
  viewport.addEventListener('pointercancel', stop);
}

function render() {
  const stage = $('#canvas-stage');
  if (!stage) return;
  stage.style.width = `${size.width}px`;
  stage.style.height = `${size.height}px`;
  stage.style.transform = `scale(${scale})`;
  const sizer = $('#canvas-sizer');
  sizer.style.width = `${Math.ceil(size.width * scale)}px`;
  sizer.style.height = `${Math.ceil(size.height * scale)}px`;
  $('#zoom-level').textContent = `${Math.round(scale * 100)}%`;
}
