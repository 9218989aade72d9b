/* eslint-disable */
// Generated from schemas/makecomapp.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * App-relative path of a code file; null = not managed locally.
 */
export type FilePath = string | null;

/**
 * makecomapp.json, Make's local-development manifest (make-format.md §1.1): the app-level files, every component with the files that define it, and the remote origins.
 */
export interface Makecomapp {
  fileVersion: 1;
  generalCodeFiles: GeneralCodeFiles;
  components: Components;
  origins: Origin[];
}
export interface GeneralCodeFiles {
  base: FilePath;
  common: FilePath;
  readme: FilePath;
  groups: FilePath;
}
export interface Components {
  connection: {
    [k: string]: ConnectionComponent | null;
  };
  webhook: {
    [k: string]: WebhookComponent | null;
  };
  module: {
    [k: string]: ModuleComponent | null;
  };
  rpc: {
    [k: string]: RpcComponent | null;
  };
  function: {
    [k: string]: FunctionComponent | null;
  };
  endpoint: {
    [k: string]: EndpointComponent | null;
  };
}
export interface ConnectionComponent {
  label?: string;
  connectionType?: 'basic' | 'oauth';
  codeFiles: {
    communication?: FilePath;
    params?: FilePath;
    common?: FilePath;
    scopeList?: FilePath;
    defaultScope?: FilePath;
    installSpec?: FilePath;
    installDirectives?: FilePath;
  };
}
export interface WebhookComponent {
  label?: string;
  webhookType?: 'web' | 'web-shared';
  connection?: string | null;
  altConnection?: string | null;
  codeFiles: {
    communication?: FilePath;
    params?: FilePath;
    attach?: FilePath;
    detach?: FilePath;
    update?: FilePath;
    requiredScope?: FilePath;
  };
}
export interface ModuleComponent {
  label: string;
  description?: string;
  moduleType: 'action' | 'search' | 'trigger' | 'instant_trigger' | 'responder' | 'universal';
  actionCrud?: 'create' | 'read' | 'update' | 'delete' | null;
  connection?: string | null;
  altConnection?: string | null;
  webhook?: string | null;
  codeFiles: {
    communication?: FilePath;
    staticParams?: FilePath;
    mappableParams?: FilePath;
    interface?: FilePath;
    samples?: FilePath;
    scope?: FilePath;
    epoch?: FilePath;
  };
}
export interface RpcComponent {
  label: string;
  connection?: string | null;
  altConnection?: string | null;
  codeFiles: {
    communication?: FilePath;
    params?: FilePath;
  };
}
export interface FunctionComponent {
  codeFiles: {
    code?: FilePath;
    test?: FilePath;
  };
}
export interface EndpointComponent {
  label?: string;
  description?: string;
  attachedAccounts?: string[];
  annotations?: {
    [k: string]: boolean;
  };
  codeFiles: {
    communication?: FilePath;
    scope?: FilePath;
    requiredScope?: FilePath;
    inputParameters?: FilePath;
    outputParameters?: FilePath;
    context?: FilePath;
  };
}
export interface Origin {
  label?: string;
  baseUrl: string;
  appId: string;
  appVersion: number;
  apikeyFile: string;
  idMapping?: {
    connection: IdMappingItem[];
    webhook: IdMappingItem[];
    module: IdMappingItem[];
    rpc: IdMappingItem[];
    function: IdMappingItem[];
    endpoint: IdMappingItem[];
  };
}
export interface IdMappingItem {
  local: string | null;
  remote: string | null;
  localDeleted?: boolean;
  nonOwnedByApp?: boolean;
}
