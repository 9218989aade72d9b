/* eslint-disable */
// Generated from schemas/samples.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * A module's sample (*.samples.iml.json): one example output bundle, or an rpc:// reference to a dynamic-sample RPC (make-format.md §4.7).
 */
export type Samples =
  | {
      [k: string]: unknown;
    }
  | RpcRef;
/**
 * rpc://<rpcId>, optionally with a query string whose values may be IML (rpc://name?x={{y}}).
 */
export type RpcRef = string;
