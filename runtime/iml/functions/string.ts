/** Text and binary functions (iml-functions.md §7). Positions are 0-based, as Make documents. */
import crypto from 'node:crypto';
import { EvalFailure } from '../position';
import { deepEqual, describe, numberArg, toText } from '../values';
import { BoundedRegex } from '../regex';
import { FnSpec, fn, passEmpty, passEmptyWithEnv } from './registry';

/** Text of a value; the usual case (already text) inline, small enough for V8 to inline too. */
const text = (v: unknown): string => (typeof v === 'string' ? v : toText(v));

const MIME: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  csv: 'text/csv',
  xml: 'application/xml',
  js: 'application/javascript',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  md: 'text/markdown',
  yaml: 'application/yaml',
  yml: 'application/yaml',
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `<…>` removed, as `/<[^>]*>/g` would, in one pass: that regex rescans to the end from every `<` when
 * no `>` follows, quadratic on hostile text (issue 16).
 */
function stripTags(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('<', from);
    const close = open < 0 ? -1 : s.indexOf('>', open + 1);
    // No `>` after this `<`: none after any later `<` either, so nothing more is a tag.
    if (close < 0) return out + s.slice(from);
    out += s.slice(from, open);
    from = close + 1;
  }
}

function hash(algorithm: string) {
  return passEmpty(1, 4, (value, encoding, key, keyEncoding) => {
    const enc = encoding === undefined || encoding === null || encoding === '' ? 'hex' : String(encoding);
    if (enc !== 'hex' && enc !== 'base64' && enc !== 'latin1')
      throw new EvalFailure(`${algorithm}: unknown encoding '${enc}'`);
    const digestEnc = enc === 'latin1' ? 'binary' : enc;
    const data = Buffer.isBuffer(value) ? value : Buffer.from(text(value), 'utf8');
    if (key === undefined || key === null || key === '')
      return crypto.createHash(algorithm).update(data).digest(digestEnc);
    const kEnc =
      keyEncoding === undefined || keyEncoding === null || keyEncoding === '' ? 'text' : String(keyEncoding);
    let keyBuf: Buffer;
    if (Buffer.isBuffer(key)) keyBuf = key;
    else if (kEnc === 'text') keyBuf = Buffer.from(text(key), 'utf8');
    else if (kEnc === 'hex' || kEnc === 'base64') keyBuf = Buffer.from(text(key), kEnc);
    else throw new EvalFailure(`${algorithm}: key encoding '${kEnc}' needs binary data or is unknown`);
    return crypto.createHmac(algorithm, keyBuf).update(data).digest(digestEnc);
  });
}

export const strings: Record<string, FnSpec> = {
  ascii: passEmpty(1, 2, (v, removeDiacritics) => {
    let s = text(v);
    if (removeDiacritics === true || removeDiacritics === 'true')
      s = s.normalize('NFD').replace(/\p{M}/gu, '');
    return s.replace(/[^\p{ASCII}]/gu, '');
  }),
  base64: passEmpty(1, 1, (v) => (Buffer.isBuffer(v) ? v : Buffer.from(text(v), 'utf8')).toString('base64')),
  capitalize: passEmpty(1, 1, (v) => {
    const s = text(v);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }),
  decodeURL: passEmpty(1, 1, (v) => {
    try {
      return decodeURIComponent(text(v));
    } catch {
      throw new EvalFailure(`decodeURL: malformed URL encoding in ${describe(v)}`);
    }
  }),
  encodeURL: passEmpty(1, 1, (v) => encodeURIComponent(text(v))),
  escapeHTML: passEmpty(1, 1, (v) => text(v).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])),
  escapeMarkdown: passEmpty(1, 1, (v) =>
    text(v).replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `&#${c.charCodeAt(0)};`),
  ),
  indexOf: fn(2, 3, (v, search, start) => {
    if (v === null || v === undefined) return -1;
    return text(v).indexOf(text(search), start === undefined ? 0 : numberArg(start, 'indexOf', 'start'));
  }),
  lower: passEmpty(1, 1, (v) => text(v).toLowerCase()),
  upper: passEmpty(1, 1, (v) => text(v).toUpperCase()),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  mime: passEmpty(1, 1, (v) => {
    const m = /\.([^./\\]+)$/.exec(text(v));
    return (m && MIME[m[1].toLowerCase()]) || 'application/octet-stream';
  }),
  replace: passEmptyWithEnv(3, 3, (env, v, search, replacement) => {
    const s = text(v);
    const rep = text(replacement);
    const pat = typeof search === 'string' ? /^\/(.+)\/([a-z]*)$/s.exec(search) : null;
    if (pat)
      return BoundedRegex.compile(pat[1], pat[2], 'replace').replace(s, rep, env.regexBudget(), 'replace');
    const needle = text(search);
    // Plain text replaces every occurrence, and the replacement is taken literally.
    return needle === '' ? s : s.split(needle).join(rep);
  }),
  replaceEmojiCharacters: passEmpty(1, 2, (v, replacement) =>
    text(v).replace(
      /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{1,2})(?:\uFE0F|\u200D|\p{Extended_Pictographic}|\p{Emoji_Modifier})*/gu,
      text(replacement),
    ),
  ),
  split: passEmpty(1, 2, (v, sep) => {
    const s = text(v);
    if (s === '') return [];
    return s.split(sep === undefined ? ',' : text(sep));
  }),
  startcase: passEmpty(1, 1, (v) =>
    text(v)
      .toLowerCase()
      .replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase()),
  ),
  stripHTML: passEmpty(1, 1, (v) => stripTags(text(v))),
  substring: passEmpty(2, 3, (v, start, end) => {
    const s = text(v);
    return s.substring(
      numberArg(start, 'substring', 'start'),
      end === undefined ? s.length : numberArg(end, 'substring', 'end'),
    );
  }),
  toBinary: passEmpty(1, 2, (v, encoding) => {
    if (Buffer.isBuffer(v)) return v;
    const enc = encoding === 'hex' || encoding === 'base64' ? encoding : 'utf8';
    return Buffer.from(text(v), enc);
  }),
  toString: fn(1, 1, (v) => text(v)),
  trim: passEmpty(1, 1, (v) => text(v).trim()),
  // Polymorphic with the array family: text, binary, array, collection.
  length: fn(1, 1, (v) => {
    if (v === null || v === undefined) return 0;
    if (typeof v === 'string') return v.length;
    if (Array.isArray(v)) return v.length;
    if (Buffer.isBuffer(v)) return v.length;
    if (typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length;
    return text(v).length;
  }),
  contains: fn(2, 2, (v, search) => {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) return v.some((x) => deepEqual(x, search));
    return text(v).includes(text(search));
  }),
};
