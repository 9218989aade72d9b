// Undo and redo for every edit of the scenario. The blueprint is the model and is edited in place
// from many places (the canvas, the forms, the filter and handler editors), so edits are found by
// comparing it, once per rendered frame, with the last recorded copy: whatever changed it, it can be
// undone. Keys typed into one field in a row are one edit; anything else is an edit of its own.
import { store, subscribe } from './store.js';

const LIMIT = 200; // undo steps kept
const TYPING_MS = 1500; // keys in the same field closer than this are one edit

let undoStack = [];
let redoStack = [];
let recorded = null; // the blueprint as JSON, as last recorded
let lastKind = null;
let lastAt = 0;
let pendingKind = null; // what the coming change is: `field:<id>` while typing, else a change of its own
const listeners = new Set();
let restore = () => {};

/** `apply(blueprint)` puts a blueprint taken from the history on screen. */
export function initEditHistory(apply) {
  restore = apply;
  subscribe(() => noteChange());
  // A key in a text field of the settings is typing: consecutive ones merge into one edit.
  document.addEventListener(
    'input',
    (event) => {
      const target = event.target;
      if (target?.id && !target.closest?.('dialog, #module-runner'))
        pendingKind = target.type === 'text' || target.tagName === 'TEXTAREA' ? `field:${target.id}` : null;
    },
    true,
  );
}

/** Called with the blueprint's JSON whenever an edit (or an undo or redo) changed it. */
export function onEdit(listener) {
  listeners.add(listener);
}

/** A scenario opened (or started): no undo across scenarios. */
export function resetEditHistory() {
  undoStack = [];
  redoStack = [];
  recorded = snapshot();
  lastKind = null;
}

export const canUndo = () => undoStack.length > 0 || (recorded !== null && snapshot() !== recorded);
export const canRedo = () => redoStack.length > 0;

/** Records the blueprint when it changed since the last record; whether it had. */
export function noteChange() {
  const now = snapshot();
  if (now === recorded) return false;
  const kind = pendingKind;
  pendingKind = null;
  const merge = kind !== null && kind === lastKind && Date.now() - lastAt < TYPING_MS;
  if (!merge && recorded !== null) {
    undoStack.push(recorded);
    if (undoStack.length > LIMIT) undoStack.shift();
  }
  redoStack = [];
  recorded = now;
  lastKind = kind;
  lastAt = Date.now();
  for (const listener of listeners) listener(now);
  return true;
}

export function undo() {
  noteChange(); // an edit not rendered yet is undone, not lost
  if (!undoStack.length) return false;
  redoStack.push(recorded);
  travel(undoStack.pop());
  return true;
}

export function redo() {
  noteChange();
  if (!redoStack.length) return false;
  undoStack.push(recorded);
  travel(redoStack.pop());
  return true;
}

function travel(json) {
  recorded = json;
  lastKind = null;
  restore(JSON.parse(json));
  for (const listener of listeners) listener(json);
}

function snapshot() {
  return store.blueprint ? JSON.stringify(store.blueprint) : null;
}
