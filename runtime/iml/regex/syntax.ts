/**
 * JavaScript regular-expression syntax → a tree the bounded matcher runs (decisions.md "Regex
 * budgets"). V8 validates the pattern first, so this parser only meets well-formed patterns; what
 * one character means (classes, escapes, case folding, `\p{…}`, `.` with or without `s`) is left to
 * V8 too: every single-character atom becomes a tiny sticky RegExp, which cannot backtrack.
 */
import { EvalFailure } from '../position';

export type Node =
  | { t: 'atom'; source: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'group'; capture: number; body: Node }
  | { t: 'look'; ahead: boolean; negate: boolean; body: Node }
  | { t: 'repeat'; body: Node; min: number; max: number; greedy: boolean }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { t: 'backref'; index: number };

export interface Parsed {
  root: Node;
  /** Capturing groups, numbered from 1. */
  groups: number;
  hasBackrefs: boolean;
}

/** The flags the engine honours: Make documents g, i, m; s, u, y are JavaScript's own. */
export const SUPPORTED_FLAGS = /^(?!.*(.).*\1)[gimsuyd]*$/;

/** Characters that stand for themselves here but need a backslash in an atom of their own. */
const SYNTAX_CHARS = new Set('^$\\*+?()[]{}|/');
const OCTAL = /^(?:[0-3][0-7]{0,2}|[4-7][0-7]?)/;
const HEX2 = /^[0-9a-fA-F]{2}/;
const HEX4 = /^[0-9a-fA-F]{4}/;
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/** The pattern's capturing groups, counted as V8 does (before parsing, for `\N` decisions). */
function countGroups(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (src[i + 1] !== '?' || (src[i + 2] === '<' && /[^=!]/.test(src[i + 3] ?? '')))) n++;
  }
  return n;
}

/**
 * `namedGroups`: accept `(?<name>…)` and `\k<name>` as a numbered group and its backreference (for
 * tests only, where names change nothing); IML's replace refuses them, as Make documents.
 */
export function parseRegex(src: string, flags: string, fnName: string, namedGroups = false): Parsed {
  if (!SUPPORTED_FLAGS.test(flags))
    throw new EvalFailure(`${fnName}: unsupported regular expression flags '${flags}'`);
  try {
    new RegExp(src, flags);
  } catch (e) {
    throw new EvalFailure(`${fnName}: invalid regular expression: ${(e as Error).message}`);
  }
  return new Parser(src, flags.includes('u'), fnName, namedGroups).parse();
}

