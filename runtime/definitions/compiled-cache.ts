/**
 * A cache of checked definitions, for the CLI's cold start (issue 23). Reading an app parses ~500 JSONC
 * files, validates each against its schema and runs the cross-file checks: most of a command's start.
 * When the app's files are byte for byte those of a load that found no problem, by the same code, the
 * result would be the same: the cache hands back that load's parsed values instead.
 *
 * What decides a hit: the manifest's text, every file it names (content hashes), the options that
 * change what is read (function stubs) and the loader's own code (size and mtime of its compiled files).
 * Only a load with no problem is stored, and any difference is a miss that reads and checks everything
 * again, so `loadApp` still reports every problem. A cache that cannot be read or written is ignored.
 *
 * As git's index does, a file whose size and modification time are those it had when its hash was
 * taken is not read again (reading 531 files was most of a hit's time); a file modified within a few
 * seconds before the load that cached it records no such stamp and is always hashed, since an edit in
 * the same clock tick would leave its time unchanged.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Makecomapp } from '../types/generated/makecomapp';
import { MANIFEST_FILE } from './app-dir';
import { buildApp } from './build-app';
import { keepsEveryCompanion, useKept, writeKept } from './cache-companions';
import type { KeptIndex } from './cache-companions';
import type { DefinitionFile, LoadedDefinitions } from './loaded';
import { loadedDefinitions } from './loaded';
import { lazyProperty } from './lazy';

/** Where a cache lives: beside the app's other local state (git-ignored `.sandbox/`). */
export function cachePath(appDir: string): string {
  return path.join(appDir, '.sandbox', 'definitions-cache.json');
}

const FORMAT = 4;

interface CachedFile extends Omit<DefinitionFile, 'text' | 'value'> {
  /** The parsed value as JSON text, parsed again only when read (lazy.ts). */
  json?: string;
  /** sha1 of the text; absent when the file did not exist (a function's optional tests). */
  hash?: string;
  /** Size and mtime when hashed, unless the file was then too recently modified to trust them. */
  stamp?: [size: number, mtimeMs: number];
}

/** Files older than this (ms) before a load began have stamps a later edit must change. */
const SETTLED_MS = 2000;

interface CacheEntry {
  format: number;
  identity: string;
  manifestHash: string;
  manifest: Makecomapp;
  files: CachedFile[];
  /** Where the companions' texts are in the kept file (cache-companions.ts). */
  kept: KeptIndex;
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex');

// The folders whose code decides what a load finds: the loader, its schemas' validators, the IML
// compiler (templates are compiled by a check) and the parameters' rules.
const CODE_FOLDERS = ['definitions', 'iml', 'types', 'parameters', 'functions'];

/**
 * The loader's code as it is now, and the options: a change of either is a miss. ajv's version is part
 * of it: the schemas' validators and the parameters' standalone code are ajv's.
 */
function identity(options: unknown): string {
  const h = createHash('sha1').update(JSON.stringify(options ?? null));
  for (const pkg of ['ajv', 'ajv-formats'])
    h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}\n`);
  const root = path.join(__dirname, '..');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = `${dir}${path.sep}${entry.name}`; // joined by hand: this runs for ~100 files per load
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const st = fs.statSync(full);
        h.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  for (const folder of CODE_FOLDERS)
    if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
  return h.digest('hex');
}

/** The checked definitions a previous clean load of these very files left, or undefined (a miss). */
export function readCached(appDir: string, options: unknown): LoadedDefinitions | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(cachePath(appDir), 'utf8')) as CacheEntry;
    if (entry.format !== FORMAT) return undefined;
    if (entry.manifestHash !== hash(fs.readFileSync(path.join(appDir, MANIFEST_FILE), 'utf8')))
      return undefined;
    if (entry.identity !== identity(options)) return undefined;
    if (!keepsEveryCompanion(entry.kept)) return undefined;
    const root = `${path.resolve(appDir)}${path.sep}`;
    const files: DefinitionFile[] = [];
    for (const cached of entry.files) {
      const { hash: expected, stamp, json, ...file } = cached as CachedFile & DefinitionFile;
      if (json !== undefined) lazyProperty(file, 'value', () => JSON.parse(json) as unknown);
      // The manifest's app-relative paths, under the app folder (joined by hand: 500 files per load).
      const absolute = `${root}${file.path}`;
      if (expected === undefined) {
        if (fs.existsSync(absolute)) return undefined;
        files.push(file);
        continue;
      }
      const st = fs.statSync(absolute);
      const unchanged = stamp !== undefined && st.size === stamp[0] && st.mtimeMs === stamp[1];
      // A JSON file's text is not used once parsed; code and README texts are (custom functions, readme).
      if (unchanged && json !== undefined) {
        files.push(file);
        continue;
      }
      const text = fs.readFileSync(absolute, 'utf8');
      if (hash(text) !== expected) return undefined;
      file.text = text;
      files.push(file);
    }
    useKept(cachePath(appDir), entry.kept);
    return loadedDefinitions(appDir, entry.manifest, files);
  } catch {
    return undefined;
  }
}

/** Keeps a clean load for the next one (best effort: a read-only folder just means no cache). */
export function writeCached(
  loaded: LoadedDefinitions,
  manifestText: string,
  options: unknown,
  loadStartedAt: number,
): void {
  try {
    const stampOf = (file: DefinitionFile): CachedFile['stamp'] => {
      const st = fs.statSync(path.resolve(loaded.dir, file.path));
      return st.mtimeMs < loadStartedAt - SETTLED_MS ? [st.size, st.mtimeMs] : undefined;
    };
    const entry: CacheEntry = {
      format: FORMAT,
      identity: identity(options),
      manifestHash: hash(manifestText),
      manifest: loaded.manifest,
      files: loaded.files.map((file): CachedFile => {
        const { text, value, ...rest } = file;
        if (text === undefined) return rest;
        const stamp = stampOf(file);
        const json = value === undefined ? undefined : JSON.stringify(value);
        return { ...rest, hash: hash(text), ...(stamp ? { stamp } : {}), ...(json ? { json } : {}) };
      }),
      kept: {},
    };
    const target = cachePath(loaded.dir);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 }); // .sandbox is private, as the history makes it
    // The kept texts first: an entry is never renamed into place before the texts it points at.
    entry.kept = writeKept(target, () => buildApp(loaded));
    // Written whole, then renamed: a reader never sees half a cache.
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(temporary, target);
  } catch {
    // No cache this time.
  }
}
