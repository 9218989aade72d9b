#!/usr/bin/env node
// Generates runtime/types/generated/<name>.ts from schemas/<name>.schema.json with
// json-schema-to-typescript (`npm run types`). With --check it generates in memory and exits 1,
// naming the stale files, when the committed files differ (test/types runs this).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = path.join(root, 'schemas');
const outDir = path.join(root, 'runtime', 'types', 'generated');
const check = process.argv.includes('--check');

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

const outputs = await generate();
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
