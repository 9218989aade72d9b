/**
 * Template and expression parser for both dialects (make-format.md §7.1–7.2, iml-functions.md §1–2).
 * Precedence, loosest first: or (`||`; scenario also `or`, `|`), and (`&&`; scenario also `and`,
 * `&`), equality (`==` `=` `===` `!=` `!==` `<>`), relational, `+ -`, `* / %`, unary `! - +`, then
 * postfix member/index/call. The scenario dialect separates arguments with `;` and reads an argument
 * that is not a well-formed expression as literal text (`formatDate(1.date; YYYY-MM-DD)`; the rules
 * are in raw-text.ts). The app dialect also reads the constructs Make's approved apps use beyond the
 * documented grammar (lenient.ts lists them; each use is noted when the caller asks) and calls of the
 * app's custom functions.
 */
import { BinaryOp, Dialect, Node, TemplatePart } from './ast';
import { Lexer, Token } from './lexer';
import type { LenientConstruct, LenientUse } from './lenient';
import { LIMITS } from './limits';
import { BudgetExceeded, imlError, positionAt } from './position';
import { isFunctionName, arityOf } from './functions';
import { isKeyword } from './keywords';
import { WIDER } from './wider-functions';
import { DATE_SHAPE, scanRawText, textMisread } from './raw-text';

export interface ParseOptions {
  /** Custom function names the app dialect may call besides the built-ins. */
  functions?: ReadonlySet<string>;
  /** Filled with every use of a lenient construct (lenient.ts), when given. */
  notes?: LenientUse[];
}

const BINARY: Record<string, { prec: number; op: BinaryOp; dialect?: Dialect }> = {
  '||': { prec: 1, op: '||' },
  or: { prec: 1, op: '||', dialect: 'scenario' },
  '|': { prec: 1, op: '||', dialect: 'scenario' },
  '&&': { prec: 2, op: '&&' },
  and: { prec: 2, op: '&&', dialect: 'scenario' },
  '&': { prec: 2, op: '&&', dialect: 'scenario' },
  '==': { prec: 3, op: '==' },
  '===': { prec: 3, op: '==' },
  '=': { prec: 3, op: '==' },
  '!=': { prec: 3, op: '!=' },
  '!==': { prec: 3, op: '!=' },
  '<>': { prec: 3, op: '!=', dialect: 'scenario' },
  '<': { prec: 4, op: '<' },
  '<=': { prec: 4, op: '<=' },
  '>': { prec: 4, op: '>' },
  '>=': { prec: 4, op: '>=' },
  '+': { prec: 5, op: '+' },
  '-': { prec: 5, op: '-' },
  '*': { prec: 6, op: '*' },
  '/': { prec: 6, op: '/' },
  '%': { prec: 6, op: '%' },
};

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits a template string into literal text and parsed `{{…}}` expressions. */
export function parseTemplate(src: string, dialect: Dialect, options: ParseOptions = {}): TemplatePart[] {
  if (src.length > LIMITS.maxTemplateLength) {
    throw new BudgetExceeded(
      `Template longer than ${LIMITS.maxTemplateLength} characters`,
      src.slice(0, 200),
    );
  }
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      parts.push(src.slice(i));
      break;
    }
    if (open > i) parts.push(src.slice(i, open));
    const parser = new Parser(src, dialect, open + 2, options);
    const expr = parser.parseWhole(open);
    parts.push({ expr, start: open, end: parser.lexer.pos });
    i = parser.lexer.pos;
  }
  return parts;
}

class Parser {
  readonly lexer: Lexer;
  private tok: Token;
  private depth = 0;
  private readonly depths = new WeakMap<Node, number>();
  /** Calls with more arguments than they take, judged once the template's `}}` is reached. */
  private readonly overfull = new Set<Extract<Node, { kind: 'call' }>>();

  constructor(
    private readonly src: string,
    private readonly dialect: Dialect,
    start: number,
    private readonly options: ParseOptions = {},
  ) {
    this.lexer = new Lexer(src, dialect, start);
    this.tok = this.lexer.next();
  }

