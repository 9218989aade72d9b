/**
 * Compiles a validated AST to a JavaScript function. The generated source is assembled only from
 * fixed fragments of this file, helper names and numeric slots: every name, string and number of
 * the template reaches the code as an entry of the constants array `k`, never as source text. The
 * generated function sees only its parameters (constants, built-ins, helpers), so the template has
 * no path to JS globals. Why generate rather than nest closures: V8 inlines the helpers and the
 * built-in calls of one template, which closures shared by all templates prevent (bench/README.md).
 */
import { Node, TemplatePart } from './ast';
import { Env, RunOptions } from './env';
import { lookupFunction } from './functions';
import { keywordFn } from './keywords';
import { HELPERS, HelperName, rethrowAt, Site } from './helpers';
import { FORBIDDEN_KEYS } from './values';

/**
 * A compiled template: the context, the run options, and the evaluation's Env when a parent value
 * (object, array) already made one. A template that calls no function never allocates an Env.
 */
export type Fn = (ctx: unknown, run: RunOptions | undefined, env: Env | undefined) => unknown;

/** A compiled template string as the public API calls it: context and run options, no Env. */
export type Entry = (ctx: unknown, run?: RunOptions) => unknown;
const ENTRIES = new WeakMap<Fn, Entry>();

/** The per-template public entry of a generated function (compileTemplate, compileStaticRecord). */
export function entryOf(fn: Fn): Entry | undefined {
  return ENTRIES.get(fn);
}

export function setEntry(fn: Fn, entry: Entry): void {
  ENTRIES.set(fn, entry);
}

/** The Env, made on first use. */
const ENV = '(env || (env = NE(c, run)))';
export type { Site } from './helpers';

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

class Generator {
  private readonly consts: unknown[] = [];
  private readonly fns: unknown[] = [];
  private readonly sites: number[] = [];
  private readonly siteNames: string[] = [];
  private temps = 0;

  constructor(private readonly site: Site) {}

  private k(v: unknown): string {
    return `k[${this.consts.push(v) - 1}]`;
  }

  private fn(f: unknown): string {
    return `f${this.fns.push(f) - 1}`;
  }

  /** Registers a position; `(s = N, …)` in the code marks it current before a call that may throw. */
  private at(pos: number, name: string): number {
    this.siteNames.push(name);
    return this.sites.push(pos) - 1;
  }

  private temp(): string {
    return `t${this.temps++}`;
  }

  expr(n: Node): string {
    switch (n.kind) {
      case 'literal':
        if (n.value === undefined) return 'undefined';
        if (n.value === null) return 'null';
        if (n.value === true) return 'true';
        if (n.value === false) return 'false';
        return this.k(n.value);
      case 'text':
        return this.k(n.text);
      case 'keyword':
        return `${this.fn(keywordFn(n.name, this.site.dialect))}(${ENV})`;
      case 'ident':
        return this.member('c', n.name);
      case 'member':
        return this.member(this.expr(n.object), n.name);
      case 'index': {
        const obj = this.expr(n.object);
        if (n.index === null) return `I(${obj})`;
        const i = n.index;
        if (
          i.kind === 'literal' &&
          typeof i.value === 'number' &&
          Number.isInteger(i.value) &&
          i.value !== 0
        ) {
          return this.element(obj, i.value);
        }
        return `X(${obj}, ${this.expr(i)})`;
      }
      case 'unary': {
        const x = this.expr(n.operand);
        return n.op === '!' ? `!${this.truthy(x)}` : n.op === '-' ? `-N(${x})` : `N(${x})`;
      }
      case 'binary':
        return this.binary(n);
      case 'call':
        return this.call(n);
    }
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
        return `(${this.truthy(`${t} = ${a}`)} ? ${b} : ${t})`;
      }
      case '||': {
        const t = this.temp();
        return `(${this.truthy(`${t} = ${a}`)} ? ${t} : ${b})`;
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
    return `((${x} = ${a}) === (${y} = ${b}) || ${this.site.dialect === 'scenario' ? 'LE' : 'SE'}(${x}, ${y}))`;
  }

