// Stand-ins for the custom IML functions of the real Make apps in ../shared/make-apps, whose
// JavaScript was left out of that copy. Written here from how each app's templates call them (their
// arguments and what the template does with the result), never from the apps' own code. They make a
// dry run possible; they prove nothing about the functions (test/functions does, on our own fixtures).

/** A collection without its empty values (null, '', [], {}), recursively. */
const REMOVE_EMPTY = `function removeEmpty(value) {
  if (Array.isArray(value)) return value.map(removeEmpty);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out = {};
  for (const key of Object.keys(value)) {
    const v = removeEmpty(value[key]);
    const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ||
      (typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && Object.keys(v).length === 0);
    if (!empty) out[key] = v;
  }
  return out;
}`;

export const FUNCTION_STUBS = {
  // google-gemini-ai: `{{...}}` of removeTypeKeys(removeEmpty(omit(parameters, …))) — a collection in, a collection out.
  removeEmpty: REMOVE_EMPTY,
  removeTypeKeys: `function removeTypeKeys(value) {
  if (Array.isArray(value)) return value.map(removeTypeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value)) if (key !== 'type') out[key] = removeTypeKeys(value[key]);
  return out;
}`,
  // ideogram: body.image_request = removeEmptyColorPalette(parameters).
  removeEmptyColorPalette: REMOVE_EMPTY.replace(
    'function removeEmpty(',
    'function removeEmptyColorPalette(',
  ).replace(/removeEmpty\(/g, 'removeEmptyColorPalette('),
  // nvidia: response.output = parseTimestamps(body): the body, its unix timestamps as dates.
  parseTimestamps: `function parseTimestamps(body) {
  if (!body || typeof body !== 'object') return body;
  const out = Array.isArray(body) ? [] : {};
  for (const key of Object.keys(body)) {
    const v = body[key];
    out[key] = key === 'created' && typeof v === 'number' ? new Date(v * 1000) : parseTimestamps(v);
  }
  return out;
}`,
  // relevance-ai: an RPC's output = transformToMappableParameters(params_schema.properties): fields.
  transformToMappableParameters: `function transformToMappableParameters(properties) {
  return Object.keys(properties || {}).map(function (name) {
    const p = properties[name] || {};
    return { name: name, label: p.title || name, type: p.type === 'number' || p.type === 'integer' ? 'number' : 'text' };
  });
}`,
  // stability-ai: the body's `{{...}}` = transformInput(omit(parameters, …)): a collection.
  transformInput: `function transformInput(parameters) { return Object.assign({}, parameters); }`,
  // polydoc: buildPolydocBody(kind; parameters) is a request body, buildPolydocOutput(kind; delivery;
  // body; filename; imageType) the module's output, mergeDeep(a; b) a merged collection.
  buildPolydocBody: `function buildPolydocBody(kind, parameters) { return Object.assign({ kind: kind }, parameters); }`,
  buildPolydocOutput: `function buildPolydocOutput(kind, delivery, body) { return body; }`,
  mergeDeep: `function mergeDeep(a, b) {
  const out = Object.assign({}, a);
  for (const key of Object.keys(b || {})) {
    const both = out[key] && typeof out[key] === 'object' && b[key] && typeof b[key] === 'object';
    out[key] = both && !Array.isArray(b[key]) ? mergeDeep(out[key], b[key]) : b[key];
  }
  return out;
}`,
};

/** Any other function an app names: its last argument back (what a pass-through would give). */
export function genericStub(name) {
  return `function ${name}() { return arguments[arguments.length - 1]; }`;
}