  private note(construct: LenientConstruct, message: string, pos: number): void {
    this.options.notes?.push({ construct, message, position: positionAt(this.src, pos) });
  }

  parseWhole(open: number): Node {
    if (this.tok.type === 'close') throw imlError('Empty expression {{}}', this.src, open);
    if (this.tok.type === 'eof') throw imlError("Unterminated '{{': missing '}}'", this.src, open);
    const expr = this.expression(0);
    const after = this.tok as Token;
    if (after.type !== 'close') {
      if (after.type === 'eof') throw imlError("Unterminated '{{': missing '}}'", this.src, open);
      throw this.unexpected();
    }
    for (const call of this.overfull) throw this.arityError(call);
    return expr;
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private unexpected(): Error {
    const t = this.tok;
    if (t.type === 'bad') return imlError(t.text, this.src, t.start);
    const what =
      t.type === 'eof'
        ? 'end of template'
        : t.type === 'close'
          ? "'}}'"
          : `'${this.src.slice(t.start, t.end)}'`;
    return imlError(`Unexpected ${what}`, this.src, t.start);
  }

  private isOp(text: string): boolean {
    return this.tok.type === 'op' && this.tok.text === text;
  }

  private expect(text: string): Token {
    if (!this.isOp(text)) throw this.unexpected();
    return this.advance();
  }

  private depthOf(n: Node): number {
    return this.depths.get(n) ?? 1;
  }

  private made(n: Node, ...children: (Node | null)[]): Node {
    let d = 0;
    for (const c of children) if (c) d = Math.max(d, this.depthOf(c));
    d += 1;
    if (d + this.depth > LIMITS.maxDepth) {
      throw new BudgetExceeded(
        `Expression nested deeper than ${LIMITS.maxDepth} levels`,
        this.src,
        positionAt(this.src, n.pos),
      );
    }
    this.depths.set(n, d);
    return n;
  }

  private binaryInfo(): { prec: number; op: BinaryOp } | undefined {
    const t = this.tok;
    if (t.type !== 'op' && t.type !== 'ident') return undefined;
    const info = BINARY[t.text];
    if (!info || !Object.prototype.hasOwnProperty.call(BINARY, t.text)) return undefined;
    if (t.type === 'ident' && this.dialect !== 'scenario') return undefined;
    if (info.dialect && info.dialect !== this.dialect) return undefined;
    return info;
  }

  /**
   * An expression; at the loosest level of the app dialect, text written beside another operand with
   * no operator between them (`'cha_'parameters.id`, `'ERROR: ' body.message`) is joined to it as text
   * (lenient.ts). One side of each join is a string literal: `{{a b}}` stays a mistake.
   */
  private expression(minPrec: number): Node {
    const first = this.binaryExpression(minPrec);
    if (minPrec !== 0 || this.dialect !== 'app' || !this.continuesText(first)) return first;
    const parts = [first];
    while (this.continuesText(parts[parts.length - 1]!)) {
      this.note('juxtaposition', 'text and an operand side by side, joined as text', this.tok.start);
      parts.push(this.binaryExpression(0));
    }
    return this.made({ kind: 'concat', parts, pos: first.pos }, ...parts);
  }

  /** The next token starts an operand joined to `previous` as text: one of the two is a string literal. */
  private continuesText(previous: Node): boolean {
    const t = this.tok.type;
    if (t === 'str') return true;
    const previousIsText = previous.kind === 'literal' && typeof previous.value === 'string';
    return previousIsText && (t === 'num' || t === 'quoted' || t === 'ident');
  }

  private binaryExpression(minPrec: number): Node {
    if (++this.depth > LIMITS.maxDepth) {
      throw new BudgetExceeded(
        `Expression nested deeper than ${LIMITS.maxDepth} levels`,
        this.src,
        positionAt(this.src, this.tok.start),
      );
    }
    let left = this.unary();
    for (;;) {
      const info = this.binaryInfo();
      if (!info || info.prec <= minPrec) break;
      const opTok = this.advance();
      const right = this.expression(info.prec);
      left = this.made({ kind: 'binary', op: info.op, left, right, pos: opTok.start }, left, right);
    }
    this.depth--;
    return left;
  }

  private unary(): Node {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const t = this.advance();
      if (++this.depth > LIMITS.maxDepth) {
        throw new BudgetExceeded(
          `Expression nested deeper than ${LIMITS.maxDepth} levels`,
          this.src,
          positionAt(this.src, t.start),
        );
      }
      const operand = this.unary();
      this.depth--;
      if (t.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
        return this.made({ kind: 'literal', value: -operand.value, pos: t.start }, operand);
      }
      return this.made({ kind: 'unary', op: t.text as '!' | '-' | '+', operand, pos: t.start }, operand);
    }
    return this.postfix(this.primary());
  }