  /** Truthiness with the boolean case inline (the usual condition). */
  private truthy(code: string): string {
    const t = this.temp();
    return `(typeof (${t} = ${code}) === 'boolean' ? ${t} : T(${t}))`;
  }

  private call(n: Extract<Node, { kind: 'call' }>): string {
    // Scenario dialect: an argument ending in `[]` is the whole array, as Make writes
    // `map(Emails[]; email)` and `sort(Contacts[]; name)` (decisions.md).
    const argNodes = n.args.map((a) =>
      this.site.dialect === 'scenario' && a.kind === 'index' && a.index === null ? a.object : a,
    );
    // if / ifempty / switch evaluate only what they need: inlined as conditionals.
    if (n.name === 'if') {
      const [c, y, no] = argNodes.map((a) => this.expr(a));
      return `(${this.truthy(c)} ? ${y} : ${no ?? 'undefined'})`;
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
    const spec = lookupFunction(n.name);
    if (spec.lazy) throw new Error(`lazy built-in ${n.name} has no inline form`);
    if (spec.whenPresent && argNodes.length > 0) {
      // "Empty in, empty out" checked inline, then a direct call of the function itself: every
      // argument is still evaluated first, in order, and the result is charged either way.
      const ts = argNodes.map(() => this.temp());
      const assigns = argNodes.map((a, i) => `${ts[i]} = ${this.expr(a)}`).join(', ');
      const f = this.fn(spec.whenPresent);
      const t = ts[0];
      return (
        `A((${assigns}, s = ${this.at(n.pos, n.name)}, ${ENV}, ` +
        `${t} === null || ${t} === undefined ? ${t} : ${f}([${ts.join(', ')}], env)), env)`
      );
    }
    const f = this.fn(spec.fn);
    const args = argNodes.map((a) => this.expr(a)).join(', ');
    return `A(${f}([${args}], (s = ${this.at(n.pos, n.name)}, ${ENV})), env)`;
  }

  /** A whole template string: one expression (raw value) or text and expressions (a string). */
  template(parts: TemplatePart[]): string {
    if (parts.length === 1 && typeof parts[0] !== 'string') return this.expr(parts[0].expr);
    const pieces = parts.map((p) => (typeof p === 'string' ? this.k(p) : `TX(${this.expr(p.expr)})`));
    return `L('' + ${pieces.join(' + ')}, (s = -1))`;
  }

  finish(body: string): Fn {
    const temps = Array.from({ length: this.temps }, (_x, i) => `, t${i}`).join('');
    const fnDecls = this.fns.map((_f, i) => `const f${i} = F[${i}];`).join(' ');
    const src =
      `"use strict"; const { ${HELPER_NAMES.join(', ')} } = H; ${fnDecls}\n` +
      `const iml = function iml(c, run, env) { let s = -1${temps};\n` +
      `try { return ${body}; } catch (e) { return fail(e, s); } };\n` +
      // The public entry, generated per template so its call of `iml` stays monomorphic (inlined).
      `return [iml, function imlEntry(c, run) { return iml(c, run, undefined); }];`;
    const sites = this.sites;
    const site = this.site;
    const names = this.siteNames;
    const fail = (e: unknown, s: number): never =>
      rethrowAt(e, site, s >= 0 ? sites[s] : 0, s >= 0 ? names[s] : 'template');
    // The source is built from fixed fragments only (see the file comment).
    const dialect = this.site.dialect;
    const NE = (c: unknown, run: RunOptions | undefined) => new Env(c, dialect, run);
    const factory = new Function('k', 'F', 'H', 'fail', 'NE', src) as (
      k: unknown[],
      F: unknown[],
      H: typeof HELPERS,
      fail: (e: unknown, s: number) => never,
      NE: (c: unknown, run: RunOptions | undefined) => Env,
    ) => [Fn, Entry];
    const [iml, entry] = factory(this.consts, this.fns, HELPERS, fail, NE);
    ENTRIES.set(iml, entry);
    return iml;
  }
}

export function compileTemplate(parts: TemplatePart[], site: Site): Fn {
  const g = new Generator(site);
  return g.finish(g.template(parts));
}
