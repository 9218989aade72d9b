import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../types/app';
import type { Makecomapp } from '../types/generated/makecomapp';
import { codeKindFor, GENERAL_CODE_KINDS, type CodeKind } from './code-files';
import { parseJsonc } from './jsonc';
import { appendPointer } from './json-pointer';
import {
  COMPONENT_TYPES,
  GENERAL_CODES,
  loadedDefinitions,
  type DefinitionFile,
  type FileOwner,
  type LoadedDefinitions,
} from './loaded';
import { MANIFEST_FILE } from './app-dir';
import { migrateManifest } from './migrate-manifest';
import { validateAgainstSchema } from './schemas';

export interface ReadResult {
  /** Undefined when the manifest is missing, unparseable or invalid: nothing else can be read then. */
  loaded?: LoadedDefinitions;
  problems: Problem[];
  /** The manifest's text as read (what a cache of this load is keyed by). */
  manifestText?: string;
}

interface Named {
  path: string;
  owner: FileOwner;
  kind: CodeKind;
  /** Where the manifest names the file, for problems about the path itself. */
  manifestPointer: string;
}

function namedFiles(manifest: Makecomapp): Named[] {
  const named: Named[] = [];
  for (const code of GENERAL_CODES) {
    const file = manifest.generalCodeFiles[code];
    if (file) {
      named.push({
        path: file,
        owner: { kind: 'general', code },
        kind: GENERAL_CODE_KINDS[code],
        manifestPointer: `/generalCodeFiles/${code}`,
      });
    }
  }
  for (const type of COMPONENT_TYPES) {
    for (const [id, component] of Object.entries(manifest.components[type])) {
      if (!component) continue;
      for (const [code, file] of Object.entries(
        component.codeFiles as Record<string, string | null | undefined>,
      )) {
        const kind = codeKindFor(type, component, code);
        if (!file || !kind) continue;
        named.push({
          path: file,
          owner: { kind: 'component', type, id, code },
          kind,
          manifestPointer: appendPointer(appendPointer(`/components/${type}`, id), 'codeFiles') + `/${code}`,
        });
      }
    }
  }
  return named;
}

/** What the loader may take instead of a file that does not exist. */
export interface ReadOptions {
  /** Code for a custom function whose code file is absent (the conformance check's stubs). */
  functionStubs?: Record<string, string>;
}

function stubFor(named: Named, options: ReadOptions): string | undefined {
  const { owner } = named;
  if (owner.kind !== 'component' || owner.type !== 'function' || owner.code !== 'code') return undefined;
  const stubs = options.functionStubs;
  return stubs && Object.prototype.hasOwnProperty.call(stubs, owner.id) ? stubs[owner.id] : undefined;
}

function isFunctionTest(named: Named): boolean {
  return named.owner.kind === 'component' && named.owner.type === 'function' && named.owner.code === 'test';
}

function readFile(dir: string, named: Named, problems: Problem[], options: ReadOptions): DefinitionFile {
  const relative = named.path.replace(/\\/g, '/');
  const file: DefinitionFile = { path: relative, owner: named.owner, valid: false };
  if (named.kind.schema) file.schema = named.kind.schema;
  const absolute = path.resolve(dir, relative);
  if (path.isAbsolute(relative) || path.relative(dir, absolute).startsWith('..')) {
    problems.push({
      file: MANIFEST_FILE,
      pointer: named.manifestPointer,
      message: `\`${relative}\` is outside the app folder`,
    });
    return file;
  }
  if (!fs.existsSync(absolute)) {
    const stub = stubFor(named, options);
    if (stub !== undefined) {
      file.text = stub;
      file.valid = true;
      return file;
    }
    // A function's tests are not needed to run it (Make's own checker only notes them missing);
    // `functions test` reports a function without them.
    if (isFunctionTest(named)) return file;
    problems.push({
      file: MANIFEST_FILE,
      pointer: named.manifestPointer,
      message: `names \`${relative}\`, which does not exist`,
    });
    return file;
  }
  file.text = fs.readFileSync(absolute, 'utf8');
  if (!named.kind.json) {
    file.valid = true;
    return file;
  }
  const parsed = parseJsonc(file.text);
  if (!parsed.ok) {
    problems.push({ file: relative, pointer: parsed.pointer, message: parsed.message });
    return file;
  }
  file.value = parsed.value;
  const schemaProblems = named.kind.schema ? validateAgainstSchema(named.kind.schema, parsed.value) : [];
  for (const p of schemaProblems) problems.push({ file: relative, pointer: p.pointer, message: p.message });
  file.valid = schemaProblems.length === 0;
  return file;
}

/** Reads makecomapp.json and every file it names; reports syntax and schema problems. */
export function readDefinitions(dir: string, options: ReadOptions = {}): ReadResult {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) {
    return { problems: [{ file: MANIFEST_FILE, pointer: '', message: `not found in ${dir}` }] };
  }
  const manifestText = fs.readFileSync(manifestPath, 'utf8');
  const parsed = parseJsonc(manifestText);
  if (!parsed.ok)
    return { problems: [{ file: MANIFEST_FILE, pointer: parsed.pointer, message: parsed.message }] };
  // Validated as Make's tools read it: after the extension's in-memory migration.
  const migrated = migrateManifest(parsed.value);
  const manifestProblems = validateAgainstSchema('makecomapp', migrated);
  if (manifestProblems.length > 0) {
    return { problems: manifestProblems.map((p) => ({ file: MANIFEST_FILE, ...p })) };
  }
  const manifest = migrated as Makecomapp;
  const problems: Problem[] = [];
  const files = namedFiles(manifest).map((named) => readFile(dir, named, problems, options));
  const loaded = loadedDefinitions(dir, manifest, files);
  return { loaded, problems, manifestText };
}
