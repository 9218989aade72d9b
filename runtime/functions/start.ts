import { builtinNames, callBuiltin } from './builtins';
import {
  DEFAULT_BUDGET,
  FunctionHost,
  type FunctionBudget,
  type FunctionSource,
  type LoadProblem,
} from './host';

/** The default budget with the caller's overrides. */
export function budgetOf(overrides: Partial<FunctionBudget> = {}): FunctionBudget {
  return { ...DEFAULT_BUDGET, ...overrides };
}

/** A fresh isolate with these functions, IML's built-ins reachable as `iml.<name>` (the caller closes it). */
export function startFunctions(
  sources: readonly FunctionSource[],
  budget: FunctionBudget,
): { host?: FunctionHost; problems: LoadProblem[] } {
  return FunctionHost.start(sources, budget, callBuiltin, builtinNames());
}
