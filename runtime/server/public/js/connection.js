// The connection panel: where the workbench sends requests, and with which connection. The form is
// generated from the app's connection (connection-form.js); its values go to the server and never come back.
import { api } from './api.js';
import {
  checkConnectionForm,
  connectionFormBlank,
  connectionSpec,
  connectionValues,
  resetConnectionForm,
  signIn,
} from './connection-form.js';
import { $ } from './dom.js';
import { forgetRpcAnswers } from './rpc-calls.js';
import { rebuild } from './step-editor.js';
import { store } from './store.js';

/**
 * Which connection test is the current one. Saving starts a new connection, so a test still on its
 * way (an unreachable host answers only after its timeout) describes one that is gone: its answer
 * must never replace what the page says about the connection in use.
 */
let currentTest = 0;

export function initConnection() {
  $('#connection-open').addEventListener('click', openDialog);
  $('#connection-close').addEventListener('click', () => $('#connection-dialog').close());
  $('#connection-test').addEventListener('click', () => testConnection(true));
  $('#connection-form').addEventListener('submit', save);
  $('#connection-signin').addEventListener('click', startSignIn);
  $('#connection-form').addEventListener('submit', save);
  for (const radio of document.querySelectorAll('input[name="connection-mode"]'))
    radio.addEventListener('change', syncKeyField);
  // Typed values stay no longer than the dialog is open.
  $('#connection-dialog').addEventListener('close', () => resetConnectionForm());
}

function openDialog() {
  const mode = store.app?.connection?.mode || 'sandbox';
  $(mode === 'apiKey' ? '#mode-key' : '#mode-sandbox').checked = true;
  // The embedded sandbox is offered only for the app it emulates.
  $('#connection-modes').hidden = connectionSpec()?.sandbox === false;
  // OAuth 2: signing in is what connects (Save keeps only the values typed, with no tokens).
  const oauth = connectionSpec()?.type === 'oauth';
  $('#connection-signin').hidden = !oauth;
  $('#connection-signin').classList.toggle('primary', oauth);
  $('#connection-save').classList.toggle('primary', !oauth);
  resetConnectionForm(formEdited);
  $('#connection-result').textContent = '';
  describeCurrent();
  syncKeyField();
  $('#connection-dialog').showModal();
}

function formEdited() {
  // "Fill in …" was about the form before this edit; the fields themselves show what is still missing.
  const result = $('#connection-result');
  if (result.textContent.startsWith('Fill in')) result.textContent = '';
  syncKeyField();
}

function syncKeyField() {
  $('#key-fields').hidden = !$('#mode-key').checked;
  // Test tries what the form holds while it differs from the saved connection: say so.
  $('#connection-unsaved').hidden = !formDiffers();
}

/** Whether requests go with values given before (an empty form then keeps them). */
const hasSaved = () => store.app?.connection?.mode === 'apiKey' && connectionSpec()?.saved !== false;

/** Whether the form asks for something other than the saved connection (another mode, new values). */
function formDiffers() {
  const saved = store.app?.connection?.mode || 'sandbox';
  const chosen = $('#mode-key').checked ? 'apiKey' : 'sandbox';
  return chosen !== saved || (chosen === 'apiKey' && !connectionFormBlank());
}

function describeCurrent() {
  const c = store.app?.connection;
  const label = connectionSpec()?.label || 'API';
  const given = hasSaved()
    ? `a ${label} connection${c?.target ? `, sending to ${c.target}` : ''}`
    : `no ${label} connection yet${c?.target ? `; requests go to ${c.target}` : ''}`;
  $('#connection-current').textContent = c
    ? `Now: ${c.mode === 'sandbox' ? 'the embedded sandbox' : given}.`
    : '';
  $('#connection-keep').hidden = !hasSaved();
}

/** Saves the form's connection; on success the dialog closes and the top bar tests the new one. */
async function save(event) {
  event.preventDefault();
  const result = $('#connection-result');
  currentTest++; // from here on, an answer about the old connection is stale
  try {
    if ($('#mode-sandbox').checked) await api.setConnection({ sandbox: true });
    else if (!connectionFormBlank() || !hasSaved()) {
      const problems = await checkConnectionForm();
      if (problems.length) throw new Error(`Fill in the connection: ${problems.join(', ')}`);
      await api.setConnection({ parameters: connectionValues() });
    }
  } catch (err) {
    result.textContent = err.message;
    testConnection(); // nothing changed after all: the test the save made stale is asked again
    return;
  }
  const keyMode = !$('#mode-sandbox').checked;
  const before = store.app?.connection;
  // Saved: the page speaks of the new connection from now on (the dialog reopened before the test
  // answers must not offer the old one), and dynamic options come from it, not from the old one.
  if (store.app)
    store.app.connection = keyMode
      ? { mode: 'apiKey', target: before?.mode === 'apiKey' ? before.target : undefined }
      : { mode: 'sandbox', target: 'embedded sandbox' };
  if (connectionSpec()) connectionSpec().saved = keyMode;
  forgetRpcAnswers();
  rebuild();
  $('#connection-dialog').close(); // which empties the form
  await testConnection();
}