  private primary(): Node {
    const t = this.tok;
    switch (t.type) {
      case 'num':
        this.advance();
        // Scenario `{{1.email}}`: a whole number followed by `.name` is a module id.
        if (
          this.dialect === 'scenario' &&
          this.isOp('.') &&
          Number.isInteger(t.num) &&
          /^\d+$/.test(t.text)
        ) {
          return { kind: 'ident', name: t.text, pos: t.start };
        }
        return { kind: 'literal', value: t.num, pos: t.start };
      case 'str':
        this.advance();
        return { kind: 'literal', value: t.text, pos: t.start };
      case 'quoted':
        this.advance();
        this.checkName(t.text, t.start);
        return { kind: 'ident', name: t.text, pos: t.start };
      case 'ident':
        return this.name();
      case 'op':
        if (t.text === '(') {
          this.advance();
          const inner = this.expression(0);
          this.expect(')');
          return inner;
        }
        throw this.unexpected();
      default:
        throw this.unexpected();
    }
  }

  private name(): Node {
    const t = this.advance();
    const name = t.text;
    if (this.isOp('(')) return this.call(name, t.start);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', pos: t.start };
    if (name === 'null') return { kind: 'literal', value: null, pos: t.start };
    if (name === 'undefined' && this.dialect === 'app')
      return { kind: 'literal', value: undefined, pos: t.start };
    if (isKeyword(name, this.dialect)) return { kind: 'keyword', name, pos: t.start };
    if (this.dialect === 'scenario') return { kind: 'text', text: name, pos: t.start };
    this.checkName(name, t.start);
    return { kind: 'ident', name, pos: t.start };
  }

  private checkName(name: string, pos: number): void {
    if (FORBIDDEN.has(name)) throw imlError(`Access to '${name}' is not allowed`, this.src, pos);
  }

  private call(name: string, pos: number): Node {
    const custom =
      !isFunctionName(name) && this.dialect === 'app' && this.options.functions?.has(name) === true;
    if (!isFunctionName(name) && !custom) throw imlError(`Unknown function '${name}'`, this.src, pos);
    this.expect('(');
    const args: Node[] = [];
    const app = this.dialect === 'app';
    const sep = app ? ',' : ';';
    let closed = true;
    if (!this.isOp(')')) {
      for (;;) {
        args.push(app ? this.expression(0) : this.scenarioArgument());
        if (this.isOp(sep) || (app && this.isOp(';'))) {
          if (app && this.isOp(';')) this.note('semicolon', "';' between arguments", this.tok.start);
          this.advance();
          if (app && this.isOp(')')) {
            this.note('trailing-separator', "a separator before ')'", this.tok.start);
            break;
          }
          continue;
        }
        if (this.isOp(')')) break;
        if (app && this.tok.type === 'close') {
          this.note('unclosed-call', `'${name}(' closed at '}}'`, pos);
          closed = false;
          break;
        }
        throw this.unexpected();
      }
    }
    if (closed) this.advance();
    const node: Extract<Node, { kind: 'call' }> = custom
      ? { kind: 'call', name, args, pos, custom: true }
      : { kind: 'call', name, args, pos };
    if (!closed) this.takeSurplus(node);
    const [min, max] = this.arityOf(node);
    if (args.length > max && app && closed) this.overfull.add(node);
    else if (args.length < min || args.length > max) throw this.arityError(node);
    else if (!custom && args.length > arityOf(name)[1])
      this.note('extra-argument', `'${name}' with ${args.length} arguments`, pos);
    return this.made(node, ...args);
  }

