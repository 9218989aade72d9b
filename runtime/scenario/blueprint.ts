/**
 * Make's blueprint export format (make-format.md §9) and its translation into the runner's model:
 * every module object is classified once (an app module, a built-in, a router, a directive), ids
 * become strings, filters are checked against the operator list. Anything the runner cannot run is
 * reported here, before a single module executes.
 */
import type { App } from '../types/app';
import { InvalidConfigurationError } from '../errors';
import { compile } from '../iml';
import { namesThisApp, otherAppProblem } from './app-names';
import { getOperator } from './operators';

export interface FilterCondition {
  a?: unknown;
  o: string;
  b?: unknown;
}

export interface BlueprintFilter {
  name?: string;
  conditions: FilterCondition[][];
}

export interface BlueprintModule {
  id: number | string;
  module: string;
  version?: number;
  parameters?: Record<string, unknown> | null;
  mapper?: Record<string, unknown> | null;
  filter?: BlueprintFilter | null;
  onerror?: BlueprintModule[] | null;
  routes?: { flow: BlueprintModule[] }[] | null;
  metadata?: unknown;
}

export interface Blueprint {
  name?: string;
  flow: BlueprintModule[];
  metadata?: { scenario?: { maxErrors?: number; [key: string]: unknown }; [key: string]: unknown };
  [key: string]: unknown;
}

export type Directive = 'Ignore' | 'Resume' | 'Commit' | 'Rollback' | 'Break';
export const DIRECTIVES: readonly Directive[] = ['Ignore', 'Resume', 'Commit', 'Rollback', 'Break'];

export type NodeKind = 'app' | 'router' | 'feeder' | 'aggregator' | 'setVariable' | 'parseJson' | 'directive';

/** One module of the scenario, ready to run. */
export interface ScenarioNode {
  id: string;
  /** The blueprint's `module` string, e.g. `app#chartmogul-x1y2z3:listCustomers`. */
  module: string;
  kind: NodeKind;
  /** For `app` nodes: the module id in this app. */
  appModuleId?: string;
  parameters: Record<string, unknown>;
  mapper: Record<string, unknown>;
  filter?: BlueprintFilter;
  routes: ScenarioNode[][];
  /**
   * Error-handler route: `flow`, its modules, then `directive` (Ignore when none is given). `route` is
   * what runs: the flow ending in the directive's node. A Router in the route may end each of its routes
   * in a directive of its own; the first directive the bundle reaches decides, none reached is Ignore.
   */
  onerror?: {
    flow: ScenarioNode[];
    directive: Directive;
    directiveMapper: Record<string, unknown>;
    route: ScenarioNode[];
  };
  /** For `directive` nodes (only in error-handler routes): which, and its mapper. */
  directive?: Directive;
  directiveMapper?: Record<string, unknown>;
}

export interface ScenarioModel {
  name: string;
  flow: ScenarioNode[];
  /** Every node by id, routes and error handlers included. */
  nodes: Map<string, ScenarioNode>;
  /** Aggregators by the id of the module that feeds them. */
  aggregatorsByFeeder: Map<string, ScenarioNode[]>;
  maxErrors: number;
}

/** A blueprint the runner cannot run: every problem, each naming the module. */
export class BlueprintError extends InvalidConfigurationError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Blueprint: ${problems[0]}`
        : `Blueprint has ${problems.length} problems: ${problems.join('; ')}`,
    );
    this.problems = problems;
  }
}

const BUILTINS: Record<string, NodeKind> = {
  'builtin:BasicRouter': 'router',
  'builtin:BasicFeeder': 'feeder',
  'builtin:BasicAggregator': 'aggregator',
  'util:SetVariable2': 'setVariable',
  'json:ParseJSON': 'parseJson',
};

/** `app#<appName>:<moduleId>` → moduleId (whichever app it names; see app-names.ts). */
export function appModuleName(ref: string): string | undefined {
  const m = /^app#[^:]+:([^:]+)$/.exec(ref);
  return m ? m[1] : undefined;
}

/** `app#<appName>:<moduleId>` → appName. */
function appNameOf(ref: string): string {
  return /^app#([^:]+):/.exec(ref)![1]!;
}

