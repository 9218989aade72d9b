// Checks a module's output bundle against its Make interface (the typed description of one bundle).
// ChartMogul returns null for absent values, so null passes for every declared field.
import type { Param } from './definitions';

const STRING_TYPES = new Set([
  'text',
  'email',
  'url',
  'uuid',
  'password',
  'select',
  'timezone',
  'time',
  'color',
]);
const NUMBER_TYPES = new Set(['number', 'integer', 'uinteger']);

export type InterfaceProblem = string;

/**
 * Returns one line per mismatch; [] when the value conforms. Keys missing from a collection that
 * declares its spec are flagged too (the bundle and nested collections), so the interface stays complete.
 */
export function checkInterface(value: unknown, iface: Param[]): InterfaceProblem[] {
  if (!isObject(value)) return [`bundle: expected an object, got ${describe(value)}`];
  return checkCollection(value, iface, '');
}

function checkCollection(value: Record<string, unknown>, spec: Param[], at: string): InterfaceProblem[] {
  const problems = spec.flatMap((p) => checkValue(value[p.name], p, at ? `${at}.${p.name}` : p.name));
  const declared = new Set(spec.map((p) => p.name));
  for (const key of Object.keys(value)) {
    if (key.startsWith('__IMT')) continue; // Make's search metadata, never declared
    if (!declared.has(key)) problems.push(`${at ? `${at}.` : ''}${key}: not declared in the interface`);
  }
  return problems;
}

function checkValue(value: unknown, p: Param, at: string): InterfaceProblem[] {
  if (value === undefined || value === null) return [];
  const fail = (expected: string) => [`${at}: expected ${expected}, got ${describe(value)}`];
  if (STRING_TYPES.has(p.type)) return typeof value === 'string' ? [] : fail('a string');
  if (NUMBER_TYPES.has(p.type))
    return typeof value === 'number' && Number.isFinite(value) ? [] : fail('a number');
  if (p.type === 'boolean') return typeof value === 'boolean' ? [] : fail('a boolean');
  if (p.type === 'date') {
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? [] : fail('a date string');
  }
  if (p.type === 'collection') {
    if (!isObject(value)) return fail('an object');
    return Array.isArray(p.spec) ? checkCollection(value, p.spec, at) : [];
  }
  if (p.type === 'array') {
    if (!Array.isArray(value)) return fail('an array');
    const spec = p.spec;
    if (!spec) return [];
    return value.flatMap((item, i) =>
      Array.isArray(spec)
        ? isObject(item)
          ? checkCollection(item, spec, `${at}[${i + 1}]`)
          : [`${at}[${i + 1}]: expected an object, got ${describe(item)}`]
        : checkValue(item, spec, `${at}[${i + 1}]`),
    );
  }
  return []; // any, json and the like accept everything
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'string' ? `"${v}"` : typeof v;
}