  /**
   * A call left open at `}}` whose last argument is a call holding more arguments than it takes: the
   * `)` was dropped after that inner call's own arguments, so the surplus belongs to the open call
   * (`if(c, first(list), 'else')` written `if(c, first(list), 'else')` without its last `)`).
   */
  private takeSurplus(open: Extract<Node, { kind: 'call' }>): void {
    const last = open.args[open.args.length - 1];
    if (last?.kind !== 'call' || !this.overfull.has(last)) return;
    this.overfull.delete(last);
    open.args.push(...last.args.splice(this.arityOf(last)[1]));
  }

  /** [min, max] arguments: custom functions take any; a wider signature (lenient.ts) counts. */
  private arityOf(call: Extract<Node, { kind: 'call' }>): [number, number] {
    if (call.custom) return [0, Infinity];
    const wider = WIDER[call.name];
    return wider ? [wider.min, wider.max] : arityOf(call.name);
  }

  private arityError(call: Extract<Node, { kind: 'call' }>): Error {
    const [min, max] = this.arityOf(call);
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    return imlError(
      `Function '${call.name}' takes ${want} argument(s), got ${call.args.length}`,
      this.src,
      call.pos,
    );
  }

  /** One `;`-separated argument: an expression, or else the raw text up to the next `;` or `)`. */
  private scenarioArgument(): Node {
    const saved = { pos: this.lexer.pos, tok: this.tok, depth: this.depth };
    if (this.isOp(';') || this.isOp(')')) return { kind: 'literal', value: undefined, pos: this.tok.start };
    if (
      this.tok.type === 'num' &&
      DATE_SHAPE.test(this.src.slice(this.tok.start, scanRawText(this.src, this.tok.start)).trim())
    ) {
      return this.rawText(saved);
    }
    try {
      const expr = this.expression(0);
      if ((this.isOp(';') || this.isOp(')')) && !textMisread(expr)) return expr;
    } catch (err) {
      if (err instanceof BudgetExceeded) throw err;
    }
    return this.rawText(saved);
  }

  private rawText(saved: { pos: number; tok: Token; depth: number }): Node {
    this.lexer.pos = saved.pos;
    this.tok = saved.tok;
    this.depth = saved.depth;
    const start = saved.tok.start;
    const end = scanRawText(this.src, start);
    const text = this.src.slice(start, end).trim();
    this.lexer.pos = end;
    this.tok = this.lexer.next();
    return { kind: 'literal', value: text, pos: start };
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp('.')) {
        this.advance();
        const t = this.tok;
        let name: string;
        if (t.type === 'ident' || t.type === 'quoted') name = t.text;
        else if (t.type === 'num' && /^\d+$/.test(t.text)) name = t.text;
        else throw this.unexpected();
        this.checkName(name, t.start);
        this.advance();
        node = this.made({ kind: 'member', object: node, name, pos: t.start }, node);
      } else if (this.isOp('[')) {
        const open = this.advance();
        if (this.isOp(']')) {
          this.advance();
          node = this.made({ kind: 'index', object: node, index: null, pos: open.start }, node);
          continue;
        }
        const idx = this.expression(0);
        this.expect(']');
        if (idx.kind === 'literal' && typeof idx.value === 'string') this.checkName(idx.value, idx.pos);
        node = this.made({ kind: 'index', object: node, index: idx, pos: open.start }, node, idx);
      } else {
        return node;
      }
    }
  }
}
