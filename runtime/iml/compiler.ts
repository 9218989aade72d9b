/**
 * Compiles validated ASTs to one JavaScript function per template value (template.ts emits the
 * statements of object and array trees through this generator). The generated source is assembled
 * only from fixed fragments of this file, helper names and numeric slots: every name, key, string
 * and number of the template reaches the code as an entry of the constants array `k`, never as
 * source text. The generated function sees only its parameters (constants, built-ins, helpers), so
 * the template has no path to JS globals. Why generate rather than nest closures: V8 inlines the
 * helpers and the built-in calls of one template, which closures shared by all templates prevent;
 * built-ins are called with positional arguments for the same reason (bench/README.md).
 */
import { Dialect, Node, TemplatePart } from './ast';
import type { Flavor } from './template';
import { Env, RunOptions } from './env';
import { lookupFunction } from './functions';
import { keywordFn } from './keywords';
import { HELPERS, HelperName, rethrowAt } from './helpers';
import { FORBIDDEN_KEYS } from './values';
import { FAST_PATHS } from './fast-paths';
import { wrapUnexpected } from './position';
import { WIDER } from './wider-functions';

/**
 * A compiled template: one generated function per template value (a string, or a whole object or
 * array tree), called with the context and the run options. It makes the evaluation's Env only when
 * a date function or a keyword needs it.
 */
export type Fn = (ctx: unknown, run?: RunOptions) => unknown;

/** The Env, made on first use. */
const ENV = '(env || (env = NE(run)))';

const HELPER_NAMES = Object.keys(HELPERS) as HelperName[];
const ARITH: Record<string, HelperName> = {
  '-': 'SUB',
  '*': 'MUL',
  '/': 'DIV',
  '%': 'MOD',
  '<': 'LT',
  '<=': 'LTE',
  '>': 'GT',
  '>=': 'GTE',
};

/** Operators whose result is always a boolean. */
const BOOLEAN_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Most context paths one generated function reads up front; further paths are read in place. */
const MAX_HOISTED_PATHS = 256;

/** A key for a path of names and static indexes from the context root; undefined for anything else. */
function pathKey(n: Node): string | undefined {
  if (n.kind === 'ident') return JSON.stringify(n.name);
  if (n.kind !== 'member' && n.kind !== 'index') return undefined;
  const of = pathKey(n.object);
  if (of === undefined) return undefined;
  if (n.kind === 'member') return `${of}.${JSON.stringify(n.name)}`;
  const i = n.index;
  if (i === null) return `${of}[]`;
  return i.kind === 'literal' && typeof i.value === 'number' && Number.isInteger(i.value)
    ? `${of}[${i.value}]`
    : undefined;
}

/** Where a failure is reported: the template string, the offset in it, what was running. */
interface ErrorSite {
  src: string;
  pos: number;
  name: string;
}

export class Generator {
  private readonly consts: unknown[] = [];
  private readonly fns: unknown[] = [];
  private readonly sites: ErrorSite[] = [];
  private readonly statements: string[] = [];
  /** Context paths read once at the start (see `hoisted`), by path, and the reads in order. */
  private readonly paths = new Map<string, string>();
  private readonly prelude: string[] = [];
  /** Temporaries in use by the template string being compiled, and the most any string used. */
  private temps = 0;
  private maxTemps = 0;
  /** Deepest object or array local (`o0` … `oN`). */
  private maxDepth = -1;
  /** The template string being compiled (error sites point into it). */
  private src = '';

  readonly dialect: Dialect;

  /** `root`: the whole template value, named by failures that happen outside any template string. */
  constructor(
    readonly flavor: Flavor,
    private readonly root: unknown,
  ) {
    this.dialect = flavor.dialect;
  }

  /** A constant as code: literal keywords inline, anything else through the constants array. */
  constant(v: unknown): string {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    return this.k(v);
  }

  private k(v: unknown): string {
    return `k[${this.consts.push(v) - 1}]`;
  }

  private fn(f: unknown): string {
    return `f${this.fns.push(f) - 1}`;
  }

  /** Registers a position; `(s = N, …)` in the code marks it current before a call that may throw. */
  private at(pos: number, name: string): number {
    return this.sites.push({ src: this.src, pos, name }) - 1;
  }

  private temp(): string {
    if (this.temps === this.maxTemps) this.maxTemps++;
    return `t${this.temps++}`;
  }

