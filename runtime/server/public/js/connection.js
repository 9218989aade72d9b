// The connection panel: which ChartMogul the workbench talks to. Keys go to the server and never come back.
import { api } from './api.js';
import { $ } from './dom.js';
import { store } from './store.js';

export function initConnection() {
  $('#connection-open').addEventListener('click', openDialog);
  $('#connection-close').addEventListener('click', () => $('#connection-dialog').close());
  $('#connection-test').addEventListener('click', () => testConnection(true));
  $('#connection-form').addEventListener('submit', save);
  for (const radio of document.querySelectorAll('input[name="connection-mode"]'))
    radio.addEventListener('change', syncKeyField);
}

function openDialog() {
  const mode = store.app?.connection?.mode || 'sandbox';
  $(mode === 'apiKey' ? '#mode-key' : '#mode-sandbox').checked = true;
  $('#api-key').value = '';
  $('#connection-result').textContent = '';
  describeCurrent();
  syncKeyField();
  $('#connection-dialog').showModal();
}

function syncKeyField() {
  const keyMode = $('#mode-key').checked;
  $('#key-fields').hidden = !keyMode;
  $('#api-key').required = keyMode && store.app?.connection?.mode !== 'apiKey';
}

function describeCurrent() {
  const c = store.app?.connection;
  $('#connection-current').textContent = c
    ? `Now: ${c.mode === 'sandbox' ? 'the embedded sandbox' : `an API key, sending to ${c.target}`}.`
    : '';
}

async function save(event) {
  event.preventDefault();
  const result = $('#connection-result');
  try {
    if ($('#mode-sandbox').checked) await api.setConnection({ sandbox: true });
    else if ($('#api-key').value.trim()) await api.setConnection({ apiKey: $('#api-key').value.trim() });
    else if (store.app?.connection?.mode !== 'apiKey') throw new Error('Enter an API key');
    $('#api-key').value = '';
    await testConnection(true);
  } catch (err) {
    result.textContent = err.message;
  }
}

/** Tests the connection and shows the outcome in the top bar (and in the dialog when open). */
export async function testConnection(inDialog = false) {
  const label = $('#connection-label');
  const dot = $('#connection-dot');
  label.textContent = 'Testing connection…';
  try {
    const outcome = await api.testConnection();
    if (store.app) store.app.connection = { mode: outcome.mode, target: outcome.target };
    const where = outcome.mode === 'sandbox' ? 'Sandbox' : 'ChartMogul';
    const text = outcome.ok
      ? `${where}: connected${outcome.label ? ` as ${outcome.label}` : ''}`
      : `${where}: ${outcome.error?.type || 'Error'}: ${outcome.error?.message || 'refused'}`;
    label.textContent = text;
    dot.className = `dot ${outcome.ok ? 'ok' : 'err'}`;
    if (inDialog) $('#connection-result').textContent = text;
  } catch (err) {
    label.textContent = `Connection: ${err.message}`;
    dot.className = 'dot err';
    if (inDialog) $('#connection-result').textContent = err.message;
  }
  describeCurrent();
}
