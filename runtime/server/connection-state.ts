/**
 * Which ChartMogul the workbench talks to, and with which key. The key lives only here: routes get
 * `{ connection, target }` to pass to the runtime, and the page learns only the mode.
 *
 * No key → the embedded sandbox: started on first use on its own loopback port, with the file
 * database `.sandbox/chartmogul.db` in the app folder, seeded with the demo data when the file is new.
 */
import { existsSync } from 'node:fs';
import type { HookRegistrar } from '../index';
import { need, type Connection } from './public-api';

export interface ConnectionTarget {
  connection: Connection;
  /** Base URL replacing the real API origin; undefined = the real ChartMogul API. */
  target?: string;
}

export type ConnectionMode = 'sandbox' | 'apiKey';

/** A connection the page asks for: the embedded sandbox, or a key. */
export type ConnectionChoice = { sandbox: true } | Connection;

export interface ConnectionStateOptions {
  connection?: Connection;
  /** Where a given key is sent: undefined = the real API. */
  target?: string;
  /**
   * Whether the embedded sandbox can stand in for the app's API (runtime's sandboxServes); default
   * true. Another app starts with the connection given, or none, against its own API (issue 20).
   */
  sandbox?: boolean;
  /** The app's real API, for the page: where requests go without a target. */
  realApi?: string;
  /** The embedded sandbox's database file. */
  sandboxDbPath: string;
  /**
   * The app's password-typed connection parameters: secrets whatever they are called (a `pin` is
   * one), beside those whose name says so.
   */
  secretNames?: ReadonlySet<string>;
}

export class ConnectionState {
  private mode: ConnectionMode;
  private connection?: Connection;
  private readonly keyTarget?: string;
  private sandbox?: Promise<{
    url: string;
    apiKey: string;
    webhookDestinations: HookRegistrar;
    close(): Promise<void>;
  }>;
  /** Every key this process has held, so replies can be scrubbed of old ones too. */
  private readonly secrets = new Set<string>();

  constructor(private readonly options: ConnectionStateOptions) {
    this.keyTarget = options.target;
    if (options.connection) {
      this.mode = 'apiKey';
      this.setKey(options.connection);
    } else if (options.sandbox === false) {
      this.mode = 'apiKey';
      this.setKey({});
    } else if (options.target) {
      // A base URL without a key: the sandbox demo key at that URL (DESIGN: "with no key the
      // sandbox demo key is used").
      this.mode = 'apiKey';
      this.setKey({ apiKey: 'sandbox-demo-key' });
    } else {
      this.mode = 'sandbox';
    }
  }

  setKey(connection: Connection): void {
    this.connection = { ...connection };
    this.mode = 'apiKey';
    this.remember(connection);
  }

  useSandbox(): void {
    this.mode = 'sandbox';
    this.connection = undefined;
  }

  /** What the page may know: the mode and where requests go (never the key). */
  describe(): { mode: ConnectionMode; target: string } {
    return this.describeMode(this.mode);
  }

  /** `{ connection, target }` for the runtime, starting the embedded sandbox when it is needed. */
  async resolve(): Promise<ConnectionTarget> {
    return this.mode === 'apiKey' && this.connection ? this.keyed(this.connection) : this.sandboxTarget();
  }

  /**
   * The embedded sandbox's webhook destinations while it is the connection (createHook's registrar: a
   * hook without attach is registered with it); undefined with a key, where the user pastes the URL.
   */
  async hookRegistrar(): Promise<HookRegistrar | undefined> {
    if (this.mode === 'apiKey' && this.connection) return undefined;
    return (await this.startSandbox()).webhookDestinations;
  }

  /** describe() and resolve() for a connection the page is trying out, which is not saved. */
  trial(choice: ConnectionChoice): {
    described: { mode: ConnectionMode; target: string };
    resolve(): Promise<ConnectionTarget>;
  } {
    if ('sandbox' in choice)
      return { described: this.describeMode('sandbox'), resolve: () => this.sandboxTarget() };
    this.remember(choice); // replies are scrubbed of a tried key too
    return { described: this.describeMode('apiKey'), resolve: async () => this.keyed(choice) };
  }

  /** Whether the page may offer the embedded sandbox (false for an app the sandbox does not emulate). */
  offersSandbox(): boolean {
    return this.options.sandbox !== false;
  }

  /** Whether requests go with values given (a key, parameters, saved tokens), not the sandbox or none. */
  hasValues(): boolean {
    return this.mode === 'apiKey' && Object.keys(this.connection ?? {}).length > 0;
  }

  secretValues(): string[] {
    return [...this.secrets].filter((s) => s.length > 0);
  }

  async close(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    if (sandbox) await (await sandbox.catch(() => undefined))?.close();
  }

  /**
   * Keeps the connection's secrets for scrubbing replies: the key and secret, any value whose name
   * names a credential, and the secret values of its saved data (an OAuth connection's tokens).
   */
  private remember(connection: Connection): void {
    for (const value of need('connectionSecrets')(connection, this.options.secretNames))
      this.secrets.add(value);
  }

  /** The saved data of an OAuth connection, after the callback exchanged its code. */
  saveData(data: Record<string, unknown>): void {
    this.setKey({ ...(this.connection ?? {}), data });
  }

  /** The connection's values as given (for an OAuth start: its client id and secret). */
  current(): Connection | undefined {
    return this.connection;
  }

  private describeMode(mode: ConnectionMode): { mode: ConnectionMode; target: string } {
    if (mode === 'sandbox') return { mode: 'sandbox', target: 'embedded sandbox' };
    return {
      mode: 'apiKey',
      target: this.keyTarget
        ? withoutCredentials(this.keyTarget)
        : (this.options.realApi ?? 'https://api.chartmogul.com'),
    };
  }

  private keyed(connection: Connection): ConnectionTarget {
    return this.keyTarget ? { connection, target: this.keyTarget } : { connection };
  }

  private async sandboxTarget(): Promise<ConnectionTarget> {
    const sandbox = await this.startSandbox();
    this.secrets.add(sandbox.apiKey);
    return { connection: { apiKey: sandbox.apiKey }, target: sandbox.url };
  }

  private startSandbox() {
    if (!this.sandbox) {
      const dbPath = this.options.sandboxDbPath;
      const isMemory = dbPath === ':memory:';
      // The sandbox creates the database's folder itself, readable by its owner only.
      const fresh = isMemory || !existsSync(dbPath);
      this.sandbox = need('startSandbox')({
        port: 0,
        host: '127.0.0.1',
        dbPath,
        seed: fresh ? 'demo' : 'none',
      });
      // A failed start is retried on the next request rather than remembered forever.
      this.sandbox.catch(() => {
        this.sandbox = undefined;
      });
    }
    return this.sandbox;
  }
}

function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'custom base URL';
  }
}
