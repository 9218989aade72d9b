/**
 * The part of the public API (runtime/index.ts) the workbench uses, looked up at run time.
 *
 * Why a lookup and not plain named imports: the server is built alongside the functions it serves,
 * so a route whose function is not exported yet answers 501 instead of breaking the build. The
 * signatures below are DESIGN.md's; the server imports runtime/index.ts and nothing else.
 */
import * as publicApi from '../index';
import type { App } from '../index';

export type Connection = { apiKey: string; secretKey?: string };
export type ScenarioEvent =
  | { type: 'module:start'; moduleId: string | number }
  | { type: 'bundle'; moduleId: string | number; input: unknown; output: unknown }
  | { type: 'module:end'; moduleId: string | number; operations: number; error?: unknown }
  | { type: 'run:end'; run: { id: string; status: string } & Record<string, unknown> };

interface Signatures {
  loadApp(dir?: string): Promise<App>;
  runModule(app: App, moduleId: string, options: Record<string, unknown>): Promise<unknown>;
  runRpc(app: App, rpcId: string, options: Record<string, unknown>): Promise<unknown>;
  verifyConnection(
    app: App,
    options: { connection: Connection; target?: string },
  ): Promise<{ ok: true; label?: string }>;
  runScenario(app: App, blueprint: unknown, options: Record<string, unknown>): Promise<unknown>;
  listRuns(options?: { limit?: number; historyPath?: string }): Promise<unknown[]>;
  getRun(runId: string, options?: { historyPath?: string }): Promise<unknown>;
  startSandbox(
    options: Record<string, unknown>,
  ): Promise<{ url: string; apiKey: string; close(): Promise<void> }>;
}

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

export function has(name: ApiName): boolean {
  return typeof (publicApi as Record<string, unknown>)[name] === 'function';
}
