/**
 * The public API of chartmogul-connector (DESIGN.md "Public API"). The CLI and the workbench server
 * use only what is exported here.
 */
export * from './errors';
export type {
  App,
  ModuleInfo,
  RpcInfo,
  ConnectionInfo,
  GroupInfo,
  Problem,
  ParameterSpec,
} from './types/app';
export {
  loadApp,
  validateApp,
  findAppDir,
  formatProblem,
  InvalidDefinitionsError,
  didYouMean,
} from './definitions';
export type { LoadOptions } from './definitions';
export type { OAuthCarry } from './communication/oauth';
export { sampleParameters } from './parameters/samples';
export { appConnection, connectionSecrets, secretParameterNames } from './communication/connection-data';
export type { SampleOptions } from './parameters/samples';
export type { FunctionTestResult, FunctionBudget } from './functions';
export type { FunctionInfo, CustomFunctions } from './types/app';
export type { ServerOptions, WorkbenchServer } from './server';
/** A date parameter's value as Make hands it on (UTC ISO), or undefined when it is not a date. */
export { toIsoDate } from './parameters/dates';
/** Whether values match their parameters' validate.pattern, on the runtime's bounded matcher. */
export { checkPatterns } from './parameters/patterns';
export type { PatternCheck } from './parameters/patterns';
export {
  evaluate,
  compile,
  ERASE,
  IGNORE,
  isErase,
  isIgnore,
  isWholeArrayReference,
  wholeArrayReferenceTarget,
  isValidZone,
  ImlKeywordValue,
  lenientUses,
  checkTemplate,
  functionCatalog,
} from './iml';
export type {
  Dialect,
  CompileOptions,
  EvaluateOptions,
  CompiledTemplate,
  RunOptions as ImlRunOptions,
  LenientUse,
  LenientConstruct,
  CustomFunctionCaller,
} from './iml';
export type {
  RunOptions,
  ModuleResult,
  Bundle,
  RenderedRequest,
  EngineEvent,
  RetryOptions,
  RateLimit,
  ConnectionCheck,
  ConnectionOptions,
  TriggerOptions,
  TriggerResult,
  TriggerState,
  EpochChoice,
  EpochItem,
} from './communication';
export type { SandboxOptions, FaultOptions, RunningSandbox } from '../sandbox';
/** A masker of the connection's secrets (every CLI command's output goes through one). */
export { createMasker } from './scenario/history/mask';
export type {
  Masker,
  ScenarioOptions,
  ScenarioRun,
  ScenarioRunSummary,
  ScenarioEvent,
  ModuleSummary,
  IncompleteExecution,
  ExecutionOutcome,
  RetrySettings,
  ScenarioError,
  Blueprint,
  BlueprintModule,
  RetryOptions as ScenarioRetryOptions,
  ScheduleOptions,
  Schedule,
  HistoryOptions,
  HookInfo,
  HookOptions,
  CreateHookOptions,
  HookRegistrar,
  ReceiverOptions,
  DispatcherOptions,
  DispatchTarget,
  ListenOptions,
  Listener,
  SavedSchedule,
  SavedScenario,
  SavedScenarioSummary,
  SaveScenarioInput,
  StoredTriggerState,
} from './scenario';

// The scenario runner, its history, hooks and schedules: loaded on first call, so a command that runs
// one module (`run`, `rpc`) starts without them (issue 23).
export const runScenario: typeof Scenario.runScenario = (...args) => scenario().runScenario(...args);
export const scheduleScenario: typeof Scenario.scheduleScenario = (...args) =>
  scenario().scheduleScenario(...args);
export const retryIncomplete: typeof Scenario.retryIncomplete = (...args) =>
  scenario().retryIncomplete(...args);
export const closeHistory: typeof Scenario.closeHistory = (...args) => scenario().closeHistory(...args);
export const listenScenario: typeof Scenario.listenScenario = (...args) => scenario().listenScenario(...args);
export const createHook: typeof Scenario.createHook = (...args) => scenario().createHook(...args);
export const deleteHook: typeof Scenario.deleteHook = (...args) => scenario().deleteHook(...args);
export const createHookReceiver: typeof Scenario.createHookReceiver = (...args) =>
  scenario().createHookReceiver(...args);
