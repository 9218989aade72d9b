/**
 * Compiles a validated AST into closures. Nothing of the template text is ever turned into code;
 * each node becomes a small function of the evaluation Env. Static property paths are fused into one
 * closure, the hot case of definitions (`parameters.customer_uuid`).
 */
import { ImlError } from '../errors';
import { Dialect, Node } from './ast';
import { Env } from './env';
import { lookupFunction, Thunk } from './functions';
import { keywordFn } from './keywords';
import { LIMITS } from './limits';
import { EvalFailure, imlError } from './position';
import { compare, element, index, looseEqual, ownProp, plus, strictEqual, toNumber, truthy } from './values';

export type Fn = (env: Env) => unknown;

interface Site {
  src: string;
  dialect: Dialect;
}

/** Turns anything thrown below a node into an ImlError at that node's position. */
export function rethrowAt(err: unknown, site: Site, pos: number, what: string): never {
  if (err instanceof ImlError) throw err;
  const message = err instanceof EvalFailure ? err.message : `${what}: ${err instanceof Error ? err.message : String(err)}`;
  throw imlError(message, site.src, pos);
}

/** Charges a produced value's size to the budget and enforces the size limits. */
function account(env: Env, v: unknown): void {
  if (typeof v === 'string') {
    if (v.length > LIMITS.maxStringLength) throw new EvalFailure(`Text longer than ${LIMITS.maxStringLength} characters`);
    env.charge(1 + (v.length >> 4));
  } else if (Array.isArray(v)) {
    if (v.length > LIMITS.maxArrayLength) throw new EvalFailure(`Array longer than ${LIMITS.maxArrayLength} items`);
    env.charge(1 + v.length);
  } else {
    env.charge(1);
  }
}

type Step = { kind: 'prop'; key: string } | { kind: 'idx'; n: number } | { kind: 'first' } | { kind: 'key'; key: string };

/** Static accessor steps of a member/index chain, innermost root last; undefined if any is dynamic. */
function staticChain(node: Node): { root: Node; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let n = node;
  while (n.kind === 'member' || n.kind === 'index') {
    if (n.kind === 'member') steps.push({ kind: 'prop', key: n.name });
    else if (n.index === null) steps.push({ kind: 'first' });
    else if (n.index.kind === 'literal' && typeof n.index.value === 'number') steps.push({ kind: 'idx', n: n.index.value });
    else if (n.index.kind === 'literal' && typeof n.index.value === 'string') steps.push({ kind: 'key', key: n.index.value });
    else return undefined;
    n = n.object;
  }
  return { root: n, steps: steps.reverse() };
}

function applyStep(v: unknown, s: Step): unknown {
  switch (s.kind) {
    case 'prop':
      return ownProp(v, s.key);
    case 'idx':
      return Array.isArray(v) ? element(v, s.n) : ownProp(v, String(s.n));
    case 'first':
      return index(v);
    case 'key':
      return index(v, s.key);
  }
}

function compilePath(base: Fn, steps: Step[]): Fn {
  if (steps.every((s) => s.kind === 'prop')) {
    const keys = steps.map((s) => (s as { key: string }).key);
    if (keys.length === 1) {
      const [a] = keys;
      return (env) => ownProp(base(env), a);
    }
    if (keys.length === 2) {
      const [a, b] = keys;
      return (env) => ownProp(ownProp(base(env), a), b);
    }
    if (keys.length === 3) {
      const [a, b, c] = keys;
      return (env) => ownProp(ownProp(ownProp(base(env), a), b), c);
    }
  }
  return (env) => {
    let v = base(env);
    for (let i = 0; i < steps.length && v !== undefined; i++) v = applyStep(v, steps[i]);
    return v;
  };
}

