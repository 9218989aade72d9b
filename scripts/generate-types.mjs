#!/usr/bin/env node
// `npm run types`: generates from schemas/*.schema.json
//  - runtime/types/generated/<name>.ts, the types, with json-schema-to-typescript;
//  - runtime/types/generated/validators.ts, the same ajv validators runtime/definitions compiles, as
//    precompiled standalone code (so loading an app does not compile schemas at every CLI start),
//    stamped with the fingerprint of the schema files it was made from.
// With --check it generates in memory and exits 1, naming the stale files, when the committed files
// differ (test/types runs this).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = path.join(root, 'schemas');
const outDir = path.join(root, 'runtime', 'types', 'generated');
const check = process.argv.includes('--check');

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

const banner = (file) =>
  `/* eslint-disable */\n// Generated from schemas/${file} by scripts/generate-types.mjs (\`npm run types\`). Do not edit.`;

async function generate() {
  const files = fs
    .readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const outputs = new Map();
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'));
    // Documentation only: keep examples out of the types.
    delete schema.examples;
    delete schema.antiExamples;
    const name = file.replace(/\.schema\.json$/, '');
    const ts = await compile(schema, schema.title ?? name, {
      cwd: schemasDir,
      bannerComment: banner(file),
      declareExternallyReferenced: true,
      style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
    });
    outputs.set(`${name}.ts`, ts);
  }
  return outputs;
}

/** Same algorithm as schemasFingerprint() in runtime/definitions/schemas.ts. */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\n${fs.readFileSync(path.join(schemasDir, file), 'utf8')}\n`);
  return hash.digest('hex');
}

function validators() {
  const files = fs
    .readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const options = JSON.parse(
    fs.readFileSync(path.join(root, 'runtime', 'definitions', 'ajv-options.json'), 'utf8'),
  );
  const ajv = new Ajv({ ...options, code: { source: true, esm: true, optimize: true } });
  ajv.addKeyword({ keyword: 'antiExamples', metaSchema: { type: 'array' } });
  ajv.addKeyword({ keyword: 'tsType', metaSchema: { type: 'string' } });
  const exportsByName = {};
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'));
    // Documentation only; dropping them keeps the generated code smaller.
    delete schema.examples;
    delete schema.antiExamples;
    ajv.addSchema(schema);
    exportsByName[file.replace(/\.schema\.json$/, '')] = schema.$id;
  }
  const code = standaloneCode(ajv, exportsByName).replace(/^"use strict";/, '');
  return [
    '// @ts-nocheck',
    '/* eslint-disable */',
    '// Generated from schemas/*.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.',
    `export const SCHEMAS_FINGERPRINT = '${fingerprint(files)}';`,
    code,
    '',
  ].join('\n');
}

const outputs = await generate();
outputs.set('validators.ts', validators());
if (check) {
  const stale = [];
  for (const [file, text] of outputs) {
    const target = path.join(outDir, file);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) stale.push(file);
  }
  const extra = fs.existsSync(outDir)
    ? fs.readdirSync(outDir).filter((f) => f.endsWith('.ts') && !outputs.has(f))
    : [];
  for (const f of extra) stale.push(`${f} (no schema)`);
  if (stale.length > 0) {
    console.error(`runtime/types/generated is stale; run \`npm run types\`: ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(`runtime/types/generated is current (${outputs.size} files)`);
} else {
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(outDir))
    if (f.endsWith('.ts') && !outputs.has(f)) fs.unlinkSync(path.join(outDir, f));
  for (const [file, text] of outputs) fs.writeFileSync(path.join(outDir, file), text);
  console.log(`wrote ${outputs.size} files to runtime/types/generated`);
}
