// What a step asks its module's RPCs with ("rpc://…" options and nested fields), and the nested
// fields those RPCs return, as the form and the step's checks read them.
import { callRpc, rpcOutcome } from './rpc-calls.js';
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

/**
 * The nested fields an "rpc://…" reference gives for the step's values: { fields, outcome, reload }.
 * fields is [] until the answer is in; with `onAnswer`, a call not made yet starts, and onAnswer runs
 * once it settles (so the form can show the fields, or the error).
 */
export function nestedFromRpc(node, ref, onAnswer) {
  const { rpc } = rpcRef(ref);
  const parameters = rpcValues(node, ref);
  let outcome = rpcOutcome(rpc, parameters);
  if (outcome === undefined && onAnswer) {
    callRpc(rpc, parameters).then(onAnswer, onAnswer);
    outcome = 'loading';
  }
  const answer = outcome?.value;
  const fields = Array.isArray(answer) ? answer.filter((s) => s && typeof s === 'object' && s.name) : [];
  const reload = () => {
    callRpc(rpc, parameters, true).then(onAnswer, onAnswer);
    onAnswer?.(); // at once: the form says it is loading
  };
  return { fields, outcome, reload };
}
