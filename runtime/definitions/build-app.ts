import type {
  App,
  Communication,
  ConnectionInfo,
  FunctionInfo,
  GroupInfo,
  JsonObject,
  JsonValue,
  ModuleInfo,
  ParameterSpec,
  RpcInfo,
} from '../types/app';
import type { ComponentType, LoadedDefinitions } from './loaded';
import { definedComponents } from './checks/manifest-pointers';
import { buildWebhooks, filesOf, withTriggerParts } from './build-webhooks';
import { lazyProperty } from './lazy';

/** Empty defaults for codes a component does not name (Make's own empty templates, make-format.md §1.1). */
function valueOf<T>(loaded: LoadedDefinitions, type: ComponentType, id: string, code: string, empty: T): T {
  const value = loaded.componentFile(type, id, code)?.value;
  return value === undefined ? empty : (value as T);
}

function paramsOf(loaded: LoadedDefinitions, type: ComponentType, id: string, code: string): ParameterSpec[] {
  const value = valueOf<unknown>(loaded, type, id, code, []);
  // A whole-list `rpc://` string (dynamic fields only) has no static specs.
  return Array.isArray(value) ? (value as ParameterSpec[]) : [];
}

/** Turns valid, checked definitions into the App the engine, the CLI and the server use. */
export function buildApp(loaded: LoadedDefinitions): App {
  const codeFiles = (c: { codeFiles: object }) => c.codeFiles as Record<string, string | null | undefined>;
  const modules: ModuleInfo[] = definedComponents(loaded, 'module').map(([id, c]) => {
    const info = {
      id,
      label: c.label,
      type: c.moduleType,
      description: c.description ?? '',
      connection: c.connection ?? null,
      files: filesOf(codeFiles(c)),
    } as ModuleInfo;
    // A module's definitions are read when first used (lazy.ts): a command runs one module of many.
    lazyProperty(info, 'staticParams', () => paramsOf(loaded, 'module', id, 'staticParams'));
    lazyProperty(info, 'mappableParams', () => paramsOf(loaded, 'module', id, 'mappableParams'));
    lazyProperty(info, 'interface', () => paramsOf(loaded, 'module', id, 'interface'));
    lazyProperty(info, 'samples', () => valueOf<JsonValue>(loaded, 'module', id, 'samples', {}));
    lazyProperty(info, 'communication', () =>
      valueOf<Communication>(loaded, 'module', id, 'communication', {}),
    );
    if (c.actionCrud !== undefined) info.crud = c.actionCrud;
    return withTriggerParts(loaded, info, c.webhook);
  });
  const rpcs: RpcInfo[] = definedComponents(loaded, 'rpc').map(([id, c]) => ({
    id,
    label: c.label,
    connection: c.connection ?? null,
    params: paramsOf(loaded, 'rpc', id, 'params'),
    communication: valueOf<Communication>(loaded, 'rpc', id, 'communication', {}),
    files: filesOf(codeFiles(c)),
  }));
  const connections: ConnectionInfo[] = definedComponents(loaded, 'connection').map(([id, c]) => ({
    id,
    label: c.label ?? id,
    connectionType: c.connectionType ?? 'basic',
    params: paramsOf(loaded, 'connection', id, 'params'),
    communication: valueOf<Communication>(loaded, 'connection', id, 'communication', {}),
    files: filesOf(codeFiles(c)),
  }));
  const functions: FunctionInfo[] = definedComponents(loaded, 'function').map(([id, c]) => {
    const test = loaded.componentFile('function', id, 'test')?.text;
    return {
      id,
      code: loaded.componentFile('function', id, 'code')?.text ?? '',
      ...(test !== undefined ? { test } : {}),
      files: filesOf(codeFiles(c)),
    };
  });
  const general = <T>(code: 'base' | 'common' | 'groups', empty: T): T => {
    const value = loaded.generalFile(code)?.value;
    return value === undefined ? empty : (value as T);
  };
  return {
    dir: loaded.dir,
    name: loaded.manifest.origins[0]?.appId || connections[0]?.id || 'app',
    remoteNames: loaded.manifest.origins.map((o) => o.appId).filter((id): id is string => Boolean(id)),
    base: general<JsonObject>('base', {}),
    common: general<JsonObject>('common', {}),
    groups: general<GroupInfo[]>('groups', []),
    readme: loaded.generalFile('readme')?.text ?? '',
    connections,
    modules,
    rpcs,
    functions,
    webhooks: buildWebhooks(loaded),
  };
}