  /**
   * The local an object or array at `depth` of a tree is built into. Only the ancestors of the value
   * being built are live, so siblings share their depth's local: the function's frame stays as small
   * for a tree of thousands of values as for one.
   */
  local(depth: number): string {
    this.maxDepth = Math.max(this.maxDepth, depth);
    return `o${depth}`;
  }

  /** Appends a statement to the function body; statements run in order before the result. */
  statement(code: string): void {
    this.statements.push(code);
  }

  /** A static key or other text as a constant slot (never as source text). */
  text(s: string): string {
    return this.k(s);
  }

  expr(n: Node): string {
    switch (n.kind) {
      case 'literal':
        return this.constant(n.value);
      case 'text':
        return this.k(n.text);
      case 'keyword':
        return `${this.fn(keywordFn(n.name, this.dialect))}(${ENV})`;
      case 'ident':
      case 'member':
      case 'index': {
        const key = pathKey(n);
        if (key !== undefined && (this.paths.has(key) || this.paths.size < MAX_HOISTED_PATHS))
          return this.hoisted(n, key);
        return this.access(n);
      }
      case 'unary': {
        const x = this.expr(n.operand);
        return n.op === '!' ? `!${this.truthy(x, n.operand)}` : n.op === '-' ? `-N(${x})` : `N(${x})`;
      }
      case 'binary':
        return this.binary(n);
      case 'call':
        return this.call(n);
      case 'concat':
        return this.concat(n);
    }
  }

  /** Operands side by side (app dialect, lenient.ts): their text joined, like mixed template text. */
  private concat(n: Extract<Node, { kind: 'concat' }>): string {
    const here = this.at(n.pos, 'text');
    const t = this.temp();
    const pieces = n.parts.map((p) => `TX(${this.expr(p)})`).join(' + ');
    return `(${t} = '' + ${pieces}, s = ${here}, L(${t}))`;
  }

  /** Access of a name or an index, as code reading its object's code. */
  private access(n: Extract<Node, { kind: 'ident' | 'member' | 'index' }>): string {
    if (n.kind === 'ident') return this.member('c', n.name);
    if (n.kind === 'member') return this.member(this.expr(n.object), n.name);
    const obj = this.expr(n.object);
    if (n.index === null) return `I(${obj})`;
    const i = n.index;
    if (i.kind === 'literal' && typeof i.value === 'number' && Number.isInteger(i.value) && i.value !== 0)
      return this.element(obj, i.value);
    return `X(${obj}, ${this.expr(i)})`;
  }

  /**
   * A path of the context (`parameters.name`, `body.entries[2]`), read once at the start of the
   * function into a local that every use shares: reading data has no effects and cannot fail, and
   * the context does not change during an evaluation, so the values of a request object that all
   * start with `parameters.` walk the shared prefix once. Paths in a branch not taken are read too.
   */
  private hoisted(n: Extract<Node, { kind: 'ident' | 'member' | 'index' }>, key: string): string {
    let local = this.paths.get(key);
    if (local === undefined) {
      const code = this.access(n);
      local = `p${this.paths.size}`;
      this.paths.set(key, local);
      this.prelude.push(`${local} = ${code};`);
    }
    return local;
  }

  /**
   * Static-name access, inlined so each site gets its own inline cache. Equivalent to an own-property
   * read on plain data: arrays and binary data have no names, functions (every inherited member of a
   * plain object) read as undefined, and the parser has already refused __proto__/constructor/prototype.
   */
  private member(obj: string, name: string): string {
    const t = this.temp();
    return (
      `(typeof (${t} = ${obj}) === 'object' && ${t} !== null && !IA(${t}) && !IV(${t}) && ` +
      `typeof (${t} = ${t}[${this.k(name)}]) !== 'function' ? ${t} : undefined)`
    );
  }

  /** Static 1-based (or negative) index, inlined for arrays; objects take the number as a key. */
  private element(obj: string, n: number): string {
    const t = this.temp();
    const slot = n > 0 ? this.k(n - 1) : `${t}.length - ${this.k(-n)}`;
    return (
      `(IA(${t} = ${obj}) ? (typeof (${t} = ${t}[${slot}]) !== 'function' ? ${t} : undefined) : ` +
      `E(${t}, ${this.k(n)}, ${this.k(String(n))}))`
    );
  }

