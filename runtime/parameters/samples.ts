/**
 * Values for a form built from its own specs and the module's samples: every required field shown
 * by the values chosen so far gets one (a select its first option, a number its minimum, text the
 * sample bundle's value of the same name when it has one), so a module can be dry-run without a
 * person filling the form. A field with a default takes it (normalization would), so the fields
 * nested under it are shown as they will be.
 */
import type { ParameterSpec } from '../types/app';
import { isShown } from './shown';
import { arrayItemSpec, flattenLevel, selectOptions } from './specs';

type Specs = ReadonlyArray<ParameterSpec | string> | string | undefined;

export interface SampleOptions {
  /** The module's samples (an example output bundle): values of fields named like its keys. */
  samples?: unknown;
  /** URL fields take a path on the API host (the universal module refuses full URLs). */
  relativeUrls?: boolean;
}

const TEXT_SAMPLES: Record<string, unknown> = {
  email: 'user@example.com',
  url: 'https://example.com/sample',
  uuid: '00000000-0000-4000-8000-000000000000',
  color: '#336699',
  timezone: 'Europe/Prague',
  time: '12:00',
  timestamp: 1700000000,
  date: '2024-01-01T00:00:00.000Z',
  port: 443,
  boolean: true,
  json: {},
  any: 'sample',
  filter: [],
};

const NUMBER_TYPES = new Set(['number', 'integer', 'uinteger']);

/** Values for every required field of one level (nested fields included once their parent shows them). */
export function sampleParameters(specs: Specs, options: SampleOptions = {}): Record<string, unknown> {
  const level = flattenLevel(specs);
  const out: Record<string, unknown> = {};
  for (const field of level.fields) {
    if (field.name in out || !isShown(field, out)) continue;
    if (field.spec.default !== undefined && field.spec.default !== null) {
      out[field.name] = structuredClone(field.spec.default);
      continue;
    }
    if (field.spec.required !== true) continue;
    const value = sampleValue(field.spec, field.name, options);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function sampleValue(spec: ParameterSpec, name: string, options: SampleOptions): unknown {
  const type = String(spec.type);
  const fromSamples = sampleOf(options.samples, name);
  if (type === 'select') return selectValue(spec, fromSamples);
  if (type === 'array') return arrayValue(spec, options);
  if (type === 'collection')
    return sampleParameters(spec.spec as Specs, { ...options, samples: fromSamples });
  if (NUMBER_TYPES.has(type)) return numberValue(spec, fromSamples);
  if (type === 'url' || name.toLowerCase() === 'url') {
    if (options.relativeUrls) return '/';
    return typeof fromSamples === 'string' && /^https?:/.test(fromSamples) ? fromSamples : TEXT_SAMPLES.url;
  }
  if (type in TEXT_SAMPLES) return TEXT_SAMPLES[type];
  if (typeof fromSamples === 'string' && fromSamples !== '') return fromSamples;
  if (typeof fromSamples === 'number' && type === 'text') return String(fromSamples);
  return `sample ${name}`;
}

/** The samples' value of a name (a string of `rpc://` samples has none). */
function sampleOf(samples: unknown, name: string): unknown {
  if (!samples || typeof samples !== 'object' || Array.isArray(samples)) return undefined;
  return Object.prototype.hasOwnProperty.call(samples, name)
    ? (samples as Record<string, unknown>)[name]
    : undefined;
}

function selectValue(spec: ParameterSpec, fromSamples: unknown): unknown {
  const first = selectOptions(spec)[0];
  // Options from an RPC: no list to choose from here; the samples' value, or a placeholder value.
  const value = first ? first.value : (fromSamples ?? 'sample');
  return spec.multiple === true ? [value] : value;
}

function numberValue(spec: ParameterSpec, fromSamples: unknown): number {
  const validate =
    spec.validate && typeof spec.validate === 'object' ? (spec.validate as Record<string, unknown>) : {};
  const min = typeof validate.min === 'number' ? validate.min : String(spec.type) === 'number' ? 0 : 1;
  const max = typeof validate.max === 'number' ? validate.max : Infinity;
  if (typeof fromSamples === 'number' && fromSamples >= min && fromSamples <= max) return fromSamples;
  return Math.min(Math.max(min, 1), max);
}

function arrayValue(spec: ParameterSpec, options: SampleOptions): unknown[] {
  const item = arrayItemSpec(spec);
  const validate =
    spec.validate && typeof spec.validate === 'object' ? (spec.validate as Record<string, unknown>) : {};
  const count = Math.max(1, typeof validate.minItems === 'number' ? validate.minItems : 1);
  const one = item
    ? sampleValue({ ...item, required: true }, String(item.name ?? 'item'), {
        ...options,
        samples: undefined,
      })
    : 'sample';
  return Array.from({ length: count }, () => structuredClone(one));
}
