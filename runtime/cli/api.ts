/**
 * The CLI's only door into the runtime: the public API of runtime/index.ts, loaded on first use so
 * `--help` and `--version` do not pay for express, SQLite and the engine.
 */
import type * as PublicApi from '../index';

export type Api = typeof PublicApi;

let loaded: Api | undefined;

export function api(): Api {
  loaded ??= require('../index') as Api;
  return loaded;
}
