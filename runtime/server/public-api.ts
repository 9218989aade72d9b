/**
 * The part of the public API (runtime/index.ts) the workbench uses, looked up when a route runs.
 *
 * Why a lookup: the server was built alongside the functions it serves, and a build of the runtime
 * without one of them should answer that route with 501 rather than fail to start. The types are
 * the real exports', so a change of signature still breaks the build here.
 */
import * as publicApi from '../index';
import type { ScenarioEvent as RunnerEvent } from '../index';

type PublicApi = typeof publicApi;
type Signatures = Pick<
  PublicApi,
  | 'loadApp'
  | 'runModule'
  | 'runRpc'
  | 'verifyConnection'
  | 'runScenario'
  | 'listRuns'
  | 'getRun'
  | 'startSandbox'
  | 'sandboxServes'
  | 'oauthAuthorizeUrl'
  | 'oauthStart'
  | 'oauthConnect'
  | 'connectionSecrets'
  | 'appConnection'
  | 'secretParameterNames'
  | 'getRunBlueprint'
  | 'listSavedScenarios'
  | 'getSavedScenario'
  | 'saveScenario'
  | 'deleteSavedScenario'
  | 'checkTemplate'
  | 'functionCatalog'
  | 'toIsoDate'
  | 'checkPatterns'
  | 'retryIncomplete'
>;

/** A connection's values by parameter name (ChartMogul's `{ apiKey, secretKey? }`), and its saved data. */
export type Connection = {
  [name: string]: unknown;
  apiKey?: string;
  secretKey?: string;
  data?: Record<string, unknown>;
};
export type ScenarioEvent = RunnerEvent;

export type ApiName = keyof Signatures;

/** Thrown when a route needs a public-API function that is not exported (yet). */
export class NotAvailableError extends Error {
  constructor(readonly functionName: string) {
    super(`${functionName} is not available in this build of the runtime`);
    this.name = 'NotAvailableError';
  }
}

/** The exported function `name`, or a NotAvailableError when the runtime does not export it. */
export function need<K extends ApiName>(name: K): Signatures[K] {
  const value = (publicApi as Record<string, unknown>)[name];
  if (typeof value !== 'function') throw new NotAvailableError(name);
  return value as Signatures[K];
}