  /** `get(x, 'a.b[2]')` with a literal path compiles to the accessors the path names. */
  private literalGet(target: Node, path: unknown): string | undefined {
    if (typeof path === 'number')
      return Number.isInteger(path) && path !== 0 ? this.element(this.expr(target), path) : 'undefined';
    if (typeof path !== 'string' || path === '' || !/^[^.[\]]+(\.[^.[\]]+)*$/.test(path)) return undefined;
    let code = this.expr(target);
    for (const seg of path.split('.')) {
      if (FORBIDDEN_KEYS.has(seg)) return 'undefined';
      // A numeric segment indexes an array (1-based) or names a key of an object.
      code =
        /^-?\d+$/.test(seg) && Number(seg) !== 0 ? this.element(code, Number(seg)) : this.member(code, seg);
    }
    return code;
  }

  private binary(n: Extract<Node, { kind: 'binary' }>): string {
    const a = this.expr(n.left);
    const b = this.expr(n.right);
    switch (n.op) {
      case '&&': {
        const t = this.temp();
        return `(${this.truthy(`${t} = ${a}`, n.left)} ? ${b} : ${t})`;
      }
      case '||': {
        const t = this.temp();
        return `(${this.truthy(`${t} = ${a}`, n.left)} ? ${t} : ${b})`;
      }
      case '==':
        return this.equal(a, b);
      case '!=':
        return `!${this.equal(a, b)}`;
      case '+':
        return `ADD(${a}, ${b}, (s = ${this.at(n.pos, '+')}))`;
      default:
        return `${ARITH[n.op]}(${a}, ${b})`;
    }
  }

  /** `==`: identical values are equal in both dialects, so only other pairs call the helper. */
  private equal(a: string, b: string): string {
    const [x, y] = [this.temp(), this.temp()];
    return `((${x} = ${a}) === (${y} = ${b}) || ${this.dialect === 'scenario' ? 'LE' : 'SE'}(${x}, ${y}))`;
  }

  /** Truthiness with the boolean case inline (the usual condition). */
  private truthy(code: string, node: Node): string {
    // Comparisons and `!` always give a boolean: their value is the condition itself.
    if ((node.kind === 'binary' && BOOLEAN_OPS.has(node.op)) || (node.kind === 'unary' && node.op === '!'))
      return code;
    const t = this.temp();
    return `(typeof (${t} = ${code}) === 'boolean' ? ${t} : T(${t}))`;
  }

  private call(n: Extract<Node, { kind: 'call' }>): string {
    // Scenario dialect: an argument ending in `[]` is the whole array, as Make writes
    // `map(Emails[]; email)` and `sort(Contacts[]; name)` (decisions.md).
    const argNodes = n.args.map((a) =>
      this.dialect === 'scenario' && a.kind === 'index' && a.index === null ? a.object : a,
    );
    // if / ifempty / switch evaluate only what they need: inlined as conditionals.
    if (n.name === 'if') {
      const [c, y, no] = argNodes.map((a) => this.expr(a));
      return `(${this.truthy(c, argNodes[0])} ? ${y} : ${no ?? 'undefined'})`;
    }
    if (n.name === 'ifempty') {
      const t = this.temp();
      return `(EM(${t} = ${this.expr(argNodes[0])}) ? ${this.expr(argNodes[1])} : ${t})`;
    }
    if (n.name === 'switch') {
      const t = this.temp();
      let code = '';
      let i = 1;
      for (; i + 1 < argNodes.length; i += 2)
        code += `${this.equal(t, this.expr(argNodes[i]))} ? ${this.expr(argNodes[i + 1])} : `;
      code += i < argNodes.length ? this.expr(argNodes[i]) : 'undefined';
      return `(${t} = ${this.expr(argNodes[0])}, ${code})`;
    }
    if (n.name === 'get' && argNodes[1].kind === 'literal') {
      const code = this.literalGet(argNodes[0], argNodes[1].value);
      if (code !== undefined) return code;
    }
    if (n.custom) return this.customCall(n, argNodes);
    const builtin = lookupFunction(n.name);
    // More arguments than documented: the wider signature the parser accepted (lenient.ts).
    const spec = argNodes.length > builtin.max && WIDER[n.name] ? WIDER[n.name] : builtin;
    if (spec.lazy) throw new Error(`lazy built-in ${n.name} has no inline form`);
    // Arguments into temporaries first, in order (an argument's own calls mark their positions),
    // then this call's position, then a direct positional call of the function itself.
    const ts = argNodes.map(() => this.temp());
    const assigns = argNodes.map((a, i) => `${ts[i]} = ${this.expr(a)}, `).join('');
    const f = this.fn(spec.call);
    let invoke = `${f}(${(spec.usesEnv ? [ENV, ...ts] : ts).join(', ')})`;
    // "Empty in, empty out", checked inline; the result is charged either way.
    if (spec.passesEmpty && ts.length > 0)
      invoke = `(${ts[0]} === null || ${ts[0]} === undefined ? ${ts[0]} : ${invoke})`;
    const fast = FAST_PATHS[n.name];
    if (fast) {
      const { guard, code } = fast(ts);
      invoke = `(${guard} ? ${code} : ${invoke})`;
    }
    return this.charged(`(${assigns}s = ${this.at(n.pos, n.name)}, ${invoke})`);
  }

