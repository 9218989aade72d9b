/**
 * A backtracking matcher with ECMAScript's semantics and two bounds (decisions.md "Regex budgets"):
 *
 * - memoisation: a Split reached again at a position it already failed from is not explored again, so
 *   a pattern without backreferences costs at most (splits × text length) per search, whatever its
 *   nesting (`/a*a*a*a*b/`, `/(?:a|a){29}$/`, `/\s*\s*\s*$/` all run in linear time);
 * - a step budget shared by the whole evaluation: backreferences (which make memoisation unsound)
 *   and the few searches that stay quadratic stop with an error naming the budget.
 */
import { EvalFailure } from '../position';
import { AssertKind, Op, Program } from './program';
import { isHighSurrogate, isLowSurrogate } from './syntax';

export interface RegexBudget {
  /** Steps left; one per instruction executed. */
  left: number;
  readonly total: number;
}

/** A one-character matcher: V8 decides what the character class or escape means. */
class Atom {
  private readonly ascii = new Int8Array(128);
  constructor(
    private readonly re: RegExp,
    private readonly unicode: boolean,
  ) {}

  /** Length of the match starting at pos, or -1. */
  forward(s: string, pos: number): number {
    if (pos >= s.length) return -1;
    const c = s.charCodeAt(pos);
    if (c < 128) {
      let known = this.ascii[c];
      if (known === 0) known = this.ascii[c] = this.at(s, pos) > 0 ? 1 : -1;
      return known;
    }
    // With `u`, no character starts in the middle of a surrogate pair (V8 tries the position anyway).
    if (this.unicode && isLowSurrogate(s, pos) && isHighSurrogate(s, pos - 1)) return -1;
    return this.at(s, pos);
  }

  /** Length of the match ending at pos (a lookbehind reads right to left), or -1. */
  backward(s: string, pos: number): number {
    if (pos <= 0) return -1;
    const pair = this.unicode && pos >= 2 && isLowSurrogate(s, pos - 1) && isHighSurrogate(s, pos - 2);
    const from = pair ? pos - 2 : pos - 1;
    const length = from === pos - 1 ? this.forward(s, from) : this.at(s, from);
    return from + length === pos ? length : -1;
  }

  private at(s: string, pos: number): number {
    this.re.lastIndex = pos;
    return this.re.test(s) ? this.re.lastIndex - pos : -1;
  }
}

const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Memo entries (splits × positions) allocated at most; beyond that only the step budget bounds. */
const MAX_MEMO = 1 << 23;

export class Machine {
  private readonly atoms: Atom[];
  private readonly unicode: boolean;
  private readonly multiline: boolean;
  private readonly ignoreCase: boolean;
  private stack = new Int32Array(3 * 256);
  private sp = 0;
  private memo: Int32Array | undefined;
  private generation = 0;
  private s = '';
  private stride = 0;
  private budget: RegexBudget = { left: 0, total: 0 };
  private fnName = '';
  private source = '';
  readonly caps: Int32Array;
  private readonly prefilter: RegExp | undefined;
  private readonly regs: Int32Array;

  constructor(
    private readonly prog: Program,
    flags: string,
  ) {
    const atomFlags = `y${flags.replace(/[^ius]/g, '')}`;
    this.unicode = flags.includes('u');
    this.atoms = prog.atoms.map((a) => new Atom(new RegExp(a, atomFlags), this.unicode));
    this.multiline = flags.includes('m');
    this.ignoreCase = flags.includes('i');
    this.caps = new Int32Array(2 * (prog.groups + 1));
    const first = prog.firstAtoms;
    this.prefilter = first && new RegExp(`(?=${first.join('|')})`, `g${flags.replace(/[^ius]/g, '')}`);
    this.regs = new Int32Array(prog.registers);
  }

  /**
   * The leftmost match at or after `from` (only at `from` when sticky); true with `caps` filled
   * (-1 for a group that did not take part), false when there is none.
   */
  exec(
    s: string,
    from: number,
    sticky: boolean,
    budget: RegexBudget,
    fnName: string,
    source: string,
  ): boolean {
    this.s = s;
    this.budget = budget;
    this.fnName = fnName;
    this.source = source;
    this.stride = s.length + 1;
    this.memo = undefined;
    const gen = ++this.generation;
    const startLeft = budget.left;
    // `^` without `m` can only match at the very start.
    if (this.prog.startAnchored && !this.multiline) {
      if (from > 0) return false;
      sticky = true;
    }
    const pre = sticky ? undefined : this.prefilter;
    for (let start = from; start <= s.length;) {
      if (pre) {
        pre.lastIndex = start;
        if (!pre.test(s)) break;
        start = Math.max(start, pre.lastIndex);
      }
      this.caps.fill(-1);
      this.sp = 0;
      const end = this.run(0, start, gen, startLeft);
      if (end >= 0) {
        this.caps[0] = start;
        this.caps[1] = end;
        this.sp = 0;
        return true;
      }
      if (sticky) break;
      // One code unit at a time even with `u`, as V8 searches (atoms refuse the middle of a pair).
      start++;
    }
    return false;
  }

