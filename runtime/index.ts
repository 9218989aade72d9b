/**
 * The public API of chartmogul-connector (DESIGN.md "Public API"). The CLI and the workbench server
 * use only what is exported here.
 */
export * from './errors';
export type { App, ModuleInfo, RpcInfo, ConnectionInfo, GroupInfo, Problem, ParameterSpec } from './types/app';
export { loadApp, validateApp, findAppDir, formatProblem, InvalidDefinitionsError, didYouMean } from './definitions';
export { startServer } from './server';
export type { ServerOptions, WorkbenchServer } from './server';
export { evaluate, compile, ERASE, IGNORE, isErase, isIgnore, isWholeArrayReference, wholeArrayReferenceTarget, ImlKeywordValue } from './iml';
export type { Dialect, CompileOptions, EvaluateOptions, CompiledTemplate, RunOptions as ImlRunOptions } from './iml';
export { runModule, iterateModule, runRpc, verifyConnection } from './communication';
export type { RunOptions, ModuleResult, Bundle, RenderedRequest, EngineEvent, RetryOptions, RateLimit } from './communication';
export { startSandbox, parseFaults } from '../sandbox';
export type { SandboxOptions, FaultOptions, RunningSandbox } from '../sandbox';
export { runScenario, scheduleScenario, retryIncomplete, listRuns, getRun, closeHistory, BlueprintError } from './scenario';
export type { ScenarioOptions, ScenarioRun, ScenarioRunSummary, ScenarioEvent, ModuleSummary, IncompleteExecution, RetrySettings, ScenarioError, Blueprint, BlueprintModule, RetryOptions as ScenarioRetryOptions, ScheduleOptions, Schedule, HistoryOptions } from './scenario';
