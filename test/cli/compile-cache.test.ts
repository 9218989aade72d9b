/**
 * The CLI's V8 code cache (runtime/cli/compile-cache.ts, issue 23), in child processes over a small
 * module tree: the first process compiles and keeps the code, the next takes it from the cache; a
 * changed module, a damaged file and code V8 rejects are compiled again, never a failure; the file is
 * private (0600 in a 0700 folder). What the modules do is the same either way.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SUPPORT = path.join(__dirname, 'support', 'with-compile-cache.js');

let dir: string;
let cacheFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
  cacheFile = path.join(dir, '.sandbox', 'compile-cache.bin');
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    [
      "'use strict';",
      "const { double } = require('./lib/double');",
      "const parts = require('./lib/parts.cjs');",
      'module.exports = {',
      '  value: double(parts.base),',
      "  resolved: require.resolve('./lib/double') === require('node:path').join(__dirname, 'lib', 'double.js'),",
      "  paths: require.resolve.paths('x')[0] === require('node:path').join(__dirname, 'node_modules'),",
      '  sameRequireMain: require.main === process.mainModule,',
      '  file: __filename.endsWith("main.js") && __dirname.length > 0,',
      '  self: module.exports === exports && this === exports,',
      '};',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'lib', 'double.js'), 'exports.double = (n) => n * 2;\n');
  fs.writeFileSync(path.join(dir, 'lib', 'parts.cjs'), 'module.exports = { base: 21 };\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  exported: Record<string, unknown>;
  cached: number;
  compiled: number;
}

function run(env: NodeJS.ProcessEnv = {}): Run {
  const child = spawnSync(process.execPath, [SUPPORT, cacheFile, path.join(dir, 'main.js')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Run;
}

const EXPORTED = { value: 42, resolved: true, paths: true, sameRequireMain: true, file: true, self: true };

test('the first process compiles and keeps its modules; the next takes them from the cache', () => {
  const first = run();
  expect(first).toEqual({ exported: EXPORTED, cached: 0, compiled: 3 });
  expect(fs.statSync(path.dirname(cacheFile)).mode & 0o777).toBe(0o700);
  expect(fs.statSync(cacheFile).mode & 0o777).toBe(0o600);
  const bytes = fs.readFileSync(cacheFile);
  expect(run()).toEqual({ exported: EXPORTED, cached: 3, compiled: 0 });
  // Nothing new: the file is not written again.
  expect(fs.readFileSync(cacheFile).equals(bytes)).toBe(true);
});

test('a changed module is compiled again, the others still come from the cache', () => {
  run();
  fs.writeFileSync(path.join(dir, 'lib', 'double.js'), 'exports.double = (n) => n * 3;\n');
  expect(run()).toEqual({ exported: { ...EXPORTED, value: 63 }, cached: 2, compiled: 1 });
  expect(run()).toEqual({ exported: { ...EXPORTED, value: 63 }, cached: 3, compiled: 0 });
});

test('a damaged cache file is ignored and replaced', () => {
  run();
  fs.writeFileSync(cacheFile, 'not a cache');
  expect(run()).toEqual({ exported: EXPORTED, cached: 0, compiled: 3 });
  expect(run()).toEqual({ exported: EXPORTED, cached: 3, compiled: 0 });
  fs.writeFileSync(cacheFile, fs.readFileSync(cacheFile).subarray(0, 40)); // cut short
  expect(run()).toEqual({ exported: EXPORTED, cached: 0, compiled: 3 });
});

test('code V8 rejects is compiled from the source, and kept anew', () => {
  run();
  const bytes = fs.readFileSync(cacheFile);
  const headerLength = bytes.readUInt32LE(0);
  const { index } = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
    index: Record<string, [string, number, number]>;
  };
  // Each module's data starts with V8's magic number: changing it makes V8 refuse the data.
  for (const [, offset] of Object.values(index)) bytes[4 + headerLength + offset]! ^= 0xff;
  fs.writeFileSync(cacheFile, bytes);
  expect(run()).toEqual({ exported: EXPORTED, cached: 0, compiled: 3 });
  expect(run()).toEqual({ exported: EXPORTED, cached: 3, compiled: 0 });
});

test('with CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE set, modules compile as usual and nothing is written', () => {
  expect(run({ CHARTMOGUL_CONNECTOR_NO_COMPILE_CACHE: '1' })).toEqual({
    exported: EXPORTED,
    cached: 0,
    compiled: 0,
  });
  expect(fs.existsSync(cacheFile)).toBe(false);
});
