/* eslint-disable */
// Generated from schemas/blueprint.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * OR-list of AND-lists.
 */
export type FilterConditions = FilterCondition[][];
export type Flow = FlowModule[];

/**
 * A Make scenario blueprint (make-format.md §9). Strict on the keys of a flow module, which the runner reads; open at the top level and under metadata, because real exports carry more than we read.
 */
export interface Blueprint {
  name?: string;
  flow: Flow;
  metadata?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
export interface FlowModule {
  id: number | string;
  /**
   * app#<appName>:<moduleName> for custom apps, <app>:<Module> for built-ins (builtin:BasicRouter …).
   */
  module: string;
  version?: number;
  parameters?: {
    [k: string]: unknown;
  };
  mapper?: {
    [k: string]: unknown;
  } | null;
  filter?: Filter;
  onerror?: Flow;
  routes?: Route[];
  branches?: Branch[];
  metadata?: {
    [k: string]: unknown;
  };
}
export interface Filter {
  name?: string;
  conditions: FilterConditions;
}
/**
 * a <o> b; unary operators (exist, notexist) take no b.
 */
export interface FilterCondition {
  a: unknown;
  b?: unknown;
  o: string;
}
export interface Route {
  flow: Flow;
}
/**
 * A branch of builtin:BasicIfElse.
 */
export interface Branch {
  type?: 'condition' | 'else';
  label?: string;
  conditions?: FilterConditions;
  merge?: boolean;
  flow: Flow;
}