function directiveOf(ref: string): Directive | undefined {
  const m = /^builtin:(\w+)$/.exec(ref);
  return m && (DIRECTIVES as readonly string[]).includes(m[1]) ? (m[1] as Directive) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text or takes an object, checks it, and builds the runner's model. Throws BlueprintError. */
export function buildScenario(app: App, input: unknown): ScenarioModel {
  const blueprint = typeof input === 'string' ? parseJson(input) : input;
  const problems: string[] = [];
  if (!isObject(blueprint) || !Array.isArray(blueprint.flow))
    throw new BlueprintError(['expected an object with a "flow" array']);
  if (blueprint.flow.length === 0) throw new BlueprintError(['the flow is empty']);
  const known = new Set(app.modules.map((m) => m.id));
  const nodes = new Map<string, ScenarioNode>();

  const label = (raw: Record<string, unknown>) => `module ${String(raw.id)} (${String(raw.module)})`;

  /** `handler`: the flow is an error-handler route (or a route of a Router in one): it may end in a directive. */
  const buildFlow = (flow: unknown, where: string, handler?: string): ScenarioNode[] => {
    if (!Array.isArray(flow)) {
      problems.push(`${where}: "flow" must be an array`);
      return [];
    }
    const built = flow.flatMap((raw, i) => {
      const directive = isObject(raw) && typeof raw.module === 'string' ? directiveOf(raw.module) : undefined;
      if (handler !== undefined && directive) {
        if (i < flow.length - 1) {
          problems.push(
            `${handler}: error handler directive ${String(raw.module)} must end the handler route`,
          );
          return [];
        }
        return [buildDirective(raw as Record<string, unknown>, directive, handler)];
      }
      const node = buildNode(raw, where, handler);
      return node ? [node] : [];
    });
    // In Make a Router ends its flow: what follows it belongs in one of its routes, or never runs.
    const router = built.findIndex((n) => n.kind === 'router');
    if (router >= 0 && router < built.length - 1) {
      const after = built[router + 1];
      problems.push(
        `${where}: module ${after.id} (${after.module}) follows the Router (module ${built[router].id}) and would never run; a Router ends its flow, so move it into one of the routes`,
      );
    }
    return built;
  };

  const buildNode = (raw: unknown, where: string, handler?: string): ScenarioNode | undefined => {
    if (
      !isObject(raw) ||
      (typeof raw.id !== 'number' && typeof raw.id !== 'string') ||
      typeof raw.module !== 'string'
    ) {
      problems.push(`${where}: every module needs an "id" and a "module"`);
      return undefined;
    }
    const id = String(raw.id);
    if (nodes.has(id)) problems.push(`${label(raw)}: duplicate id ${id}`);
    const appId = appModuleName(raw.module);
    const kind: NodeKind | undefined = appId !== undefined ? 'app' : BUILTINS[raw.module];
    if (kind === undefined) {
      problems.push(
        `${label(raw)}: unknown module "${raw.module}"${directiveOf(raw.module) ? ' (directives belong in "onerror")' : ''}`,
      );
      return undefined;
    }
    if (kind === 'app' && !namesThisApp(app, appNameOf(raw.module))) {
      problems.push(`${label(raw)} ${otherAppProblem(app, appNameOf(raw.module))}`);
    } else if (kind === 'app' && !known.has(appId as string)) {
      problems.push(`${label(raw)}: this app has no module "${appId}"`);
    }
    const node: ScenarioNode = {
      id,
      module: raw.module,
      kind,
      parameters: isObject(raw.parameters) ? raw.parameters : {},
      mapper: isObject(raw.mapper) ? raw.mapper : {},
      routes: [],
    };
    if (kind === 'app') node.appModuleId = appId;
    nodes.set(id, node);
    checkTemplates(node.mapper, `${label(raw)} mapper`, problems);
    if (raw.filter != null) node.filter = checkFilter(raw.filter, label(raw), problems);
    if (kind === 'router') {
      const routes = Array.isArray(raw.routes) ? raw.routes : [];
      node.routes = routes.map((r, i) =>
        buildFlow(isObject(r) ? r.flow : undefined, `${label(raw)} route ${i + 1}`, handler),
      );
    }
    if (Array.isArray(raw.onerror) && raw.onerror.length > 0)
      node.onerror = buildHandler(raw.onerror, label(raw));
    return node;
  };

  const buildHandler = (raw: unknown[], owner: string): ScenarioNode['onerror'] => {
    const route = buildFlow(raw, `${owner} error handler`, owner);
    const end = route[route.length - 1];
    const ends = end?.kind === 'directive';
    return {
      flow: ends ? route.slice(0, -1) : route,
      directive: ends ? (end.directive as Directive) : 'Ignore',
      directiveMapper: ends ? (end.directiveMapper ?? {}) : {},
      route,
    };
  };

  /** A directive ending a handler route: a node of its own, not a module (no operations, no summary). */
  const buildDirective = (
    raw: Record<string, unknown>,
    directive: Directive,
    owner: string,
  ): ScenarioNode => {
    const mapper = isObject(raw.mapper) ? raw.mapper : {};
    checkTemplates(mapper, `${owner} error handler directive`, problems);
    const id =
      typeof raw.id === 'number' || typeof raw.id === 'string' ? String(raw.id) : `${owner} directive`;
    if (nodes.has(id)) problems.push(`${owner}: duplicate id ${id}`);
    const node: ScenarioNode = {
      id,
      module: String(raw.module),
      kind: 'directive',
      parameters: {},
      mapper: {},
      routes: [],
      directive,
      directiveMapper: mapper,
    };
    if (raw.filter != null) node.filter = checkFilter(raw.filter, label(raw), problems);
    return node;
  };

  const flow = buildFlow(blueprint.flow, 'flow');
  const aggregatorsByFeeder = new Map<string, ScenarioNode[]>();
  for (const node of nodes.values()) {
    if (node.kind !== 'aggregator') continue;
    const feeder = node.parameters.feeder;
    const feederId = feeder === undefined || feeder === null ? undefined : String(feeder);
    if (!feederId || !nodes.has(feederId)) {
      problems.push(`module ${node.id} (${node.module}): "parameters.feeder" must name the source module`);
      continue;
    }
    aggregatorsByFeeder.set(feederId, [...(aggregatorsByFeeder.get(feederId) ?? []), node]);
  }
  if (problems.length > 0) throw new BlueprintError(problems);
  const settings =
    isObject(blueprint.metadata) && isObject(blueprint.metadata.scenario) ? blueprint.metadata.scenario : {};
  const maxErrors = Number(settings.maxErrors);
  return {
    name: typeof blueprint.name === 'string' ? blueprint.name : 'Scenario',
    flow,
    nodes,
    aggregatorsByFeeder,
    maxErrors: Number.isInteger(maxErrors) && maxErrors > 0 ? maxErrors : 3,
  };
}

function checkFilter(raw: unknown, where: string, problems: string[]): BlueprintFilter | undefined {
  if (!isObject(raw) || !Array.isArray(raw.conditions)) {
    problems.push(`${where}: filter needs "conditions" (an OR-list of AND-lists)`);
    return undefined;
  }
  const conditions: FilterCondition[][] = [];
  for (const group of raw.conditions) {
    if (!Array.isArray(group)) {
      problems.push(`${where}: filter conditions must be arrays of {a, o, b}`);
      continue;
    }
    const and: FilterCondition[] = [];
    for (const c of group) {
      if (!isObject(c) || typeof c.o !== 'string' || !getOperator(c.o)) {
        problems.push(
          `${where}: unknown filter operator ${isObject(c) ? JSON.stringify(c.o) : JSON.stringify(c)}`,
        );
        continue;
      }
      checkTemplates({ a: c.a, b: c.b }, `${where} filter`, problems);
      and.push({ a: c.a, o: c.o, b: c.b });
    }
    conditions.push(and);
  }
  return { name: typeof raw.name === 'string' ? raw.name : undefined, conditions };
}

/** Compiles every template of a mapper once (memoized by runtime/iml): bad IML fails before any run. */
function checkTemplates(values: Record<string, unknown>, where: string, problems: string[]): void {
  for (const [key, value] of Object.entries(values)) {
    try {
      compile(value, { dialect: 'scenario' });
    } catch (err) {
      problems.push(`${where} "${key}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BlueprintError([`not valid JSON (${(err as Error).message})`]);
  }
}
