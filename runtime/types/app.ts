/**
 * The loaded app: what runtime/definitions produces and the engine, the scenario runner, the CLI and
 * the server consume. Definitions are kept as the JSON Make stores (parsed from JSONC); templates are
 * compiled by runtime/iml, which memoizes each template string, so the loader's compile-everything
 * pass at load makes every later compile of the same text a cache hit.
 *
 * Leaf module: imports nothing from the runtime but generated types.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One Make parameter spec (static, mappable, connection, RPC params or interface). */
export type ParameterSpec = JsonObject & { name?: string; type?: string; label?: string };

/** A communication (request object or array of them), as written in a *.communication.iml.json. */
export type Communication = JsonObject | JsonObject[];

export type ModuleType = 'action' | 'search' | 'universal' | 'trigger' | 'instant_trigger' | 'responder';

/** Where a definition came from: the app-relative path of each code file, for error messages. */
export type CodeFiles = Partial<Record<string, string>>;

export interface ModuleInfo {
  id: string;
  label: string;
  type: ModuleType;
  description: string;
  /** `actionCrud` from makecomapp.json (create/read/update/delete), when given. */
  crud?: 'create' | 'read' | 'update' | 'delete' | null;
  connection: string | null;
  staticParams: ParameterSpec[];
  mappableParams: ParameterSpec[];
  interface: ParameterSpec[];
  samples: JsonValue;
  communication: Communication;
  /** Triggers: the `epoch` code (the start choices' item list), when the module has one. */
  epoch?: JsonObject;
  /** Instant triggers: the webhook component the module reads its items from. */
  webhook?: string;
  files: CodeFiles;
}

/** A webhook component (make-format.md §4.6): how incoming requests are read, and its lifecycle. */
export interface WebhookInfo {
  id: string;
  label: string;
  /** `web`: a URL per hook; `web-shared`: one URL for every user, routed by `uid`. */
  type: 'web' | 'web-shared';
  connection: string | null;
  params: ParameterSpec[];
  /** How an incoming request is read: verification, respond, iterate, output, condition, uid. */
  communication: JsonObject;
  /** Requests that register, unregister and update the hook at the service; absent = none. */
  attach?: Communication;
  detach?: Communication;
  update?: Communication;
  files: CodeFiles;
}

export interface RpcInfo {
  id: string;
  label: string;
  connection: string | null;
  params: ParameterSpec[];
  communication: Communication;
  files: CodeFiles;
}

export interface ConnectionInfo {
  id: string;
  label: string;
  connectionType: 'basic' | 'oauth';
  params: ParameterSpec[];
  communication: Communication;
  files: CodeFiles;
}

/** One custom IML function (the `function` component): its code and its tests, as the files hold them. */
export interface FunctionInfo {
  id: string;
  code: string;
  /** test.js, when the component names one. */
  test?: string;
  files: CodeFiles;
}

/**
 * The app's custom functions, ready to call from its templates (runtime/functions runs them in an
 * isolate). The same shape as IML's `functions` run option.
 */
export interface CustomFunctions {
  readonly names: readonly string[];
  call(name: string, args: unknown[], context: { timezone: string }): unknown;
}

export interface GroupInfo {
  label: string;
  modules: string[];
}

export interface App {
  /** Absolute path of the folder holding makecomapp.json. */
  dir: string;
  /**
   * The app's name as blueprints write it (`app#<name>:<module>`): the first origin's `appId` (the
   * name Make gave the deployed app), else the first connection's id (Make names connections after
   * the app), else `app`.
   */
  name: string;
  /**
   * The names Make gave the app's deployments (makecomapp.json origins' `appId`): blueprints exported
   * from them call it so. Optional: an App built by hand may leave it out.
   */
  remoteNames?: string[];
  /** The Base (base.iml.json): request defaults merged into every module and RPC request. */
  base: JsonObject;
  /** common.json, visible as `common.*` in IML. */
  common: JsonObject;
  groups: GroupInfo[];
  readme: string;
  connections: ConnectionInfo[];
  modules: ModuleInfo[];
  rpcs: RpcInfo[];
  /** Webhook components (optional: an App built by hand may leave it out). */
  webhooks?: WebhookInfo[];
  /** The custom IML functions the manifest names (loadApp fills it, [] when none). */
  functions?: FunctionInfo[];
  /** Those functions, callable (undefined when the app has none). */
  customFunctions?: CustomFunctions;
}

/** A problem found in the definitions: `file: /json/pointer: message`. */
export interface Problem {
  /** App-relative path of the file (forward slashes). */
  file: string;
  /** JSON pointer into the file ('' for the whole file). */
  pointer: string;
  message: string;
}
