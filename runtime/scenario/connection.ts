/**
 * The connection of one scenario run. Make runs modules with `connection` = the connection's
 * parameters merged with the `response.data` it saved when it was verified. A caller that kept that
 * data passes it as `connection.data`; otherwise, when the app's connection declares `response.data`,
 * the run verifies the connection once, before its first app module, and every module of the run
 * gets the data. A connection that declares no `data` (ChartMogul's) sends nothing more.
 */
import { isPlainObject } from '../iml/values';
import type * as Communication from '../communication';
import { appConnection, type ConnectionOptions } from '../communication/connection-data';
import type { App } from '../types/app';
import type { ModuleExecutor, ScenarioOptions } from './types';
import { engineOptionsOf } from './executor';

/** Verifies the connection and gives back its saved data, unmasked (undefined when it saves none). */
export type VerifyConnection = (
  connection: ConnectionOptions,
) => Promise<Record<string, unknown> | undefined>;

export class RunConnection {
  private pending: Promise<ConnectionOptions | undefined> | undefined;
  private known: ConnectionOptions | undefined;

  constructor(
    private readonly given: ConnectionOptions | undefined,
    /** Absent when the run must not verify: nothing to learn, data given, or a dry run. */
    private readonly verify: VerifyConnection | undefined,
  ) {
    this.known = given;
  }

  /** The connection app modules run with; the first call verifies it when it has to (once per run). */
  connection(): Promise<ConnectionOptions | undefined> {
    this.pending ??= this.load();
    return this.pending;
  }

  /** The connection as known so far, saved data included once verified: what the history masks. */
  current(): ConnectionOptions | undefined {
    return this.known;
  }

  private async load(): Promise<ConnectionOptions | undefined> {
    if (!this.verify || !this.given) return this.given;
    const data = await this.verify(this.given);
    if (data) this.known = { ...this.given, data };
    return this.known;
  }
}

/** The run's connection: verifies only when the connection saves data and the caller gave none. */
export function runConnection(
  app: App,
  options: ScenarioOptions,
  verify: VerifyConnection = engineVerify(app, options),
): RunConnection {
  const mustVerify = !options.dryRun && options.connection?.data === undefined && savesData(app);
  return new RunConnection(options.connection, mustVerify ? verify : undefined);
}

/** The executor that runs every app module with the run's connection. */
export function withRunConnection(executor: ModuleExecutor, connection: RunConnection): ModuleExecutor {
  return async (node, parameters) => executor(node, parameters, await connection.connection());
}

/** Does the app's connection (the one verifyConnection sends) declare `response.data`? */
export function savesData(app: App): boolean {
  const communication = appConnection(app)?.communication as unknown;
  const first: unknown = Array.isArray(communication) ? communication[0] : communication;
  const response = isPlainObject(first) ? first.response : undefined;
  return isPlainObject(response) && response.data !== undefined;
}

function engineVerify(app: App, options: ScenarioOptions): VerifyConnection {
  return async (connection) => {
    // Required on use, like the executor's engine: most runs never verify.
    const { verifyConnection } = require('../communication') as typeof Communication;
    const check = await verifyConnection(app, {
      connection,
      ...engineOptionsOf(options),
    });
    return check.savedData?.();
  };
}
