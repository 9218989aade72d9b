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
