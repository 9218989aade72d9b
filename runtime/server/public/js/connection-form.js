// The connection form, generated from the loaded app's connection parameters (GET /api/app
// `connectionForm`, Make's parameter specs) by the module forms' own field code (fields.js) and checked
// by the same rules (validate.js). Values are plain (never mapped, never templates). They live here
// only while the dialog is open: sent once (Save, Test, Sign in) and then dropped. Nothing the server
// holds ever comes back into the form: a saved connection shows as an empty form.
import { api } from './api.js';
import { onChecked, settle } from './checks.js';
import { $, clear } from './dom.js';
import { renderFields } from './fields.js';
import { store } from './store.js';
import { checkFields, pathLabel } from './validate.js';

/** Field ids start so; distinct from the dialog's own `connection-…` ids whatever a parameter is named. */
const ID_PREFIX = 'conn-param-';

let values = {};
const mapped = new Set(); // only the "advanced settings" toggle uses it here
let listener = () => undefined;
/** Problems show once a send was tried, then follow the typing. */
let showing = false;

const ctx = {
  idPrefix: ID_PREFIX,
  mapped,
  mappable: false,
  // Make gives a connection's fields no RPCs (there is no connection to call them with yet); an app
  // that names one anyway gets it asked with no values (never the typed secrets), and the select
  // shows what comes back or the refusal.
  rpcParameters: () => ({}),
  changed: () => {
    if (showing) paint(problems());
    listener();
  },
  restructure: (focusId) => render(focusId),
};

/** The app's connection as the form is built from it, or null when the app has none. */
export const connectionSpec = () => store.app?.connectionForm ?? null;

/** Empties the form and draws it again; `onChange` is told of every edit. */
export function resetConnectionForm(onChange) {
  values = {};
  mapped.clear();
  showing = false;
  if (onChange) listener = onChange;
  render();
}

/** Whether nothing is typed in (then Save keeps the saved connection). */
export const connectionFormBlank = () => Object.keys(values).length === 0;

/**
 * The values to send, by parameter name; text trimmed at both ends (a pasted key often brings a
 * space or a line break along, which no service's key has).
 */
export function connectionValues() {
  return Object.fromEntries(
    Object.entries(values).map(([name, v]) => [name, typeof v === 'string' ? v.trim() : v]),
  );
}

// A pattern's verdict is the runtime's (checks.js): when it comes in, the problems shown follow it.
onChecked(() => {
  if (showing) paint(problems());
});

/**
 * Checks the form (the same rules as a module's form; patterns judged by the runtime, waited for) and
 * shows each problem under its field. Resolves to them as "Label (message)" lines, [] when the values
 * can be sent.
 */
export async function checkConnectionForm() {
  showing = true;
  problems(); // asks the runtime about every pattern …
  await settle(); // … and waits for the answers
  const found = problems();
  paint(found);
  const specs = connectionSpec()?.params ?? [];
  return found.map((p) => `${pathLabel(specs, values, p.path)} (${p.message})`);
}

/** OAuth 2: asks the server for the provider's sign-in page with these values and opens it. */
export async function signIn() {
  const { url } = await api.startOAuth({ parameters: connectionValues() });
  // Its own window, without a handle back to this page (the provider's page must not reach it).
  window.open(url, '_blank', 'noopener');
}

function problems() {
  return checkFields(connectionSpec()?.params ?? [], connectionValues(), '', undefined, true);
}

function render(focusId) {
  const box = $('#connection-fields');
  if (!box) return;
  const active = typeof focusId === 'string' ? focusId : document.activeElement?.id;
  const form = connectionSpec();
  clear(box).append(...(form ? renderFields(form.params, values, ctx) : []));
  if (showing) paint(problems());
  if (active?.startsWith(ID_PREFIX)) document.getElementById(active)?.focus();
}

function paint(found) {
  const byPath = new Map();
  for (const p of found) if (!byPath.has(p.path)) byPath.set(p.path, p.message);
  for (const box of document.querySelectorAll('#connection-fields [data-error-for]')) {
    const message = byPath.get(box.dataset.errorFor) || '';
    box.textContent = message;
    document.getElementById(box.id.replace(/-error$/, ''))?.setAttribute('aria-invalid', String(!!message));
    box.closest('.field')?.classList.toggle('invalid', Boolean(message));
  }
}
