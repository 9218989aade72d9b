/** The one ajv instance parameter schemas compile with (validation and the shown-field conditions). */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// strict: false lets the schemas carry the `xLabels` annotation ajv does not know.
export const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
addFormats(ajv, ['date-time']);