/** The connection the form asks for, as the server takes it, or undefined while it is the saved one. */
function formChoice() {
  if (!formDiffers()) return undefined;
  return $('#mode-sandbox').checked ? { sandbox: true } : { parameters: connectionValues() };
}

/**
 * OAuth 2: checks the form, then opens the provider's sign-in page in a window of its own. The
 * provider sends the browser back to the workbench's callback, which keeps the tokens on the server;
 * this page tests the connection when it gets the focus back.
 */
async function startSignIn() {
  const result = $('#connection-result');
  const problems = await checkConnectionForm();
  if (problems.length) {
    result.textContent = `Fill in the connection: ${problems.join(', ')}`;
    return;
  }
  try {
    await signIn();
  } catch (err) {
    result.textContent = `Sign in: ${err.message}`;
    return;
  }
  result.textContent = 'Finish signing in in the window that opened, then come back here.';
  window.addEventListener(
    'focus',
    async () => {
      $('#connection-dialog').close();
      // Whether the callback saved a connection is the server's to say (the tokens never come here).
      const saved = await api.app().then(
        (app) => app.connectionForm?.saved,
        () => undefined,
      );
      if (saved !== undefined && connectionSpec()) connectionSpec().saved = saved;
      await testConnection();
    },
    { once: true },
  );
}

/**
 * Tests a connection. From the dialog, while the form holds another connection than the saved one,
 * that one is tried without saving and the answer shows in the dialog only; otherwise the saved
 * connection is tested and the top bar (and the dialog when open) shows the outcome.
 */
export async function testConnection(inDialog = false) {
  const trial = inDialog ? formChoice() : undefined;
  if (trial && 'parameters' in trial && (await checkConnectionForm()).length) {
    $('#connection-result').textContent = 'Fill in the connection to test it.';
    return;
  }
  if (trial) return tryConnection(trial);
  const test = ++currentTest;
  const label = $('#connection-label');
  const dot = $('#connection-dot');
  const result = $('#connection-result');
  if (!hasSaved() && store.app?.connection?.mode === 'apiKey') {
    // Nothing given yet (an app without the sandbox): nothing to test; say what to do instead.
    label.textContent = `${connectionSpec()?.label || 'Connection'}: not connected yet`;
    dot.className = 'dot';
    if (inDialog) result.textContent = 'No connection given yet: fill in the fields above.';
    return;
  }
  label.textContent = 'Testing connection…';
  dot.className = 'dot'; // neither green nor red until the answer is in
  if (inDialog) result.textContent = 'Testing the saved connection…';
  let text;
  let ok = false;
  let outcome;
  try {
    outcome = await api.testConnection();
    ok = outcome.ok;
    text = describeOutcome(outcome);
  } catch (err) {
    text = `Connection: ${err.message}`;
  }
  if (test !== currentTest) return; // a newer test or a save came since: this answer is about the past
  if (outcome && store.app) store.app.connection = { mode: outcome.mode, target: outcome.target };
  // A sign-in that connected saved its tokens on the server: an empty form now keeps them.
  if (ok && outcome.mode === 'apiKey' && connectionSpec()) connectionSpec().saved = true;
  label.textContent = text;
  dot.className = `dot ${ok ? 'ok' : 'err'}`;
  if (inDialog) result.textContent = `Saved connection: ${text}`;
  describeCurrent();
  syncKeyField();
}

/** Tries the form's connection without saving it; the answer is the dialog's alone. */
async function tryConnection(choice) {
  const result = $('#connection-result');
  const form = JSON.stringify(choice);
  result.textContent = 'Testing this connection (not saved)…';
  let text;
  try {
    text = describeOutcome(await api.testConnection(choice));
  } catch (err) {
    text = `Connection: ${err.message}`;
  }
  // The form changed while the answer was on its way: it is about a connection no longer asked for.
  if (JSON.stringify(formChoice()) !== form) return;
  result.textContent = `Not saved: ${text}`;
}

function describeOutcome(outcome) {
  const where = outcome.mode === 'sandbox' ? 'Sandbox' : connectionSpec()?.label || 'Connection';
  return outcome.ok
    ? `${where}: connected${outcome.label ? ` as ${outcome.label}` : ''}`
    : `${where}: ${outcome.error?.type || 'Error'}: ${outcome.error?.message || 'refused'}`;
}