export const saveSchedule: typeof Scenario.saveSchedule = (...args) => scenario().saveSchedule(...args);
export const listSchedules: typeof Scenario.listSchedules = (...args) => scenario().listSchedules(...args);
export const parseInterval: typeof Scenario.parseInterval = (...args) => scenario().parseInterval(...args);
export const scenarioTrigger: typeof Scenario.scenarioTrigger = (...args) =>
  scenario().scenarioTrigger(...args);
export const deactivateSchedule: typeof Scenario.deactivateSchedule = (...args) =>
  scenario().deactivateSchedule(...args);
/** The custom functions' tests (`functions test`), and closing their isolates; loaded on first call. */
export const testFunctions: typeof Functions.testFunctions = (...args) => functions().testFunctions(...args);
export const closeFunctions: typeof Functions.closeFunctions = (...args) =>
  functions().closeFunctions(...args);
// Classes and constants cannot be wrapped: they are read from their module when first used.
export declare const BlueprintError: typeof Scenario.BlueprintError;
export declare const DeliveryDispatcher: typeof Scenario.DeliveryDispatcher;
export declare const ScenarioConflictError: typeof Scenario.ScenarioConflictError;
export declare const HOOK_METHODS: typeof Scenario.HOOK_METHODS;
export declare const FunctionError: typeof Functions.FunctionError;
export declare const DEFAULT_FUNCTION_BUDGET: typeof Functions.DEFAULT_BUDGET;
for (const name of ['BlueprintError', 'DeliveryDispatcher', 'ScenarioConflictError', 'HOOK_METHODS'] as const)
  Object.defineProperty(exports, name, { enumerable: true, get: () => scenario()[name] });
Object.defineProperty(exports, 'FunctionError', { enumerable: true, get: () => functions().FunctionError });
Object.defineProperty(exports, 'DEFAULT_FUNCTION_BUDGET', {
  enumerable: true,
  get: () => functions().DEFAULT_BUDGET,
});

/** The run history's runs, newest first; by default those of the app folder loadApp() uses. */
export const listRuns: typeof Scenario.listRuns = (options = {}) => scenario().listRuns(historyIn(options));
/** One run by id or unique id prefix; by default from the app folder loadApp() uses. */
export const getRun: typeof Scenario.getRun = (runId, options = {}) =>
  scenario().getRun(runId, historyIn(options));

/** The hooks of the history (their ids and URLs in full: this is the one listing that shows them). */
export const listHooks: typeof Scenario.listHooks = (options = {}) =>
  scenario().listHooks(historyIn(options));
/** The blueprint a stored run ran (routes and error handlers included), by id or unique id prefix. */
export const getRunBlueprint: typeof Scenario.getRunBlueprint = (runId, options = {}) =>
  scenario().getRunBlueprint(runId, historyIn(options));
/** The workbench's saved scenarios (its autosave), most recently saved first. */
export const listSavedScenarios: typeof Scenario.listSavedScenarios = (options = {}) =>
  scenario().listSavedScenarios(historyIn(options));
/** One saved scenario by its scenario key, or undefined. */
export const getSavedScenario: typeof Scenario.getSavedScenario = (key, options = {}) =>
  scenario().getSavedScenario(key, historyIn(options));
/** Saves a scenario under its key; a stale `revision` throws ScenarioConflictError. */
export const saveScenario: typeof Scenario.saveScenario = (key, input, options = {}) =>
  scenario().saveScenario(key, input, historyIn(options));
/** Forgets a saved scenario; whether there was one. */
export const deleteSavedScenario: typeof Scenario.deleteSavedScenario = (key, options = {}) =>
  scenario().deleteSavedScenario(key, historyIn(options));
/** A polling trigger's state under a scenario key; by default from the app folder loadApp() uses. */
export const getTriggerState: typeof Scenario.getTriggerState = (key, options = {}) =>
  scenario().getTriggerState(key, historyIn(options));
/** Keeps (or, with undefined, removes) a trigger's state under a scenario key. */
export const setTriggerState: typeof Scenario.setTriggerState = (key, state, options = {}) =>
  scenario().setTriggerState(key, state, historyIn(options));

// runScenario writes `.sandbox/history.db` of app.dir, the folder loadApp() resolved (its fallback
// included); readers given no file or folder resolve the same one.
function historyIn<T extends Scenario.HistoryOptions>(options: T): T {
  return options.historyPath || options.appDir ? options : { ...options, appDir: appDirOfLoadApp() };
}

