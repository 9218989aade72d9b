/* eslint-disable */
// Generated from schemas/groups.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * groups.json: how modules are grouped in Make's module picker (make-format.md §1.1). Each module id must exist (checked across files).
 */
export type Groups = Group[];

export interface Group {
  label: string;
  modules: string[];
}
