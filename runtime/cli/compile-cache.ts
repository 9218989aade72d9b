/**
 * A V8 code cache for the CLI process's JavaScript (issue 23, the cold start). Node 20 has no
 * `module.enableCompileCache`: each CommonJS module the process loads (the runtime's and its
 * dependencies') is compiled here as a vm.Script given the code V8 produced for the same source in an
 * earlier run, which V8 checks and uses instead of parsing and compiling again.
 *
 * The cache is one file, `<package>/.sandbox/compile-cache.bin` (folder 0700, file 0600, written whole
 * and renamed), keyed by Node's version, the platform and the process's V8 flags, and per module by
 * its path and the sha256 of its source. Anything unusable — no file, another Node, a changed source,
 * data V8 rejects, a damaged file — means compiling as usual; code for what was missing is written when
 * the process exits. The cache never changes what a module does, only how it is compiled; a module
 * this cannot compile the same way (ES module syntax, dynamic import()) is left to Node.
 */
import crypto, { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Set to any value: compile as usual (measurements, or a doubt about the cache). */
export const DISABLE_ENV = 'CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE';

export function compileCachePath(packageRoot: string): string {
  return path.join(packageRoot, '.sandbox', 'compile-cache.bin');
}

/** module path → [sha256 of its source, offset, length] of its code in the data part. */
type Index = Record<string, [hash: string, offset: number, length: number]>;

interface Loaded {
  index: Index;
  data: Buffer;
}

interface Internal {
  _compile(this: Module, content: string, filename: string, format?: string): unknown;
}
type ModuleStatics = {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: unknown;
  _cache: unknown;
};

/**
 * What V8's code depends on besides the source: Node (and so V8) and the command line's flags (V8
 * also checks its own flags in the data and rejects a mismatch; options that take a value, like -r
 * or -e, do not change how code compiles and are left out).
 */
function cacheKey(): string {
  const flags = process.execArgv.filter(
    (a) => a.startsWith('--') && !/^--(require|import|eval|print)\b/.test(a),
  );
  return JSON.stringify([process.version, process.arch, process.platform, flags]);
}

function read(file: string): Loaded | undefined {
  try {
    const bytes = fs.readFileSync(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
      key: string;
      index: Index;
    };
    if (header.key !== cacheKey()) return undefined;
    return { index: header.index, data: bytes.subarray(4 + headerLength) };
  } catch {
    return undefined;
  }
}

function write(file: string, index: Index, parts: Buffer[]): void {
  const header = Buffer.from(JSON.stringify({ key: cacheKey(), index }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([length, header, ...parts]), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

// One-shot crypto.hash where Node has it (20.12+): a module's source is hashed on every start.
const hashOf = (text: string): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text)
    : createHash('sha256').update(text).digest('hex');

/**
 * Compiles this process's CommonJS modules with the cache in `file` from now on. Off when
 * CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE is set, and under source maps or the inspector (their support
 * hooks Node's own compile). Never throws: a cache that cannot be set up is no cache.
 */
export function installCompileCache(file: string): CompileCacheCounts {
  const counts: CompileCacheCounts = { cached: 0, compiled: 0 };
  if (process.env[DISABLE_ENV] !== undefined || process.sourceMapsEnabled) return counts;
  if (process.execArgv.some((a) => /^--(inspect|debug|enable-source-maps|experimental-)/.test(a)))
    return counts;
  const loaded = read(file);
  const statics = Module as unknown as ModuleStatics;
  const proto = Module.prototype as unknown as Internal;
  const nodeCompile = proto._compile;
  // Code of the modules this run compiled, to keep: the cached ones unchanged, the others new.
  const kept = new Map<string, { hash: string; data: () => Buffer }>();
  let changed = false;

  proto._compile = function compileWithCache(this: Module, content, filename, format) {
    if (format === 'module' || !/\.c?js$/.test(filename) || content.includes('import(')) {
      return nodeCompile.call(this, content, filename, format);
    }
    const hash = hashOf(content);
    const entry = loaded?.index[filename];
    const cachedData =
      entry && entry[0] === hash ? loaded!.data.subarray(entry[1], entry[1] + entry[2]) : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(Module.wrap(content.replace(/^#!.*/, '')), {
        filename,
        ...(cachedData ? { cachedData } : {}),
      });
    } catch {
      return nodeCompile.call(this, content, filename, format); // e.g. ES module syntax: Node decides
    }
    if (cachedData && !script.cachedDataRejected) {
      counts.cached++;
      kept.set(filename, { hash, data: () => cachedData });
    } else {
      counts.compiled++;
      changed = true;
      // Taken at exit: by then V8 has also compiled the functions this run called.
      kept.set(filename, { hash, data: () => script.createCachedData() });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(
      this.exports,
      this.exports,
      requireOf(this, statics),
      this,
      filename,
      path.dirname(filename),
    );
  };

  process.once('exit', () => {
    if (!changed) return;
    try {
      const index: Index = {};
      const parts: Buffer[] = [];
      let offset = 0;
      const add = (name: string, hash: string, data: Buffer) => {
        index[name] = [hash, offset, data.length];
        parts.push(data);
        offset += data.length;
      };
      for (const [name, { hash, data }] of kept) add(name, hash, data());
      // Modules another command loads stay cached for it.
      for (const [name, [hash, at, length]] of Object.entries(loaded?.index ?? {}))
        if (!kept.has(name)) add(name, hash, loaded!.data.subarray(at, at + length));
      write(file, index, parts);
    } catch {
      // No cache this time.
    }
  });
  return counts;
}

/** How many modules this process took from the cache, and how many it compiled (and will keep). */
export interface CompileCacheCounts {
  cached: number;
  compiled: number;
}

/** The `require` a CommonJS module sees, as Node makes it (resolve, resolve.paths, main, cache). */
function requireOf(module: Module, statics: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) =>
    statics._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = statics._extensions as NodeJS.Require['extensions'];
  require.cache = statics._cache as NodeJS.Require['cache'];
  return require;
}