  private overBudget(): never {
    throw new EvalFailure(
      `${this.fnName}: the regular expression /${this.source}/ needed more than ${this.budget.total} steps on this text (regex step budget); simplify the pattern or shorten the text`,
    );
  }

  private push(kind: number, a: number, b: number): void {
    if (this.sp + 3 > this.stack.length) {
      const bigger = new Int32Array(this.stack.length * 2);
      bigger.set(this.stack);
      this.stack = bigger;
    }
    this.stack[this.sp++] = kind;
    this.stack[this.sp++] = a;
    this.stack[this.sp++] = b;
  }

  /** Memo slots are allocated once a search has done more work than a linear scan would. */
  private memoFor(startLeft: number): Int32Array | undefined {
    if (this.memo) return this.memo;
    const prog = this.prog;
    if (!prog.memoizable || startLeft - this.budget.left < 4 * this.stride + 64) return undefined;
    if (prog.splits * this.stride > MAX_MEMO) return undefined;
    this.memo = new Int32Array(prog.splits * this.stride);
    return this.memo;
  }

  /** Runs the (sub)program at pc from pos; the end position on success, -1 on failure. */
  private run(pc: number, pos: number, gen: number, startLeft: number): number {
    const { op, x, y, memoSlot, guards } = this.prog;
    const s = this.s;
    const caps = this.caps;
    const regs = this.regs;
    const base = this.sp;
    const budget = this.budget;
    for (;;) {
      let ok = true;
      if (--budget.left < 0) this.overBudget();
      switch (op[pc]) {
        case Op.Atom: {
          const n = this.atoms[x[pc]].forward(s, pos);
          if (n < 0) ok = false;
          else {
            pos += n;
            pc++;
          }
          break;
        }
        case Op.AtomBack: {
          const n = this.atoms[x[pc]].backward(s, pos);
          if (n < 0) ok = false;
          else {
            pos -= n;
            pc++;
          }
          break;
        }
        case Op.Split: {
          const memo = this.memoFor(startLeft);
          if (memo && this.unguarded(guards[pc], pos)) {
            const slot = memoSlot[pc] * this.stride + pos;
            if (memo[slot] === gen) {
              ok = false;
              break;
            }
            memo[slot] = gen;
          }
          this.push(0, y[pc], pos);
          pc = x[pc];
          break;
        }
        case Op.Jmp:
          pc = x[pc];
          break;
        case Op.Save:
          this.push(1, x[pc], caps[x[pc]]);
          caps[x[pc]] = pos;
          pc++;
          break;
        case Op.Clear:
          for (let k = x[pc]; k < y[pc]; k++) {
            if (caps[k] < 0) continue;
            this.push(1, k, caps[k]);
            caps[k] = -1;
          }
          pc++;
          break;
        case Op.Mark:
          this.push(2, x[pc], regs[x[pc]]);
          regs[x[pc]] = pos;
          pc++;
          break;
        case Op.Check:
          if (regs[x[pc]] === pos) ok = false;
          else pc++;
          break;
        case Op.Assert:
          if (this.assertion(x[pc], pos)) pc++;
          else ok = false;
          break;
        case Op.Look:
          if (this.lookaround(x[pc], pos, startLeft)) pc++;
          else ok = false;
          break;
        case Op.Backref:
        case Op.BackrefBack: {
          const n = this.backref(x[pc], pos, op[pc] === Op.Backref);
          if (n < 0) ok = false;
          else {
            pos += op[pc] === Op.Backref ? n : -n;
            pc++;
          }
          break;
        }
        case Op.AtomStar: {
          // Like the Split loop it replaces: each position the loop passes is marked in the memo, and
          // a position already marked was (and stays) a failure, so the scan stops short of it.
          const memo = this.memoFor(startLeft);
          const slot = memoSlot[pc] * this.stride;
          const guard = guards[pc];
          if (memo && this.unguarded(guard, pos)) {
            if (memo[slot + pos] === gen) {
              ok = false;
              break;
            }
            memo[slot + pos] = gen;
          }
          const atom = this.atoms[x[pc]];
          const backward = y[pc] === 1;
          const from = pos;
          for (;;) {
            const n = backward ? atom.backward(s, pos) : atom.forward(s, pos);
            if (n < 0) break;
            const next = backward ? pos - n : pos + n;
            if (memo && this.unguarded(guard, next)) {
              if (memo[slot + next] === gen) break;
              memo[slot + next] = gen;
            }
            pos = next;
            if (--budget.left < 0) this.overBudget();
          }
          // Where the star started, then the position to continue from; the backtrack below does it.
          this.push(5, from, 0);
          this.push(3, pc, pos);
          ok = false;
          break;
        }
        case Op.Match:
          return pos;
      }
      if (ok) continue;
      // Backtrack: undo captures and registers down to the latest choice point.
      let resumed = false;
      while (this.sp > base) {
        const b = this.stack[--this.sp];
        const a = this.stack[--this.sp];
        const kind = this.stack[--this.sp];
        if (kind === 0) {
          pc = a;
          pos = b;
          resumed = true;
          break;
        }
        if (kind === 3) {
          pos = this.giveBack(a, b);
          pc = a + 1;
          resumed = true;
          break;
        }
        if (kind === 1) caps[a] = b;
        else if (kind === 2) regs[a] = b;
      }
      if (!resumed) return -1;
    }
  }

