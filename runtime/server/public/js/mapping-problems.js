// What is wrong with a step's mappings, by the runtime's rules (checks.js): a template that does not
// compile, where the step has no form to say so (a built-in's, a filter's), and a reference to a step
// that does not run before this one (moved below it, or gone), in every form. A form field's own
// compile error is its field check's (validate.js).
import { templateCheck } from './checks.js';
import { earlierNodes } from './edit.js';
import { isExpression } from './validate.js';

/** Every expression in a value, with its path as the form names fields: `items.0.amount`. */
export function expressionsIn(value, path = '') {
  if (isExpression(value)) return [{ path, text: value }];
  if (Array.isArray(value))
    return value.flatMap((v, i) => expressionsIn(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => expressionsIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** The expressions of a step's filter: `filter.<group>.<condition>.<a|b>`, labelled as the editor shows them. */
function filterExpressions(node) {
  const groups = Array.isArray(node.filter?.conditions) ? node.filter.conditions : [];
  return groups.flatMap((group, g) =>
    (Array.isArray(group) ? group : []).flatMap((c, i) =>
      ['a', 'b'].flatMap((side) =>
        isExpression(c?.[side])
          ? [{ path: `filter.${g}.${i}.${side}`, text: c[side], label: `Filter condition ${i + 1}` }]
          : [],
      ),
    ),
  );
}

/**
 * [{ path, message, label? }]. `formFields`: the names of the step's fields that are checked against
 * its module's specs, which report their own compile errors.
 */
export function mappingProblems(node, flow, formFields = new Set()) {
  const before = new Set((earlierNodes(flow, node.id) || []).map((n) => String(n.id)));
  const own = [
    ...expressionsIn(node.parameters, '').filter((e) => e.path !== '__IMTCONN__'),
    ...expressionsIn(node.mapper, ''),
  ].map((e) => ({ ...e, form: formFields.has(e.path.split('.')[0]) }));
  const problems = [];
  for (const { path, text, label, form } of [...own, ...filterExpressions(node)]) {
    const check = templateCheck(text);
    if (!check) continue; // asked; the page renders again with the answer
    if (check.error) {
      if (!form) problems.push({ path, message: check.error.message, label: label ?? path });
      continue;
    }
    const missing = check.references.find((r) => /^\d+$/.test(r) && !before.has(r));
    if (missing !== undefined)
      problems.push({
        path,
        message: `Maps step ${missing}, which does not run before this step`,
        ...(label ? { label } : {}),
      });
  }
  return problems;
}