// The workbench server, the sandbox and the engine pull in express, SQLite and axios: loaded on first
// call, so commands that need none of them (validate, modules, iml) start without them.
import { findAppDir as appDirOfLoadApp, keepWithDefinitions } from './definitions';
import { standaloneCodeOfApp, useKeptCode } from './parameters/standalone';
import type * as Scenario from './scenario';
import type * as Functions from './functions';
import type * as Server from './server';
import type * as Sandbox from '../sandbox';
import type * as SandboxOptions from '../sandbox/options';
import type { App } from './types/app';
import type * as Communication from './communication';
import type * as FreshToken from './communication/fresh-token';

// The definitions cache (loadApp's `cache`) also keeps the parameters' validators as standalone code,
// so a command it serves validates without loading ajv (issue 23).
keepWithDefinitions({
  name: 'parameterValidators',
  build: standaloneCodeOfApp,
  use: useKeptCode,
});

const scenario = (): typeof Scenario => require('./scenario') as typeof Scenario;
const functions = (): typeof Functions => require('./functions') as typeof Functions;
const communication = (): typeof Communication => require('./communication') as typeof Communication;
const freshToken = (): typeof FreshToken => require('./communication/fresh-token') as typeof FreshToken;

// Each from the part of the engine that serves it: `run` loads neither the triggers nor the webhooks.
export const runModule: typeof Communication.runModule = (...args) => freshToken().runModule(...args);
export const iterateModule: typeof Communication.iterateModule = (...args) =>
  communication().iterateModule(...args);
export const runRpc: typeof Communication.runRpc = (...args) => freshToken().runRpc(...args);
export const verifyConnection: typeof Communication.verifyConnection = (...args) =>
  freshToken().verifyConnection(...args);
/** OAuth 2 and 1 (issue 20): the provider's authorization page, the code → tokens step, a refresh. */
export const oauthStart: typeof Communication.oauthStart = (...args) => communication().oauthStart(...args);
export const oauthAuthorizeUrl: typeof Communication.oauthAuthorizeUrl = (...args) =>
  communication().oauthAuthorizeUrl(...args);
export const oauthConnect: typeof Communication.oauthConnect = (...args) =>
  communication().oauthConnect(...args);
export const refreshConnection: typeof Communication.refreshConnection = (...args) =>
  communication().refreshConnection(...args);
export const runTrigger: typeof Communication.runTrigger = (...args) => communication().runTrigger(...args);
export const runEpoch: typeof Communication.runEpoch = (...args) => communication().runEpoch(...args);
/** The state one of Make's start choices means for a trigger (beyond DESIGN: `trigger state --from`). */
export const startStateOf: typeof Communication.startStateOf = (...args) =>
  communication().startStateOf(...args);
/** A trigger state as given (a file, a route's body), checked: BundleValidationError naming the field. */
export const checkTriggerState: typeof Communication.checkTriggerState = (...args) =>
  communication().checkTriggerState(...args);

export function startServer(
  ...args: Parameters<typeof Server.startServer>
): ReturnType<typeof Server.startServer> {
  return (require('./server') as typeof Server).startServer(...args);
}

export function startSandbox(
  ...args: Parameters<typeof Sandbox.startSandbox>
): ReturnType<typeof Sandbox.startSandbox> {
  return (require('../sandbox') as typeof Sandbox).startSandbox(...args);
}

export function parseFaults(
  ...args: Parameters<typeof Sandbox.parseFaults>
): ReturnType<typeof Sandbox.parseFaults> {
  return (require('../sandbox') as typeof Sandbox).parseFaults(...args);
}

/**
 * Whether the embedded sandbox can stand in for the app's API: its Base URL is on the origin the
 * sandbox emulates. Other apps run against their own API or a `--base-url` (issue 20).
 */
export function sandboxServes(app: Pick<App, 'base'>): boolean {
  const baseUrl = app.base?.baseUrl;
  if (typeof baseUrl !== 'string') return false;
  try {
    return (
      new URL(baseUrl).origin === (require('../sandbox/options') as typeof SandboxOptions).EMULATED_ORIGIN
    );
  } catch {
    return false;
  }
}
