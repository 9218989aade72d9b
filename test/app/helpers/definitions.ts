// Reads the app's definition files straight from disk (JSONC, as Make stores them), so the static
// tests do not depend on the runtime's loader.
import fs from 'node:fs';
import path from 'node:path';
import { parse, ParseError } from 'jsonc-parser';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');

export type Param = {
  name: string;
  type: string;
  label?: string;
  required?: boolean;
  options?: unknown;
  spec?: Param | Param[];
  multiple?: boolean;
  [key: string]: unknown;
};

export type ModuleEntry = {
  label: string;
  description: string;
  moduleType: string;
  actionCrud: string | null;
  connection: string | null;
  codeFiles: Record<string, string>;
};

export function readJsonc<T = unknown>(relativePath: string): T {
  const errors: ParseError[] = [];
  const value = parse(fs.readFileSync(path.join(APP_DIR, relativePath), 'utf8'), errors, {
    allowTrailingComma: true,
  });
  if (errors.length) throw new Error(`${relativePath}: not valid JSONC`);
  return value as T;
}

export type Manifest = {
  generalCodeFiles: Record<string, string>;
  components: {
    connection: Record<string, { label: string; connectionType: string; codeFiles: Record<string, string> }>;
    module: Record<string, ModuleEntry>;
    rpc: Record<string, { label: string; connection: string; codeFiles: Record<string, string> }>;
  };
};

export const manifest = (): Manifest => readJsonc<Manifest>('makecomapp.json');

export type ModuleFiles = {
  id: string;
  entry: ModuleEntry;
  communication: Record<string, unknown>;
  params: Param[]; // static + mappable, as Make merges them into `parameters`
  interface: Param[];
  samples: Record<string, unknown>;
};

export function moduleFiles(id: string): ModuleFiles {
  const entry = manifest().components.module[id];
  if (!entry) throw new Error(`no module ${id}`);
  return {
    id,
    entry,
    communication: readJsonc(entry.codeFiles.communication),
    // A trigger has static parameters only.
    params: [entry.codeFiles.staticParams, entry.codeFiles.mappableParams].flatMap((file) =>
      file ? readJsonc<Param[]>(file) : [],
    ),
    interface: readJsonc(entry.codeFiles.interface),
    samples: readJsonc(entry.codeFiles.samples),
  };
}

export const moduleIds = (): string[] => Object.keys(manifest().components.module);
export const rpcIds = (): string[] => Object.keys(manifest().components.rpc);
export const rpcCommunication = (id: string): Record<string, unknown> =>
  readJsonc(manifest().components.rpc[id].codeFiles.communication);

/** Every parameter of a list, including those inside array/collection specs, with a dotted path. */
export function walkParams(params: Param[], prefix = ''): { path: string; param: Param }[] {
  const out: { path: string; param: Param }[] = [];
  for (const p of params) {
    const here = prefix ? `${prefix}.${p.name}` : p.name;
    out.push({ path: here, param: p });
    if (Array.isArray(p.spec)) out.push(...walkParams(p.spec, here));
  }
  return out;
}
