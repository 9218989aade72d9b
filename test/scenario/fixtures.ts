/**
 * A tiny in-process stand-in for the app's modules, behind the runner's own executor interface (not
 * a mock of HTTP): it records every call in order, so tests can pin depth-first order, operation
 * counts and error handling without the network. End-to-end tests use the real engine and sandbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioNode } from '../../runtime/scenario/blueprint';
import type { Bundle, ExecutorResult, ModuleExecutor } from '../../runtime/scenario/types';
import type { App, ModuleInfo } from '../../runtime/types/app';

function moduleInfo(
  id: string,
  type: ModuleInfo['type'],
  mappable: { name: string; type: string }[] = [],
): ModuleInfo {
  return {
    id,
    label: id,
    type,
    description: '',
    connection: 'test',
    staticParams: [],
    mappableParams: mappable,
    interface: [],
    samples: {},
    communication: {},
    files: {},
  };
}

export function testApp(dir = os.tmpdir()): App {
  return {
    dir,
    name: 'chartmogul',
    base: {},
    common: {},
    groups: [],
    readme: '',
    connections: [],
    rpcs: [],
    modules: [
      moduleInfo('listThings', 'search', [{ name: 'status', type: 'text' }]),
      moduleInfo('getThing', 'action', [{ name: 'id', type: 'text' }]),
      moduleInfo('updateThing', 'action', [
        { name: 'id', type: 'text' },
        { name: 'tags', type: 'array' },
        { name: 'firstTag', type: 'text' },
        { name: 'note', type: 'text' },
      ]),
      moduleInfo('echo', 'action', []),
    ],
  };
}

export type Handler = (params: Record<string, unknown>, call: number) => Bundle[] | Promise<Bundle[]>;

/** An executor over handlers by module id; `calls` lists `moduleId` + params in call order. */
export class FakeModules {
  readonly calls: { moduleId: string; params: Record<string, unknown> }[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly handlers: Record<string, Handler>) {}

  readonly executor: ModuleExecutor = async (node: ScenarioNode, params): Promise<ExecutorResult> => {
    const id = node.appModuleId as string;
    const n = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, n);
    this.calls.push({ moduleId: id, params });
    const handler = this.handlers[id];
    if (!handler) throw new Error(`no handler for ${id}`);
    return { bundles: await handler(params, n), operations: 1 };
  };

  /** `moduleId:param` for each call, e.g. `getThing:a`. */
  trace(param = 'id'): string[] {
    return this.calls.map((c) =>
      c.params[param] === undefined ? c.moduleId : `${c.moduleId}:${String(c.params[param])}`,
    );
  }
}

export const things = (ids: string[], extra: (id: string) => Bundle = () => ({})) =>
  ids.map((id, i) => ({
    id,
    name: `Thing ${id}`,
    __IMTINDEX__: i + 1,
    __IMTLENGTH__: ids.length,
    ...extra(id),
  }));

/** Module object helpers for blueprints. */
export const mod = (
  id: number,
  module: string,
  mapper: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  id,
  module: module.includes(':') ? module : `app#chartmogul-x1y2z3:${module}`,
  version: 1,
  parameters: { __IMTCONN__: 12345 },
  mapper,
  metadata: { designer: { x: 0, y: 0 } },
  ...extra,
});

export const blueprint = (flow: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'Test scenario',
  flow,
  metadata: { instant: false, version: 1, scenario: { roundtrips: 1, maxErrors: 3, autoCommit: true } },
  ...extra,
});

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-test-'));
}

/**
 * Copies the app (makecomapp.json and every top-level folder it names) into `dir`, so a test's history and
 * sandbox files land in a folder of its own.
 */
export function copyApp(root: string, dir: string): void {
  const manifest = fs.readFileSync(path.join(root, 'makecomapp.json'), 'utf8');
  fs.writeFileSync(path.join(dir, 'makecomapp.json'), manifest);
  const folders = new Set([...manifest.matchAll(/"([\w-]+)\/[^"]+\.json"/g)].map((m) => m[1]));
  for (const folder of folders)
    fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
}
