// Getting a blueprint in and out of the page: import a file, paste or edit JSON, export a download.
import { parseBlueprint } from './blueprint.js';
import { $, el } from './dom.js';
import { store } from './store.js';

let load = () => {};

/** Wires the toolbar and the paste dialog; `onLoad(blueprint)` shows an imported blueprint. */
export function initBlueprintIo(onLoad) {
  load = onLoad;
  $('#blueprint-file').addEventListener('change', importFile);
  $('#blueprint-paste').addEventListener('click', () => openPaste(''));
  $('#blueprint-edit').addEventListener('click', () => openPaste(JSON.stringify(store.blueprint, null, 2)));
  $('#paste-cancel').addEventListener('click', () => $('#paste-dialog').close());
  $('#paste-form').addEventListener('submit', submitPaste);
  $('#blueprint-export').addEventListener('click', exportBlueprint);
}

async function importFile(event) {
  const file = event.target.files[0];
  event.target.value = ''; // importing the same file again must fire change again
  if (!file) return;
  try {
    load(parseBlueprint(await file.text()));
  } catch (err) {
    openPaste(await file.text().catch(() => ''), err.message);
  }
}

function openPaste(text, error = '') {
  $('#paste-text').value = text;
  $('#paste-error').textContent = error;
  $('#paste-dialog').showModal();
  $('#paste-text').focus();
}

function submitPaste(event) {
  try {
    load(parseBlueprint($('#paste-text').value));
  } catch (err) {
    event.preventDefault(); // keep the dialog open with the reason
    $('#paste-error').textContent = err.message;
  }
}

function exportBlueprint() {
  const blob = new Blob([JSON.stringify(store.blueprint, null, 4) + '\n'], { type: 'application/json' });
  const name = `${(store.blueprint.name || 'scenario').replace(/[^\w.-]+/g, '-')}.blueprint.json`;
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