  /** One of the app's custom functions, through the run options (helpers.ts `CF`); charged like a built-in. */
  private customCall(n: Extract<Node, { kind: 'call' }>, argNodes: Node[]): string {
    const ts = argNodes.map(() => this.temp());
    const assigns = argNodes.map((a, i) => `${ts[i]} = ${this.expr(a)}, `).join('');
    return this.charged(
      `(${assigns}s = ${this.at(n.pos, n.name)}, CF(run, ${this.k(n.name)}, [${ts.join(', ')}]))`,
    );
  }

  /**
   * A built-in's result, charged to the evaluation's step budget: a counter local to the generated
   * function (one evaluation = one call of it), so charging needs no Env. A() enforces the size
   * limits and returns the units: 1, plus the length of an array or a sixteenth of a text.
   */
  private charged(code: string): string {
    const t = this.temp();
    // `st = A(…) + st`, not `st += A(…)`: the right side's nested calls update `st` first, and `+=`
    // would read `st` before them and overwrite their charges.
    return `((st = A(${t} = ${code}) + st) > LIM.maxSteps ? OVER() : ${t})`;
  }

  /**
   * A template string: one expression (its raw value) or text and expressions (a string). Mixed text
   * marks the string itself as the error position, so a failure outside any call (text of a cyclic
   * value, the size limit) names this template.
   */
  templateString(src: string, parts: TemplatePart[]): string {
    this.src = src;
    // A template string's temporaries are dead once its value is stored: the next string reuses them.
    this.temps = 0;
    // Only calls and `+` can fail in a single expression, and each marks its own position.
    if (parts.length === 1 && typeof parts[0] !== 'string') return this.expr(parts[0].expr);
    const here = this.at(0, 'template');
    const pieces = parts.map((p) => (typeof p === 'string' ? this.k(p) : `TX(${this.expr(p.expr)})`));
    const t = this.temp();
    return `(s = ${here}, ${t} = '' + ${pieces.join(' + ')}, s = ${here}, L(${t}))`;
  }

  /** The generated function: the statements in order, then `result`. */
  finish(result: string): Fn {
    const decl = (prefix: string, n: number) =>
      Array.from({ length: n }, (_x, i) => `, ${prefix}${i}`).join('');
    const fnDecls = this.fns.map((_f, i) => `const f${i} = F[${i}];`).join(' ');
    const src =
      `"use strict"; const { ${HELPER_NAMES.join(', ')} } = H; ${fnDecls}\n` +
      `return function iml(c, run) { let s = -1, st = 0, env, v${decl('t', this.maxTemps)}` +
      `${decl('o', this.maxDepth + 1)}${decl('p', this.paths.size)};\n` +
      `try {\n${[...this.prelude, ...this.statements].join('\n')}\nreturn ${result}; } catch (e) { return fail(e, s); } };`;
    const sites = this.sites;
    const root = this.root;
    const fail = (e: unknown, s: number): never => {
      if (s < 0) throw wrapUnexpected(e, root);
      rethrowAt(e, sites[s].src, sites[s].pos, sites[s].name);
    };
    const NE = (run: RunOptions | undefined) => new Env(run);
    // The source is built from fixed fragments only (see the file comment).
    const factory = new Function('k', 'F', 'H', 'fail', 'NE', src) as (
      k: unknown[],
      F: unknown[],
      H: typeof HELPERS,
      fail: (e: unknown, s: number) => never,
      NE: (run: RunOptions | undefined) => Env,
    ) => Fn;
    return factory(this.consts, this.fns, HELPERS, fail, NE);
  }
}
