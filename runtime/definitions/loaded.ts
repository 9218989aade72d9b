/**
 * What the loader hands to the cross-file checks: the manifest and every definition file it names,
 * parsed, with its app-relative path, so a check can walk JSON values and build JSON pointers.
 */
import type { Problem } from '../types/app';
import type { Makecomapp } from '../types/generated/makecomapp';
import type { SchemaId } from './schemas';

export const COMPONENT_TYPES = ['connection', 'webhook', 'module', 'rpc', 'function', 'endpoint'] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];
export const GENERAL_CODES = ['base', 'common', 'readme', 'groups'] as const;
export type GeneralCode = (typeof GENERAL_CODES)[number];

export type FileOwner =
  | { kind: 'general'; code: GeneralCode }
  | { kind: 'component'; type: ComponentType; id: string; code: string };

export interface DefinitionFile {
  /** App-relative path, forward slashes, as makecomapp.json names it. */
  path: string;
  owner: FileOwner;
  /** The schema the file is validated against; undefined for files that are not JSON (README, JS). */
  schema?: SchemaId;
  /** Raw text (undefined when the file is missing). */
  text?: string;
  /** Parsed JSON; undefined when the file is missing, not JSON, or has a syntax error. */
  value?: unknown;
  /** True when the file parsed and conforms to its schema. */
  valid: boolean;
}

export interface LoadedDefinitions {
  /** Absolute app folder. */
  dir: string;
  /** The manifest, when it parsed and conforms to schemas/makecomapp.schema.json. */
  manifest: Makecomapp;
  /** Every file the manifest names, in manifest order. */
  files: DefinitionFile[];
  /** The file of one component's code, when the manifest names one. */
  componentFile(type: ComponentType, id: string, code: string): DefinitionFile | undefined;
  /** The file of an app-level code (base, common, readme, groups), when named. */
  generalFile(code: GeneralCode): DefinitionFile | undefined;
}

/** A cross-file rule: gets every parsed file, returns the problems it finds ([] when satisfied). */
export type DefinitionCheck = (loaded: LoadedDefinitions) => Problem[];

export interface NamedCheck {
  name: string;
  run: DefinitionCheck;
}

/** The definitions of `dir`: its manifest and files, with the lookups the checks and buildApp use. */
export function loadedDefinitions(
  dir: string,
  manifest: Makecomapp,
  files: DefinitionFile[],
): LoadedDefinitions {
  // Looked up by owner (buildApp asks ~5 files of each of ~100 modules): one pass over the files.
  const byOwner = new Map<string, DefinitionFile>();
  for (const file of files) {
    const key = ownerKey(file.owner);
    if (!byOwner.has(key)) byOwner.set(key, file);
  }
  return {
    dir,
    manifest,
    files,
    componentFile: (type, id, code) => byOwner.get(ownerKey({ kind: 'component', type, id, code })),
    generalFile: (code) => byOwner.get(ownerKey({ kind: 'general', code })),
  };
}

function ownerKey(owner: FileOwner): string {
  return owner.kind === 'general' ? `general\0${owner.code}` : `${owner.type}\0${owner.id}\0${owner.code}`;
}