  /**
   * Continues an AtomStar from `at` (its positions are tried from the farthest back to where it
   * began), leaving the next one on the stack for a later failure.
   */
  private giveBack(star: number, at: number): number {
    const from = this.stack[this.sp - 2]; // the kind-5 entry just below
    if (--this.budget.left < 0) this.overBudget();
    if (at !== from) this.push(3, star, this.step(at, this.prog.y[star] === 1));
    return at;
  }

  /** One character back toward where a star began: left for a forward star, right for a backward one. */
  private step(q: number, backward: boolean): number {
    const s = this.s;
    if (!backward)
      return this.unicode && isLowSurrogate(s, q - 1) && isHighSurrogate(s, q - 2) ? q - 2 : q - 1;
    return this.unicode && isHighSurrogate(s, q) && isLowSurrogate(s, q + 1) ? q + 2 : q + 1;
  }

  private unguarded(guard: Int32Array | undefined, pos: number): boolean {
    if (guard === undefined) return true;
    for (let k = 0; k < guard.length; k++) if (this.regs[guard[k]] === pos) return false;
    return true;
  }

  private isWord(i: number): boolean {
    if (i < 0 || i >= this.s.length) return false;
    const c = this.s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
    // With both i and u, \w also folds in ſ (U+017F) and the Kelvin sign (U+212A).
    return this.ignoreCase && this.unicode && (c === 0x17f || c === 0x212a);
  }

  private assertion(kind: number, pos: number): boolean {
    const s = this.s;
    switch (kind) {
      case AssertKind.LineStart:
        return pos === 0 || (this.multiline && isLineTerminator(s.charCodeAt(pos - 1)));
      case AssertKind.LineEnd:
        return pos === s.length || (this.multiline && isLineTerminator(s.charCodeAt(pos)));
      case AssertKind.WordBoundary:
        return this.isWord(pos - 1) !== this.isWord(pos);
      default:
        return this.isWord(pos - 1) === this.isWord(pos);
    }
  }

  /**
   * Lookarounds are atomic: the first way the body matches is kept (with its captures), and nothing
   * inside is retried when what follows fails. Its memo generation is its own.
   */
  private lookaround(id: number, pos: number, startLeft: number): boolean {
    const look = this.prog.looks[id];
    const base = this.sp;
    const end = this.run(look.start, pos, ++this.generation, startLeft);
    if (end < 0) return look.negate;
    if (look.negate) {
      this.unwind(base);
      return false;
    }
    // Keep the capture restores (so an outer backtrack still undoes them), drop the choice points.
    let w = base;
    for (let r = base; r < this.sp; r += 3) {
      if (this.stack[r] !== 1 && this.stack[r] !== 2) continue;
      this.stack[w] = this.stack[r];
      this.stack[w + 1] = this.stack[r + 1];
      this.stack[w + 2] = this.stack[r + 2];
      w += 3;
    }
    this.sp = w;
    return true;
  }

  private unwind(base: number): void {
    while (this.sp > base) {
      const b = this.stack[--this.sp];
      const a = this.stack[--this.sp];
      const kind = this.stack[--this.sp];
      if (kind === 1) this.caps[a] = b;
      else if (kind === 2) this.regs[a] = b;
    }
  }

  /** Length the backreference consumes at pos (forward) or before it (backward), or -1. */
  private backref(group: number, pos: number, forward: boolean): number {
    const start = this.caps[2 * group];
    const end = this.caps[2 * group + 1];
    if (start < 0 || end < 0) return 0;
    const length = end - start;
    const s = this.s;
    const at = forward ? pos : pos - length;
    if (at < 0 || at + length > s.length) return -1;
    this.budget.left -= length;
    if (!this.ignoreCase) return s.startsWith(s.slice(start, end), at) ? length : -1;
    const escaped = s.slice(start, end).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    const re = new RegExp(escaped, `y${this.unicode ? 'iu' : 'i'}`);
    re.lastIndex = at;
    return re.test(s) && re.lastIndex === at + length ? length : -1;
  }
}
