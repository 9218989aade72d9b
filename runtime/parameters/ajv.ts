/**
 * The one ajv instance parameter schemas compile with (validation and the shown-field conditions),
 * created on first use: a command served by the definitions cache validates with the standalone code
 * kept there (standalone.ts) and never loads ajv.
 */
import type { default as Ajv, Options } from 'ajv';
import { boundedRegExp } from './patterns';

// strict: false lets the schemas carry the `xLabels` annotation ajv does not know. validateSchema:
// false: the schemas are built here from definitions that passed their own schemas at load; checking
// each against JSON Schema's meta-schema first only compiled that meta-schema, a third of a `run`
// command's parameter step in a CPU profile of its cold start (issue 23). code.source: compiled
// validators keep their source, which standalone.ts writes out as standalone code; `boundedRegExp` is
// the name that code calls the pattern engine by.
// ownProperties: a field may be named like a member of Object.prototype (`constructor`, `toString`): only
// the values' own properties count, never what every object inherits.
const OPTIONS: Options = {
  allErrors: true,
  ownProperties: true,
  strict: false,
  validateSchema: false,
  verbose: true,
  code: { source: true, regExp: Object.assign(boundedRegExp, { code: 'boundedRegExp' }) },
};

let instance: Ajv | undefined;

export function parameterAjv(): Ajv {
  if (!instance) {
    const AjvClass = (require('ajv') as typeof import('ajv')).default;
    const { _ } = require('ajv') as typeof import('ajv');
    const { dateTimeFormat } = require('./date-time-format') as typeof import('./date-time-format');
    // Standalone code reads the format from the same module (standalone.ts lets it require it).
    instance = new AjvClass({
      ...OPTIONS,
      code: { ...OPTIONS.code, formats: _`require("./date-time-format").parameterFormats` },
    });
    instance.addFormat('date-time', dateTimeFormat);
  }
  return instance;
}
