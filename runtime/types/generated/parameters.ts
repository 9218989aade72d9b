/* eslint-disable */
// Generated from schemas/parameters.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * A parameter list (static params, mappable params, connection or RPC params; make-format.md §5): parameter objects and rpc:// strings (dynamic fields), or one rpc:// string for the whole list.
 */
export type Parameters = ParameterList | RpcRef;
/**
 * rpc://<rpcId>, optionally with a query string whose values may be IML (rpc://name?x={{y}}).
 */
export type RpcRef = string;
/**
 * A parameter. As in Make's schema only `type` is required: a parameter without a `name` carries no value (a banner, a note).
 */
export type Parameter = ParameterBody;
/**
 * Every key a parameter may carry (Make rejects others). The type-specific shapes of validate and spec are checked by the conditions below.
 */
export type ParameterBody = ParameterBody1;
export type ParameterType =
  | (
      | 'any'
      | 'array'
      | 'banner'
      | 'boolean'
      | 'buffer'
      | 'cert'
      | 'collection'
      | 'color'
      | 'date'
      | 'email'
      | 'file'
      | 'filename'
      | 'filter'
      | 'folder'
      | 'hidden'
      | 'integer'
      | 'json'
      | 'number'
      | 'password'
      | 'path'
      | 'pkey'
      | 'port'
      | 'select'
      | 'text'
      | 'time'
      | 'timestamp'
      | 'timezone'
      | 'udt'
      | 'uinteger'
      | 'url'
      | 'uuid'
    )
  | ImlString;
/**
 * A string holding at least one {{…}} template.
 */
export type ImlString = string;
/**
 * Fields shown when this field (or option) has a value: a parameter list, an rpc:// reference, or {store, domain}.
 */
export type Nested =
  | RpcRef
  | ParameterList
  | {
      store: RpcRef | ParameterList;
      domain?: string;
    };
export type SelectOptions = SelectOptionList | RpcRef | SelectOptionStore;
/**
 * Options, or groups of options (grouped: true).
 */
export type SelectOptionList = (SelectOption | SelectOptionGroup)[];
export type ParameterList = (RpcRef | Parameter)[];

export interface ParameterBody1 {
  name?: string;
  type: ParameterType;
  label?: string;
  help?: string;
  required?: boolean;
  default?: unknown;
  advanced?: boolean;
  mappable?:
    | boolean
    | {
        help: string;
      };
  editable?:
    | boolean
    | {
        enabled: boolean;
        help?: string;
      };
  rpc?: SearchButton;
  semantic?: string;
  nested?: Nested;
  options?: SelectOptions;
  validate?: unknown;
  multiline?: boolean;
  tags?: ('strip' | 'stripall' | 'escape') | ImlString;
  time?: boolean;
  multiple?: boolean;
  grouped?: boolean;
  sort?: 'text' | 'number';
  mode?: ('edit' | 'choose') | ImlString;
  dynamic?: boolean;
  spec?: ParameterBody | ParameterList;
  sequence?: boolean;
  labels?: {
    [k: string]: unknown;
  };
  schema?:
    | {
        [k: string]: unknown;
      }
    | boolean;
  coder?: boolean;
  convert?: {
    [k: string]: unknown;
  };
  visible?: string;
  metadata?: {
    [k: string]: unknown;
  };
  codepage?: string;
  extension?: string | string[];
  pattern?: string;
  title?: string;
  text?: string;
  closable?: boolean;
  theme?: string;
  badge?: string;
}
export interface SearchButton {
  url: RpcRef;
  label: string;
  parameters?: ParameterList;
}
/**
 * Store form of options: the options (list or rpc://) under `store`, with the property names to read label and value from, a placeholder and option-level nested fields.
 */
export interface SelectOptionStore {
  store?: RpcRef | SelectOptionList;
  label?: string;
  value?: string;
  default?: string;
  learning?: boolean;
  placeholder?:
    | string
    | {
        label?: string;
        nested?: Nested;
      };
  nested?: Nested;
  operators?: SelectOptionGroup[];
  logic?: 'and' | 'or' | 'both';
  scope?:
    | string[]
    | {
        [k: string]: string[];
      };
  ids?: boolean;
  showRoot?: boolean;
  singleLevel?: boolean;
}
export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}
export interface SelectOption {
  label?: string;
  value:
    | string
    | number
    | boolean
    | unknown[]
    | {
        [k: string]: unknown;
      };
  description?: string;
  short?: string;
  default?: boolean;
  nested?: Nested;
}
