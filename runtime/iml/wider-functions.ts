/**
 * Built-ins that Make's approved apps call with an argument the docs do not list, with the signature
 * that gives it a meaning (docs/decisions.md, "Any Make app"). The parser and the compiler use these
 * only when a call has more arguments than the built-in's documented signature.
 */
import { fn, type EagerFn } from './functions/registry';
import { toText } from './values';

const BINARY_ENCODINGS = new Set([
  'utf8',
  'utf-8',
  'base64',
  'base64url',
  'hex',
  'latin1',
  'binary',
  'ascii',
]);

/**
 * Built-ins that apps call with an argument the docs do not list, with the signature that gives it a
 * meaning. `toString(value, encoding)`: binary data as text in that encoding (Node's Buffer encodings:
 * `toString(file, 'base64')`); anything else as `toString(value)`, the extra argument ignored as
 * JavaScript's own `toString` ignores it.
 */
export const WIDER: Record<string, EagerFn> = {
  toString: fn(1, 2, (value, encoding) => {
    if (Buffer.isBuffer(value) && typeof encoding === 'string') {
      const enc = encoding.toLowerCase();
      if (BINARY_ENCODINGS.has(enc)) return value.toString(enc as BufferEncoding);
    }
    return typeof value === 'string' ? value : toText(value);
  }),
};
