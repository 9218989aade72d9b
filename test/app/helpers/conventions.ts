/**
 * This repository's own conventions for its definitions, stricter than what Make (and so the loader)
 * accepts: the folder layout DESIGN.md fixes. A lint of ours, run by test/app/conventions.test.ts on
 * the ChartMogul app; other apps may put their files wherever makecomapp.json says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import type { Problem } from '../../../runtime';

/** Where DESIGN.md puts each component type's folder: `<folder>/<id>/<id><suffix>`. */
const FOLDERS: Record<string, string> = {
  connection: 'connector/connections',
  module: 'modules',
  rpc: 'rpcs',
};

/** Make's default file-name suffix of each code (make-format.md §1.1). */
const SUFFIXES: Record<string, string> = {
  communication: '.communication.iml.json',
  params: '.params.iml.json',
  common: '.common.json',
  staticParams: '.static-params.iml.json',
  mappableParams: '.mappable-params.iml.json',
  interface: '.interface.iml.json',
  samples: '.samples.iml.json',
  scope: '.scope.iml.json',
  epoch: '.epoch.iml.json',
};

type Components = Record<string, Record<string, { codeFiles?: Record<string, string | null> } | null>>;

/** Folder and file names repeat the id: `modules/<id>/<id>.communication.iml.json`. */
export function layoutProblems(appDir: string): Problem[] {
  const manifest = parse(fs.readFileSync(path.join(appDir, 'makecomapp.json'), 'utf8')) as {
    components: Components;
  };
  const problems: Problem[] = [];
  for (const [type, folder] of Object.entries(FOLDERS)) {
    for (const [id, component] of Object.entries(manifest.components[type] ?? {})) {
      for (const [code, file] of Object.entries(component?.codeFiles ?? {})) {
        const suffix = SUFFIXES[code];
        if (!file || !suffix) continue;
        const expected = `${folder}/${id}/${id}${suffix}`;
        if (file.replace(/\\/g, '/') === expected) continue;
        problems.push({
          file: 'makecomapp.json',
          pointer: `/components/${type}/${id}/codeFiles/${code}`,
          message: `\`${file}\` should be \`${expected}\` (folder and file names repeat the ${type} id)`,
        });
      }
    }
  }
  return problems;
}
