// Getting a blueprint in and out of the page: import a file, paste or edit JSON, export a download.
import { parseBlueprint } from './blueprint.js';
import { $, el } from './dom.js';
import { store } from './store.js';

let open = async () => {};
let replace = () => {};
let editing = false; // the paste dialog edits the scenario on screen (Edit JSON) rather than importing

/**
 * Wires the toolbar and the paste dialog: `open(blueprint)` starts a scenario from an imported one
 * (asking first when the one on screen has unsaved edits); `replace(blueprint)` is Edit JSON's edit.
 */
export function initBlueprintIo(handlers) {
  ({ open, replace } = handlers);
  $('#blueprint-file').addEventListener('change', importFile);
  $('#blueprint-paste').addEventListener('click', () => openPaste('', '', false));
  $('#blueprint-edit').addEventListener('click', () =>
    openPaste(JSON.stringify(store.blueprint, null, 2), '', true),
  );
  $('#paste-cancel').addEventListener('click', () => $('#paste-dialog').close());
  $('#paste-form').addEventListener('submit', submitPaste);
  $('#blueprint-export').addEventListener('click', exportBlueprint);
}

async function importFile(event) {
  const file = event.target.files[0];
  event.target.value = ''; // importing the same file again must fire change again
  if (!file) return;
  let blueprint;
  try {
    blueprint = parseBlueprint(await file.text());
  } catch (err) {
    return openPaste(await file.text().catch(() => ''), err.message, false);
  }
  await open(blueprint);
}

function openPaste(text, error, edit) {
  editing = edit;
  $('#paste-heading').textContent = edit ? 'Edit the blueprint JSON' : 'Blueprint JSON';
  $('#paste-text').value = text;
  $('#paste-error').textContent = error;
  $('#paste-dialog').showModal();
  $('#paste-text').focus();
}

function submitPaste(event) {
  let blueprint;
  try {
    blueprint = parseBlueprint($('#paste-text').value);
  } catch (err) {
    event.preventDefault(); // keep the dialog open with the reason
    $('#paste-error').textContent = err.message;
    return;
  }
  if (editing) replace(blueprint);
  else open(blueprint);
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
