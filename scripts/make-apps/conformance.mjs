#!/usr/bin/env node
// `npm run conformance`, step "any Make app" (issue 20): every app in ../shared/make-apps that Make's
// own editor schemas accept (../shared/tools/make-conformance.mjs, which applies Make's manifest
// migration) must load with 0 problems, and every module of it must dry-run with parameters built
// from its own specs and samples. Apps whose function code is absent get the stubs written in
// function-stubs.mjs. The apps Make's schemas reject must stay rejected here too.
//
// Usage (after `npm run build`): node scripts/make-apps/conformance.mjs [APPS_DIR]
// Prints `N/M apps load, K/L modules dry-run`; exits 1 below 14/14 and 55/55, 2 when it cannot run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FUNCTION_STUBS, genericStub } from './function-stubs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const appsDir = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'make-apps'));
const makeCheck = path.join(appsDir, '..', 'tools', 'make-conformance.mjs');
const MIN_APPS = 14;
const MIN_MODULES = 55;

if (!fs.existsSync(appsDir) || !fs.existsSync(makeCheck)) {
  console.error(`make-apps conformance: needs ${appsDir} and ${makeCheck}`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
const runtime = require(path.join(root, 'dist', 'runtime', 'index.js'));
const { parse: parseJsonc } = require('jsonc-parser');

/** Does Make's own checker accept the app? */
function makeAccepts(dir) {
  const run = spawnSync(process.execPath, [makeCheck, dir], { cwd: root, encoding: 'utf8' });
  if (run.status === 2) throw new Error(`make-conformance.mjs could not run: ${run.stderr}`);
  return run.status === 0;
}

/** The stubs for the functions the manifest names (read before loading, so only names are used). */
function stubsFor(dir) {
  const manifest = parseJsonc(fs.readFileSync(path.join(dir, 'makecomapp.json'), 'utf8'));
  const names = Object.keys(manifest?.components?.function ?? {});
  return Object.fromEntries(names.map((n) => [n, FUNCTION_STUBS[n] ?? genericStub(n)]));
}

/** The module ids the manifest names (counted even when the app fails to load). */
function moduleIdsOf(dir) {
  const manifest = parseJsonc(fs.readFileSync(path.join(dir, 'makecomapp.json'), 'utf8'));
  return Object.keys(manifest?.components?.module ?? {}).filter((id) => manifest.components.module[id]);
}

async function dryRun(app, module) {
  const connection = app.connections.find((c) => c.id === module.connection) ?? app.connections[0];
  const parameters = runtime.sampleParameters([...module.staticParams, ...module.mappableParams], {
    samples: module.samples,
    relativeUrls: module.type === 'universal',
  });
  return runtime.runModule(app, module.id, {
    parameters,
    connection: connection ? runtime.sampleParameters(connection.params) : {},
    dryRun: true,
  });
}

const apps = fs
  .readdirSync(appsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(appsDir, e.name, 'makecomapp.json')))
  .map((e) => e.name)
  .sort();

let accepted = 0;
let loaded = 0;
let modules = 0;
let ran = 0;
const failures = [];
for (const name of apps) {
  const dir = path.join(appsDir, name);
  const functionStubs = stubsFor(dir);
  if (!makeAccepts(dir)) {
    const problems = await runtime.validateApp(dir, { functionStubs });
    if (problems.length === 0) failures.push(`${name}: Make's schemas reject it, but it loads here`);
    else
      console.log(
        `  rejected  ${name} (${problems.length} problem${problems.length === 1 ? '' : 's'}, as Make's schemas)`,
      );
    continue;
  }
  accepted++;
  const ids = moduleIdsOf(dir);
  modules += ids.length;
  let app;
  try {
    app = await runtime.loadApp(dir, { functionStubs });
    loaded++;
  } catch (err) {
    failures.push(`${name}: does not load: ${err.message}`);
    continue;
  }
  let ok = 0;
  for (const module of app.modules) {
    try {
      await dryRun(app, module);
      ok++;
    } catch (err) {
      failures.push(`${name}: ${module.id}: ${err.name}: ${err.message}`);
    }
  }
  ran += ok;
  console.log(`  loaded    ${name} (${ok}/${ids.length} modules dry-run)`);
}
runtime.closeFunctions();

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`${loaded}/${accepted} apps load, ${ran}/${modules} modules dry-run`);
const enough = accepted >= MIN_APPS && modules >= MIN_MODULES;
process.exit(failures.length === 0 && loaded === accepted && ran === modules && enough ? 0 : 1);
