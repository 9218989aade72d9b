// What a step puts out, as the mapping panel lists it: every field of its module's interface, nested
// fields of collections under theirs, and the items of arrays as `items[]` with their own fields
// (`2.line_items[].subscription_uuid` maps the first item's, as Make's notation does).

const MAX_DEPTH = 5;

/** [{ path, label, depth, type }] in interface order; `path` segments joined by '.', array items as `name[]`. */
export function outputEntries(specs, prefix = '', depth = 0) {
  if (!Array.isArray(specs) || depth > MAX_DEPTH) return [];
  return specs.flatMap((spec) => {
    if (!spec || typeof spec !== 'object' || !spec.name) return [];
    const path = prefix + spec.name;
    const own = { path, label: spec.label || spec.name, depth, type: spec.type || 'any' };
    if (spec.type === 'collection') return [own, ...outputEntries(spec.spec, `${path}.`, depth + 1)];
    if (spec.type === 'array') return [own, ...outputEntries(itemFields(spec.spec), `${path}[].`, depth + 1)];
    return [own];
  });
}

/** The fields of an array's items: a list of specs, or a collection spec's own list. */
function itemFields(spec) {
  if (Array.isArray(spec)) return spec;
  if (spec && spec.type === 'collection' && Array.isArray(spec.spec)) return spec.spec;
  return [];
}

/** A name IML reads as is, or in backticks (a hyphen would otherwise read as a minus sign). */
export const imlName = (name) =>
  /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/.test(name) ? name : `\`${name}\``;

/** The reference to an output: `1.uuid`, ``1.`customer-since` ``, `2.line_items[].uuid`. */
export function referenceOf(stepId, path) {
  const segments = path.split('.').map((segment) => {
    const item = segment.endsWith('[]');
    const name = item ? segment.slice(0, -2) : segment;
    return imlName(name) + (item ? '[]' : '');
  });
  return `${stepId}.${segments.join('.')}`;
}
