/**
 * On-demand tokenizer over the whole template string (positions are absolute offsets), so the
 * parser can rewind — the scenario dialect re-reads an argument as literal text when it is not an
 * expression.
 */
import { Dialect } from './ast';

/**
 * `bad` carries a lexical error message instead of throwing, so a look-ahead past a scenario
 * argument that is literal text (`# Header`, `it's`) does not fail before the parser can fall back.
 */
export type TokenType = 'num' | 'str' | 'ident' | 'quoted' | 'op' | 'close' | 'eof' | 'bad';

export interface Token {
  type: TokenType;
  /** Operator text, identifier name, string contents; numbers carry `num`. */
  text: string;
  num: number;
  start: number;
  end: number;
}

const OPERATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<>',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  ';',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '<',
  '>',
  '=',
  '&',
  '|',
];

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

export class Lexer {
  pos: number;
  constructor(
    readonly src: string,
    readonly dialect: Dialect,
    start: number,
  ) {
    this.pos = start;
  }

  next(): Token {
    const s = this.src;
    let p = this.pos;
    while (p < s.length && /\s/.test(s[p])) p++;
    const start = p;
    if (p >= s.length) {
      this.pos = p;
      return { type: 'eof', text: '', num: 0, start, end: p };
    }
    const c = s.charCodeAt(p);
    if (c === 125 /* } */) {
      if (s.charCodeAt(p + 1) === 125) {
        this.pos = p + 2;
        return { type: 'close', text: '}}', num: 0, start, end: p + 2 };
      }
      return this.bad("Unexpected '}'", p, p + 1);
    }
    if (isDigit(c)) return this.number(p);
    if (isIdentStart(c)) {
      let e = p + 1;
      while (e < s.length && isIdentPart(s.charCodeAt(e))) e++;
      this.pos = e;
      return { type: 'ident', text: s.slice(p, e), num: 0, start, end: e };
    }
    if (c === 96 /* ` */) {
      const e = s.indexOf('`', p + 1);
      if (e < 0) return this.bad('Unterminated backtick name', p, s.length);
      this.pos = e + 1;
      return { type: 'quoted', text: s.slice(p + 1, e), num: 0, start, end: e + 1 };
    }
    if (c === 39 || c === 34) return this.string(p);
    for (const op of OPERATORS) {
      if (s.startsWith(op, p)) {
        this.pos = p + op.length;
        return { type: 'op', text: op, num: 0, start, end: this.pos };
      }
    }
    return this.bad(`Unexpected character '${s[p]}'`, p, p + 1);
  }

  private bad(message: string, start: number, end: number): Token {
    this.pos = end;
    return { type: 'bad', text: message, num: 0, start, end };
  }

  private number(p: number): Token {
    const s = this.src;
    let e = p;
    while (e < s.length && isDigit(s.charCodeAt(e))) e++;
    // A fraction only when a digit follows the dot: `1.email` is module 1's `email`.
    if (s[e] === '.' && isDigit(s.charCodeAt(e + 1))) {
      e++;
      while (e < s.length && isDigit(s.charCodeAt(e))) e++;
    }
    if ((s[e] === 'e' || s[e] === 'E') && /^[eE][+-]?\d/.test(s.slice(e, e + 3))) {
      e += s[e + 1] === '+' || s[e + 1] === '-' ? 2 : 1;
      while (e < s.length && isDigit(s.charCodeAt(e))) e++;
    }
    this.pos = e;
    const text = s.slice(p, e);
    return { type: 'num', text, num: Number(text), start: p, end: e };
  }

  private string(p: number): Token {
    const s = this.src;
    const quote = s[p];
    let out = '';
    let i = p + 1;
    while (i < s.length) {
      const ch = s[i];
      if (ch === quote) {
        this.pos = i + 1;
        return { type: 'str', text: out, num: 0, start: p, end: i + 1 };
      }
      if (ch === '\\' && i + 1 < s.length) {
        const nx = s[i + 1];
        if (nx === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        // Unknown escapes keep their backslash, so regular expressions read naturally: '/\d+/g'.
        out += ESCAPES[nx] ?? ('\'"`/'.includes(nx) ? nx : '\\' + nx);
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
    return this.bad('Unterminated string', p, s.length);
  }
}
