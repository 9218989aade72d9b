/**
 * The CLI's only door into the runtime: the public API of runtime/index.ts, loaded on first use so
 * `--help` and `--version` do not pay for express, SQLite and the engine.
 */
import type * as PublicApi from '../index';
import { NotLandedError } from './errors';

export type Api = typeof PublicApi;

let loaded: Api | undefined;

export function api(): Api {
  loaded ??= require('../index') as Api;
  return loaded;
}

/**
 * A function of the public API that another part of the project provides, checked at run time:
 * throws NotLandedError naming that part while the export is missing.
 */
export function landed<F>(name: string, part: string, what: string): F {
  const value = (api() as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'function') throw new NotLandedError(what, `\`${name}\` from ${part}`);
  return value as F;
}
