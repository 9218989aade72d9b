/**
 * This repository's own conventions for its definitions, stricter than what Make (and so the loader)
 * accepts: the folder layout DESIGN.md fixes, IML kept to the documented grammar, and a name on every
 * parameter but a banner (Make's schema lets a field go without one; ours never do). A lint of ours, run by test/app/conventions.test.ts on
 * the ChartMogul app; other apps may put their files wherever makecomapp.json says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { lenientUses, type Problem } from '../../../runtime';

/** Where DESIGN.md puts each component type's folder: `<folder>/<id>/<id><suffix>`. */
const FOLDERS: Record<string, string> = {
  connection: 'connector/connections',
  module: 'modules',
  rpc: 'rpcs',
  webhook: 'webhooks',
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

/** Every JSON string (and object key) inside a value, with its JSON pointer. */
function strings(value: unknown, pointer = ''): { text: string; pointer: string }[] {
  if (typeof value === 'string') return [{ text: value, pointer }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const isKey = !Array.isArray(value) && key !== '{{...}}'; // the spread key is not a template
    return [...(isKey ? [{ text: key, pointer: at }] : []), ...strings(item, at)];
  });
}

/** Parameter codes by role: what a nameless spec would hide in. */
const PARAMETER_CODES = new Set(['params', 'staticParams', 'mappableParams', 'interface']);

/** Every parameter spec of a list, with its pointer: nested fields, option nests and specs included. */
function specs(list: unknown, pointer: string): { spec: Record<string, unknown>; pointer: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((spec: unknown, i) => {
    if (spec === null || typeof spec !== 'object') return [];
    const at = `${pointer}/${i}`;
    const s = spec as Record<string, unknown>;
    const options = Array.isArray(s.options) ? (s.options as { nested?: unknown }[]) : [];
    const store = s.options && typeof s.options === 'object' ? (s.options as { nested?: unknown }) : {};
    return [
      { spec: s, pointer: at },
      ...specs(s.spec, `${at}/spec`),
      ...specs(s.nested, `${at}/nested`),
      ...specs(store.nested, `${at}/options/nested`),
      ...options.flatMap((o, j) => specs(o?.nested, `${at}/options/${j}/nested`)),
    ];
  });
}

/** A parameter without a name (other than a banner): Make accepts it, but it carries no value. */
export function namelessParameterProblems(appDir: string): Problem[] {
  const manifest = parse(fs.readFileSync(path.join(appDir, 'makecomapp.json'), 'utf8')) as {
    components: Components;
  };
  const files = Object.values(manifest.components).flatMap((byId) =>
    Object.values(byId).flatMap((c) =>
      Object.entries(c?.codeFiles ?? {}).flatMap(([code, f]) => (f && PARAMETER_CODES.has(code) ? [f] : [])),
    ),
  );
  return files.flatMap((file) =>
    specs(parse(fs.readFileSync(path.join(appDir, file), 'utf8')), '')
      .filter(({ spec }) => spec.name === undefined && spec.type !== 'banner')
      .map(({ pointer }) => ({ file, pointer, message: 'a parameter without a name carries no value' })),
  );
}

/** Templates that use IML Make's apps get away with but its docs do not define (runtime/iml/lenient.ts). */
export function lenientImlProblems(appDir: string): Problem[] {
  const manifest = parse(fs.readFileSync(path.join(appDir, 'makecomapp.json'), 'utf8')) as {
    generalCodeFiles: Record<string, string | null>;
    components: Components;
  };
  const files = [
    ...Object.values(manifest.generalCodeFiles),
    ...Object.values(manifest.components).flatMap((byId) =>
      Object.values(byId).flatMap((c) => Object.values(c?.codeFiles ?? {})),
    ),
  ].filter((f): f is string => typeof f === 'string' && f.endsWith('.json'));
  return files.flatMap((file) =>
    strings(parse(fs.readFileSync(path.join(appDir, file), 'utf8'))).flatMap(({ text, pointer }) =>
      lenientUses(text).map((use) => ({
        file,
        pointer,
        message: `${use.message} (${use.construct}, ${use.position.line}:${use.position.column})`,
      })),
    ),
  );
}
