/**
 * Make's VS Code extension migrates makecomapp.json in memory before it uses the file: manifests
 * written before a component type existed lack its key, and older ones call the module type
 * `moduleSubtype`. Reimplemented from what the extension is seen to do (docs/decisions.md, "Any Make
 * app"), so a manifest the extension accepts is accepted here; the file on disk is never rewritten.
 */
import { COMPONENT_TYPES } from './loaded';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The manifest as Make's tools read it: every component type present under `components` and under
 * each origin's `idMapping` (empty where the file has none), `moduleSubtype` renamed `moduleType`.
 * Returns a migrated copy; anything that is not shaped like a manifest comes back as it was, for the
 * schema to report.
 */
export function migrateManifest(manifest: unknown): unknown {
  if (!isObject(manifest)) return manifest;
  const out: Record<string, unknown> = { ...manifest };
  if (isObject(manifest.components)) {
    const components: Record<string, unknown> = { ...manifest.components };
    for (const type of COMPONENT_TYPES) {
      // Only an absent (or null) type is backfilled: a wrong value stays for the schema to name.
      if (components[type] === undefined || components[type] === null) components[type] = {};
    }
    if (isObject(components.module)) components.module = renameSubtypes(components.module);
    out.components = components;
  }
  if (Array.isArray(manifest.origins)) out.origins = manifest.origins.map(migrateOrigin);
  return out;
}

function renameSubtypes(modules: Record<string, unknown>): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [id, module] of Object.entries(modules)) {
    if (isObject(module) && 'moduleSubtype' in module) {
      const { moduleSubtype, ...rest } = module;
      // As the extension does: the older key's value is the type, whatever `moduleType` said.
      renamed[id] = { ...rest, moduleType: moduleSubtype };
    } else {
      renamed[id] = module;
    }
  }
  return renamed;
}

function migrateOrigin(origin: unknown): unknown {
  if (!isObject(origin) || !isObject(origin.idMapping)) return origin;
  const idMapping: Record<string, unknown> = { ...origin.idMapping };
  for (const type of COMPONENT_TYPES) {
    if (idMapping[type] === undefined || idMapping[type] === null) idMapping[type] = [];
  }
  return { ...origin, idMapping };
}