class Parser {
  private i = 0;
  private capture = 0;
  private readonly total: number;
  private hasBackrefs = false;
  private readonly names = new Map<string, number>();

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
    private readonly fnName: string,
    private readonly namedGroups: boolean,
  ) {
    this.total = countGroups(src);
    if (namedGroups) {
      // Names are numbered in order of their opening parenthesis, like every capturing group.
      let n = 0;
      let inClass = false;
      for (let i = 0; i < src.length; i++) {
        const c = src[i];
        if (c === '\\') i++;
        else if (inClass) inClass = c !== ']';
        else if (c === '[') inClass = true;
        else if (
          c === '(' &&
          (src[i + 1] !== '?' || (src[i + 2] === '<' && /[^=!]/.test(src[i + 3] ?? '')))
        ) {
          n++;
          const name = /^\(\?<([^>]+)>/.exec(src.slice(i));
          if (name) this.names.set(name[1], n);
        }
      }
    }
  }

  parse(): Parsed {
    const root = this.alternation();
    return { root, groups: this.capture, hasBackrefs: this.hasBackrefs };
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.term()));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = QUANTIFIER.exec(this.src.slice(this.i));
      if (!m) return node; // Annex B: a `{` that is no quantifier is a literal (V8 accepted it)
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return node;
    let greedy = true;
    if (this.src[this.i] === '?') {
      this.i++;
      greedy = false;
    }
    return { t: 'repeat', body: node, min, max, greedy };
  }

  private term(): Node {
    const src = this.src;
    const c = src[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', kind: c };
    }
    if (c === '(') return this.group();
    if (c === '[') return this.atom(this.classEnd() - this.i);
    if (c === '\\') return this.escape();
    if (this.unicode && isHighSurrogate(src, this.i) && isLowSurrogate(src, this.i + 1)) return this.atom(2);
    return this.atom(1);
  }

  private group(): Node {
    const src = this.src;
    this.i++;
    let node: Node;
    if (src[this.i] === '?') {
      const kind = src.slice(this.i, this.i + 3);
      if (kind.startsWith('?:')) {
        this.i += 2;
        node = this.alternation();
      } else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        this.i += 2;
        node = { t: 'look', ahead: true, negate: kind[1] === '!', body: this.alternation() };
      } else if (kind === '?<=' || kind === '?<!') {
        this.i += 3;
        node = { t: 'look', ahead: false, negate: kind[2] === '!', body: this.alternation() };
      } else if (this.namedGroups) {
        this.i = src.indexOf('>', this.i) + 1;
        const capture = ++this.capture;
        node = { t: 'group', capture, body: this.alternation() };
      } else {
        // Make documents that a named group in replace "will throw an error".
        throw new EvalFailure(`${this.fnName}: named capture groups are not supported`);
      }
    } else {
      const capture = ++this.capture;
      node = { t: 'group', capture, body: this.alternation() };
    }
    this.i++; // ')'
    return node;
  }

  /** Index just past the `]` closing the class at this.i (JavaScript: `[]` is empty, `[^]` is any). */
  private classEnd(): number {
    const src = this.src;
    let j = this.i + 1;
    if (src[j] === '^') j++;
    while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    return j + 1;
  }

  private escape(): Node {
    const src = this.src;
    const c = src[this.i + 1];
    const rest = src.slice(this.i + 2);
    if (c === 'b' || c === 'B') {
      this.i += 2;
      return { t: 'assert', kind: c };
    }
    if (c >= '1' && c <= '9') {
      const digits = /^\d+/.exec(src.slice(this.i + 1))![0];
      if (Number(digits) <= this.total) {
        this.i += 1 + digits.length;
        this.hasBackrefs = true;
        return { t: 'backref', index: Number(digits) };
      }
      // Annex B: no such group, so `\8` is "8" and `\12` an octal escape.
      return this.atom(c >= '8' ? 2 : 1 + OCTAL.exec(src.slice(this.i + 1))![0].length);
    }
    if (c === '0') return this.atom(this.unicode ? 2 : 1 + OCTAL.exec(src.slice(this.i + 1))![0].length);
    if (c === 'c') {
      if (/^[a-zA-Z]/.test(rest)) return this.atom(3);
      // Annex B: `\c` without a letter is a backslash, and the `c` is read next as itself.
      this.i += 1;
      return { t: 'atom', source: '\\\\' };
    }
    if (c === 'x') return this.atom(HEX2.test(rest) ? 4 : 2);
    if (c === 'u') {
      if (this.unicode && rest[0] === '{') return this.atom(2 + rest.indexOf('}') + 1);
      if (!HEX4.test(rest)) return this.atom(2);
      // With `u`, an escaped surrogate pair is one code point.
      const pair = this.unicode && /^[dD][89abAB]..\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(rest);
      return this.atom(pair ? 12 : 6);
    }
    if ((c === 'p' || c === 'P') && this.unicode) return this.atom(2 + rest.indexOf('}') + 1);
    if (c === 'k' && this.names.size > 0 && rest[0] === '<') {
      const name = rest.slice(1, rest.indexOf('>'));
      this.i += 3 + name.length + 1;
      this.hasBackrefs = true;
      return { t: 'backref', index: this.names.get(name)! };
    }
    if (c === 'k' && !this.unicode) return this.atom(2);
    return this.atom(2);
  }

  private atom(length: number): Node {
    let source = this.src.slice(this.i, this.i + length);
    this.i += length;
    if (length === 1 && SYNTAX_CHARS.has(source)) source = `\\${source}`;
    return { t: 'atom', source };
  }
}

export function isHighSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

export function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}
