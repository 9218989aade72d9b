import type { ComponentType, GeneralCode } from './loaded';
import type { SchemaId } from './schemas';

/** How each code of makecomapp.json is read: its schema (none = not JSON) and its file-name suffix. */
export interface CodeKind {
  schema?: SchemaId;
  /** JSON codes whose schema we do not own (scopes, OAuth install data) are parsed, not validated. */
  json: boolean;
  suffix: string;
}

const json = (schema: SchemaId | undefined, suffix: string): CodeKind => ({ schema, json: true, suffix });
const text = (suffix: string): CodeKind => ({ json: false, suffix });

export const GENERAL_CODE_KINDS: Record<GeneralCode, CodeKind> = {
  base: json('base', 'base.iml.json'),
  common: json('common', 'common.json'),
  groups: json('groups', 'groups.json'),
  readme: text('README.md'),
};

/** Per component type, the codes it may have (file names: `<id><suffix>`, make-format.md §1.1). */
export const COMPONENT_CODE_KINDS: Record<ComponentType, Record<string, CodeKind>> = {
  connection: {
    communication: json('communication', '.communication.iml.json'),
    params: json('parameters', '.params.iml.json'),
    common: json('common', '.common.json'),
    scopeList: json(undefined, '.scope-list.iml.json'),
    defaultScope: json(undefined, '.default-scope.iml.json'),
    installSpec: json(undefined, '.install-spec.iml.json'),
    installDirectives: json(undefined, '.install-directives.iml.json'),
  },
  webhook: {
    communication: json(undefined, '.communication.iml.json'),
    params: json('parameters', '.params.iml.json'),
    attach: json('communication', '.attach.iml.json'),
    detach: json('communication', '.detach.iml.json'),
    update: json('communication', '.update.iml.json'),
    requiredScope: json(undefined, '.required-scope.iml.json'),
  },
  module: {
    communication: json('communication', '.communication.iml.json'),
    staticParams: json('parameters', '.static-params.iml.json'),
    mappableParams: json('parameters', '.mappable-params.iml.json'),
    interface: json('interface', '.interface.iml.json'),
    samples: json('samples', '.samples.iml.json'),
    scope: json(undefined, '.scope.iml.json'),
    epoch: json('communication', '.epoch.iml.json'),
  },
  rpc: {
    communication: json('communication', '.communication.iml.json'),
    params: json('parameters', '.params.iml.json'),
  },
  function: { code: text('.code.js'), test: text('.test.js') },
  endpoint: {
    communication: json(undefined, '.communication.iml.json'),
    scope: json(undefined, '.scope.iml.json'),
    requiredScope: json(undefined, '.required-scope.iml.json'),
    inputParameters: json('parameters', '.input.iml.json'),
    outputParameters: json('parameters', '.output.iml.json'),
    context: text('.context.md'),
  },
};

/**
 * A responder's communication is only `response` {status, headers, body, type}: the answer to the
 * webhook's caller (make-format.md §4.1), which the request schema does not describe. It is checked by
 * checks/trigger-parts.ts instead.
 */
const RESPONDER_COMMUNICATION: CodeKind = { json: true, suffix: '.communication.iml.json' };

/** How one code of one component is read: its kind, with the responder's communication told apart. */
/**
 * An OAuth connection's communication is Make's `api-oauth` shape: an object of requests named
 * preauthorize/authorize/token/info/refresh/invalidate. Parsed here; checks/oauth-requests.ts holds
 * each request to the communication schema.
 */
const OAUTH_COMMUNICATION: CodeKind = { json: true, suffix: '.communication.iml.json' };

export function codeKindFor(type: ComponentType, component: object, code: string): CodeKind | undefined {
  if (
    type === 'connection' &&
    code === 'communication' &&
    (component as { connectionType?: string }).connectionType === 'oauth'
  )
    return OAUTH_COMMUNICATION;
  if (
    type === 'module' &&
    code === 'communication' &&
    (component as { moduleType?: string }).moduleType === 'responder'
  )
    return RESPONDER_COMMUNICATION;
  return COMPONENT_CODE_KINDS[type][code];
}
