// Asking before something is lost: one modal dialog, answered by a promise.
import { $ } from './dom.js';

/** Resolves true when the user goes ahead (`action` names it), false when they keep what they have. */
export function confirmAction(message, action) {
  const dialog = $('#confirm-dialog');
  $('#confirm-message').textContent = message;
  $('#confirm-discard').textContent = action;
  return new Promise((resolve) => {
    const done = () => {
      dialog.removeEventListener('close', done);
      resolve(dialog.returnValue === 'discard');
    };
    dialog.returnValue = '';
    dialog.addEventListener('close', done);
    dialog.showModal();
    $('#confirm-cancel').focus(); // the safe choice is the default
  });
}
