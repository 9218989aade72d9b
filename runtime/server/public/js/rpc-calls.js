// The page's calls to the app's RPCs (POST /api/rpcs/:id), one per RPC and the values it is asked with,
// kept until a Refresh: dynamic select options and dynamic nested fields both read them from here.
import { api } from './api.js';

const calls = new Map(); // key → { promise, outcome: undefined (pending) | { value } | { error } }
let settled = 0; // how many calls have answered: what was drawn from them may be out of date

/** A number that changes whenever a call settles or the answers are forgotten. */
export const rpcVersion = () => settled;

/** One key per RPC and values, whatever order the values' names come in. */
export function keyOf(rpc, parameters) {
  const values = parameters ?? {};
  const entries = Object.keys(values)
    .sort()
    .map((name) => [name, values[name]]);
  return `${rpc} ${JSON.stringify(entries)}`;
}

/** The RPC's answer for these values: the earlier call's, or a new one (`fresh`, or the earlier failed). */
export function callRpc(rpc, parameters, fresh = false) {
  const key = keyOf(rpc, parameters);
  const known = calls.get(key);
  if (known && !fresh && !known.outcome?.error) return known.promise;
  const call = { outcome: undefined };
  call.promise = api.runRpc(rpc, parameters).then(
    (value) => {
      call.outcome = { value };
      settled++;
      return value;
    },
    (error) => {
      call.outcome = { error };
      settled++;
      throw error;
    },
  );
  call.promise.catch(() => undefined); // a caller that only peeks must not leave it unhandled
  calls.set(key, call);
  return call.promise;
}

/**
 * Where the call for these values stands, without starting one: undefined (never asked), 'loading',
 * { value } or { error }.
 */
export function rpcOutcome(rpc, parameters) {
  const call = calls.get(keyOf(rpc, parameters));
  return call ? call.outcome || 'loading' : undefined;
}

/** Forgets every answer: they belong to the connection they were asked through (a Save changes it). */
export function forgetRpcAnswers() {
  calls.clear();
  settled++;
}
