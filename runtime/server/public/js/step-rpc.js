// What a step asks its module's RPCs with ("rpc://…" options and nested fields), and the nested
// fields those RPCs return, as the form and the step's checks read them.
import { callRpc, keyOf, rpcOutcome } from './rpc-calls.js';
import { rpcRef } from './select-options.js';
import { store } from './store.js';
import { isExpression } from './validate.js';

const FIELD_REFERENCE = /^\{\{\s*([^{}\s]+)\s*\}\}$/;

/**
 * The values an RPC depends on: the fields its definition reads as `parameters.<name>`, when set and
 * not mapped. Sending only these keeps its answer cached while unrelated fields change. The
 * reference's query string (`rpc://x?team=1&plan={{plan}}`) comes on top and takes priority, as in
 * Make's form engine; `{{name}}` there reads the step's field (other IML is left out: the page does not
 * evaluate it). `node`: the step's `parameters` and `mapper`; `rpcs`: the app's RPC definitions.
 */
export function rpcValues(node, ref, rpcs = store.app?.rpcs) {
  const { rpc, query } = rpcRef(ref);
  const definition = rpcs?.find((r) => r.id === rpc);
  const names = new Set(
    [...JSON.stringify(definition?.communication ?? {}).matchAll(/parameters\.(\w+)/g)].map((m) => m[1]),
  );
  const all = { ...(node.parameters || {}), ...(node.mapper || {}) };
  const known = (name) => all[name] !== undefined && !isExpression(all[name]);
  const out = {};
  for (const name of names) if (known(name)) out[name] = all[name];
  for (const [name, text] of Object.entries(query)) {
    const field = FIELD_REFERENCE.exec(text)?.[1];
    if (!field && !isExpression(text)) out[name] = text;
    else if (field && known(field)) out[name] = all[field];
    else delete out[name];
  }
  return out;
}

/** The specs among an RPC's answer (anything else in it is not a field). */
const specsOf = (answer) =>
  Array.isArray(answer) ? answer.filter((s) => s && typeof s === 'object' && s.name) : [];

/**
 * The nested fields an "rpc://…" reference gives for the step's values:
 * { fields, outcome, reload, refresh }. fields is [] until the answer is in. With `redraw` (the form
 * shows the new state), a call not made yet starts, unless `mayAsk(rpc, values)` says to wait (while
 * typing, see rpc-refresh.js), and redraw runs once it settles, if the step still has those values.
 */
export function nestedFromRpc(node, ref, redraw, mayAsk = () => true) {
  const { rpc } = rpcRef(ref);
  const parameters = rpcValues(node, ref);
  const stillAsked = (values) => keyOf(rpc, rpcValues(node, ref)) === keyOf(rpc, values);
  // An answer for values the step no longer has stays cached, and changes nothing on the page.
  const settled = () => stillAsked(parameters) && redraw?.();
  let outcome = rpcOutcome(rpc, parameters);
  if (outcome === undefined && redraw && mayAsk(rpc, parameters)) {
    callRpc(rpc, parameters).then(settled, settled);
    outcome = 'loading';
  }
  const fields = specsOf(outcome?.value);
  const reload = () => {
    callRpc(rpc, parameters, true).then(settled, settled);
    redraw?.(); // at once: the form says it is loading
  };
  /**
   * Once the values settle (rpc-refresh.js): when they are not the ones asked, ask with the new ones.
   * The fields the new answer lacks take their values (in `values`, where the fields sit) with them,
   * as when their parent changes; the ones it has again keep theirs.
   */
  const refresh = (values) => {
    if (outcome !== undefined && stillAsked(parameters)) return;
    const now = rpcValues(node, ref);
    const answered = (answer) => {
      if (!stillAsked(now)) return;
      const kept = new Set(specsOf(answer).map((s) => s.name));
      for (const gone of fields) if (!kept.has(gone.name)) delete values[gone.name];
      redraw?.();
    };
    callRpc(rpc, now).then(answered, () => stillAsked(now) && redraw?.());
    if (rpcOutcome(rpc, now) === 'loading') redraw?.(); // the form says it is loading meanwhile
  };
  return { fields, outcome, reload, refresh };
}
