/**
 * Values cross between the process and a function's isolate as JSON text only: no object of one side
 * is ever handed to the other, so nothing in the isolate can reach a prototype, a function or a
 * Buffer of the process. JSON has no undefined, dates or binary data, so those travel as tagged
 * objects; the isolate's side of the codec is the prelude below, evaluated inside it.
 */
/** The key of a tagged value; a NUL in it keeps it apart from any key real data uses. */
export const TAG = '\u0000imt';

/** Deepest nesting a value may have on the way in or out (a cycle would otherwise never end). */
const MAX_DEPTH = 200;

type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

function toWire(value: unknown, depth: number): Wire {
  if (depth > MAX_DEPTH) throw new Error(`value nested deeper than ${MAX_DEPTH} levels`);
  if (value === undefined) return { [TAG]: 'u' };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [TAG]: 'n', v: String(value) };
  if (value instanceof Date) return { [TAG]: 'd', v: value.getTime() };
  if (Buffer.isBuffer(value)) return { [TAG]: 'b', v: Array.from(value) };
  if (Array.isArray(value)) return value.map((item) => toWire(item, depth + 1));
  if (typeof value === 'object') {
    const out: { [key: string]: Wire } = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) out[key] = toWire(item, depth + 1);
    return out;
  }
  return { [TAG]: 'u' }; // functions, symbols, bigints: nothing a template value holds
}

/** A value of the process as the JSON text the isolate decodes. */
export function encode(value: unknown): string {
  return JSON.stringify(toWire(value, 0));
}

/** The JSON text the isolate encoded, as a value of the process (fresh objects, no prototypes shared). */
export function decode(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !(TAG in value)) return value;
    const tagged = value as { [TAG]: string; v?: unknown };
    switch (tagged[TAG]) {
      case 'd':
        return new Date(Number(tagged.v));
      case 'b':
        return Buffer.from(Array.isArray(tagged.v) ? (tagged.v as number[]) : []);
      case 'n':
        return Number(tagged.v);
      default:
        return undefined;
    }
  });
}

/**
 * The isolate's side, evaluated once in every fresh context: `__decode`/`__encode` mirror the
 * functions above (binary data is a Uint8Array there: the isolate has no Buffer).
 */
export const GUEST_CODEC = `
const __TAG = ${JSON.stringify(TAG)};
const __MAX_DEPTH = ${MAX_DEPTH};
function __decode(text) {
  return JSON.parse(text, function (key, value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !(__TAG in value)) return value;
    switch (value[__TAG]) {
      case 'd': return new Date(value.v);
      case 'b': return new Uint8Array(value.v);
      case 'n': return Number(value.v);
      default: return undefined;
    }
  });
}
function __wire(value, depth) {
  if (depth > __MAX_DEPTH) throw new RangeError('value nested deeper than ' + __MAX_DEPTH + ' levels');
  if (value === undefined) return { [__TAG]: 'u' };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [__TAG]: 'n', v: String(value) };
  if (value instanceof Date) return { [__TAG]: 'd', v: value.getTime() };
  if (value instanceof Uint8Array) return { [__TAG]: 'b', v: Array.from(value) };
  if (Array.isArray(value)) return value.map(function (item) { return __wire(item, depth + 1); });
  if (typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = __wire(value[key], depth + 1);
    return out;
  }
  return { [__TAG]: 'u' };
}
function __encode(value) { return JSON.stringify(__wire(value, 0)); }
`;
