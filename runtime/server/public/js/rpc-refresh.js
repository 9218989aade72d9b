// When a value the form's RPCs are asked with changes, the parts built from their answers (a select's
// options, nested fields) ask again. A change event (a select, a committed text) settles the values
// at once; while typing, they settle TYPING_PAUSE_MS after the last key, so a typed word is one call,
// not one per key. Until then no new call starts (an answer already in the page may still be shown).
import { rpcOutcome } from './rpc-calls.js';

export const TYPING_PAUSE_MS = 300;

/**
 * One for the step form, kept across its rebuilds (a key that opens nested fields rebuilds the form,
 * and the pause must run on). `watch(node, refresh)`: refresh runs at each settle while node is shown.
 */
export function rpcRefresher(pause = TYPING_PAUSE_MS) {
  let timer = null;
  const parts = new Map(); // node → refresh()
  const settle = () => {
    clearTimeout(timer);
    timer = null;
    // A refresh may rebuild the form: the nodes it replaced are skipped (and forgotten) as they come.
    for (const [node, refresh] of parts) {
      if (node.isConnected) refresh();
      else parts.delete(node);
    }
  };
  return {
    /** An input event: the values settle once the typing pauses. */
    typed() {
      clearTimeout(timer);
      timer = setTimeout(settle, pause);
    },
    settle,
    /** Whether a call for these values may start now: not while typing, unless its answer is known. */
    mayAsk(rpc, parameters) {
      const known = rpcOutcome(rpc, parameters);
      return timer === null || (known !== undefined && !known.error);
    },
    watch(node, refresh) {
      parts.set(node, refresh);
    },
  };
}
