/**
 * Regular expressions a template can reach (replace, the filters' pattern operators): JavaScript's
 * syntax and results, with a cost that cannot run away (decisions.md "Regex budgets"). `/…/flags`
 * text compiles once per pattern; every search charges a step budget and stops with an error naming
 * it when the budget is spent.
 */
import { LIMITS } from '../limits';
import { Machine, RegexBudget } from './machine';
import { compileProgram } from './program';
import { parseRegex } from './syntax';

export type { RegexBudget } from './machine';

/** A fresh budget: one per evaluation (replace) or per filter condition. */
export function regexBudget(total = LIMITS.maxRegexSteps): RegexBudget {
  return { left: total, total };
}

export class BoundedRegex {
  readonly global: boolean;
  readonly sticky: boolean;
  private readonly unicode: boolean;
  private readonly machine: Machine;
  readonly groups: number;

  private constructor(
    readonly source: string,
    readonly flags: string,
    fnName: string,
    namedGroups: boolean,
  ) {
    const parsed = parseRegex(source, flags, fnName, namedGroups);
    this.machine = new Machine(compileProgram(parsed, fnName), flags);
    this.groups = parsed.groups;
    this.global = flags.includes('g');
    this.sticky = flags.includes('y');
    this.unicode = flags.includes('u');
  }

  private static cache = new Map<string, BoundedRegex>();

  /**
   * Compiled once per (source, flags); invalid patterns throw an EvalFailure each time. Named groups
   * are refused (Make documents that replace throws on them) unless `namedGroups` (a pattern only
   * tested, where a name changes nothing).
   */
  static compile(source: string, flags: string, fnName: string, namedGroups = false): BoundedRegex {
    const key = `${namedGroups ? 'n' : ''}${flags}/${source}`;
    let re = BoundedRegex.cache.get(key);
    if (re === undefined) {
      re = new BoundedRegex(source, flags, fnName, namedGroups);
      if (BoundedRegex.cache.size >= LIMITS.maxCacheEntries) BoundedRegex.cache.clear();
      BoundedRegex.cache.set(key, re);
    }
    return re;
  }

  /** Captures of the first match at or after `from` ([start, end] pairs, -1 when unset), or null. */
  exec(s: string, from: number, budget: RegexBudget, fnName: string): Int32Array | null {
    return this.machine.exec(s, from, this.sticky, budget, fnName, this.source)
      ? this.machine.caps.slice()
      : null;
  }

  /** RegExp.prototype.test with lastIndex 0. */
  test(s: string, budget: RegexBudget, fnName: string): boolean {
    return this.machine.exec(s, 0, this.sticky, budget, fnName, this.source);
  }

  /** String.prototype.replace with this pattern and a replacement text ($&, $1…$99, $`, $', $$). */
  replace(s: string, replacement: string, budget: RegexBudget, fnName: string): string {
    const plain = !replacement.includes('$');
    let out = '';
    let copied = 0;
    let from = 0;
    for (;;) {
      const caps = this.exec(s, from, budget, fnName);
      if (caps === null) break;
      out += s.slice(copied, caps[0]) + (plain ? replacement : substitute(s, caps, replacement, this.groups));
      copied = caps[1];
      if (!this.global) break;
      from = caps[1] === caps[0] ? this.advance(s, caps[1]) : caps[1];
      if (from > s.length) break;
    }
    return out + s.slice(copied);
  }

  /** AdvanceStringIndex: past an empty match by one code unit, or one code point with `u`. */
  private advance(s: string, i: number): number {
    if (!this.unicode || i + 1 >= s.length) return i + 1;
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
  }
}

/** ECMAScript GetSubstitution without named groups (which Make refuses). */
function substitute(s: string, caps: Int32Array, replacement: string, groups: number): string {
  const group = (n: number) => (caps[2 * n] < 0 ? '' : s.slice(caps[2 * n], caps[2 * n + 1]));
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    const next = replacement[i + 1];
    if (c !== '$' || next === undefined) {
      out += c;
      continue;
    }
    if (next === '$') out += '$';
    else if (next === '&') out += group(0);
    else if (next === '`') out += s.slice(0, caps[0]);
    else if (next === "'") out += s.slice(caps[1]);
    else if (next >= '0' && next <= '9') {
      const two = replacement[i + 2];
      const twoDigits = two !== undefined && two >= '0' && two <= '9' ? Number(next + two) : 0;
      if (twoDigits >= 1 && twoDigits <= groups) {
        out += group(twoDigits);
        i += 2;
        continue;
      }
      const one = Number(next);
      if (one >= 1 && one <= groups) out += group(one);
      else {
        out += '$';
        continue;
      }
    } else {
      out += '$';
      continue;
    }
    i++;
  }
  return out;
}