export function compileNode(node: Node, site: Site): Fn {
  switch (node.kind) {
    case 'literal': {
      const v = node.value;
      return () => v;
    }
    case 'text': {
      const t = node.text;
      return () => t;
    }
    case 'keyword':
      return keywordFn(node.name, site.dialect);
    case 'ident': {
      const name = node.name;
      return (env) => ownProp(env.ctx, name);
    }
    case 'member':
    case 'index': {
      const chain = staticChain(node);
      if (chain) {
        if (chain.root.kind === 'ident') return compilePath((env) => env.ctx, [{ kind: 'prop', key: chain.root.name }, ...chain.steps]);
        return compilePath(compileNode(chain.root, site), chain.steps);
      }
      const object = compileNode(node.object, site);
      if (node.kind === 'member') {
        const name = node.name;
        return (env) => ownProp(object(env), name);
      }
      const idx = compileNode(node.index!, site);
      return (env) => {
        const target = object(env);
        const key = idx(env);
        return key === undefined || key === null ? undefined : index(target, key);
      };
    }
    case 'call':
      return compileCall(node, site);
    case 'unary': {
      const operand = compileNode(node.operand, site);
      if (node.op === '!') return (env) => !truthy(operand(env));
      if (node.op === '-') return (env) => -toNumber(operand(env));
      return (env) => toNumber(operand(env));
    }
    case 'binary':
      return compileBinary(node, site);
  }
}

function compileCall(node: Extract<Node, { kind: 'call' }>, site: Site): Fn {
  const spec = lookupFunction(node.name);
  // Scenario dialect: an argument ending in `[]` is the whole array, as Make writes
  // `map(Emails[]; email)` and `sort(Contacts[]; name)` (decisions.md).
  const args = node.args.map((a) =>
    compileNode(site.dialect === 'scenario' && a.kind === 'index' && a.index === null ? a.object : a, site),
  );
  const pos = node.pos;
  const name = node.name;
  if (spec.lazy) {
    const f = spec.fn;
    return (env) => {
      try {
        env.charge(1);
        return f(
          args.map((a): Thunk => () => a(env)),
          env,
        );
      } catch (err) {
        rethrowAt(err, site, pos, name);
      }
    };
  }
  const f = spec.fn;
  const n = args.length;
  const evalArgs: (env: Env) => unknown[] =
    n === 1
      ? (env) => [args[0](env)]
      : n === 2
        ? (env) => [args[0](env), args[1](env)]
        : n === 3
          ? (env) => [args[0](env), args[1](env), args[2](env)]
          : (env) => args.map((a) => a(env));
  return (env) => {
    const values = evalArgs(env);
    try {
      const result = f(values, env);
      account(env, result);
      return result;
    } catch (err) {
      rethrowAt(err, site, pos, name);
    }
  };
}

function compileBinary(node: Extract<Node, { kind: 'binary' }>, site: Site): Fn {
  const l = compileNode(node.left, site);
  const r = compileNode(node.right, site);
  const pos = node.pos;
  switch (node.op) {
    case '&&':
      return (env) => {
        const a = l(env);
        return truthy(a) ? r(env) : a;
      };
    case '||':
      return (env) => {
        const a = l(env);
        return truthy(a) ? a : r(env);
      };
    case '==':
      return site.dialect === 'scenario' ? (env) => looseEqual(l(env), r(env)) : (env) => strictEqual(l(env), r(env));
    case '!=':
      return site.dialect === 'scenario' ? (env) => !looseEqual(l(env), r(env)) : (env) => !strictEqual(l(env), r(env));
    case '<':
      return (env) => compare(l(env), r(env)) < 0;
    case '<=':
      return (env) => compare(l(env), r(env)) <= 0;
    case '>':
      return (env) => compare(l(env), r(env)) > 0;
    case '>=':
      return (env) => compare(l(env), r(env)) >= 0;
    case '+':
      return (env) => {
        const v = plus(l(env), r(env));
        if (typeof v === 'string' && v.length > 256) {
          try {
            account(env, v);
          } catch (err) {
            rethrowAt(err, site, pos, '+');
          }
        }
        return v;
      };
    case '-':
      return (env) => toNumber(l(env)) - toNumber(r(env));
    case '*':
      return (env) => toNumber(l(env)) * toNumber(r(env));
    case '/':
      return (env) => toNumber(l(env)) / toNumber(r(env));
    case '%':
      return (env) => toNumber(l(env)) % toNumber(r(env));
  }
}
