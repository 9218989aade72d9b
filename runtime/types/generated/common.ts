/* eslint-disable */
// Generated from schemas/common.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * common.json: app-wide constants, visible as common.* in IML (make-format.md §2). Any object.
 */
export interface Common {
  [k: string]: unknown;
}
