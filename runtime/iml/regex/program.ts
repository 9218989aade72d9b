/**
 * The parsed tree → a flat program for the backtracking machine (machine.ts). Counted repetitions are
 * written out (so the program size is bounded, not the counts), and every loop whose body can match
 * the empty text gets a register for ECMAScript's empty-iteration check.
 */
import { EvalFailure } from '../position';
import { Node, Parsed } from './syntax';

export const enum Op {
  Atom,
  AtomBack,
  Split,
  Jmp,
  Save,
  Clear,
  Assert,
  Look,
  Backref,
  BackrefBack,
  Mark,
  Check,
  Match,
  /** A greedy `atom*` (x = atom id, y = 1 backward): takes all it can, then gives back one at a time. */
  AtomStar,
}

export const enum AssertKind {
  LineStart,
  LineEnd,
  WordBoundary,
  NotWordBoundary,
}

export interface Lookaround {
  start: number;
  negate: boolean;
}

export interface Program {
  op: Int32Array;
  x: Int32Array;
  y: Int32Array;
  /** Atom sources, by id (the x of Atom / AtomBack). */
  atoms: string[];
  looks: Lookaround[];
  /** For each Split and AtomStar: its memo slot, and the empty-check registers of the loops around it. */
  memoSlot: Int32Array;
  guards: (Int32Array | undefined)[];
  splits: number;
  registers: number;
  groups: number;
  /** False when the pattern has backreferences: then a position no longer decides the outcome. */
  memoizable: boolean;
  /**
   * The atoms one of which every match starts with, when the pattern says so: the search skips to
   * the next place one of them matches (a V8 search of single characters, linear) instead of trying
   * every position.
   */
  firstAtoms: string[] | undefined;
  /** Every match begins with `^`: without `m`, only the start of the text can match. */
  startAnchored: boolean;
}

/** Instructions a pattern may expand to (counted repetitions written out). */
export const MAX_PROGRAM = 100_000;

const ASSERTS = {
  '^': AssertKind.LineStart,
  $: AssertKind.LineEnd,
  b: AssertKind.WordBoundary,
  B: AssertKind.NotWordBoundary,
};

export function compileProgram(parsed: Parsed, fnName: string): Program {
  return new Compiler(parsed, fnName).program();
}

class Compiler {
  private op: number[] = [];
  private x: number[] = [];
  private y: number[] = [];
  private atoms: string[] = [];
  private atomIds = new Map<string, number>();
  private looks: Lookaround[] = [];
  private guardsOf = new Map<number, Int32Array>();
  private guardStack: number[] = [];
  private registers = 0;

  constructor(
    private readonly parsed: Parsed,
    private readonly fnName: string,
  ) {}

  program(): Program {
    this.node(this.parsed.root, true);
    this.emit(Op.Match);
    const op = Int32Array.from(this.op);
    const memoSlot = new Int32Array(op.length).fill(-1);
    const guards: (Int32Array | undefined)[] = [];
    let splits = 0;
    for (let pc = 0; pc < op.length; pc++) {
      if (op[pc] !== Op.Split && op[pc] !== Op.AtomStar) continue;
      memoSlot[pc] = splits++;
      guards[pc] = this.guardsOf.get(pc);
    }
    return {
      op,
      x: Int32Array.from(this.x),
      y: Int32Array.from(this.y),
      atoms: this.atoms,
      looks: this.looks,
      memoSlot,
      guards,
      splits,
      registers: this.registers,
      groups: this.parsed.groups,
      memoizable: !this.parsed.hasBackrefs,
      firstAtoms: firstAtoms(this.parsed.root),
      startAnchored: startsWithCaret(this.parsed.root),
    };
  }

  private atomId(source: string): number {
    let id = this.atomIds.get(source);
    if (id === undefined) {
      id = this.atoms.push(source) - 1;
      this.atomIds.set(source, id);
    }
    return id;
  }

  private emit(op: Op, x = 0, y = 0): number {
    if (this.op.length >= MAX_PROGRAM)
      throw new EvalFailure(
        `${this.fnName}: the regular expression is too large (more than ${MAX_PROGRAM} instructions once its counted repetitions are written out; regex size budget)`,
      );
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    if ((op === Op.Split || op === Op.AtomStar) && this.guardStack.length > 0)
      this.guardsOf.set(this.op.length - 1, Int32Array.from(this.guardStack));
    return this.op.length - 1;
  }

  private node(n: Node, forward: boolean): void {
    switch (n.t) {
      case 'atom':
        this.emit(forward ? Op.Atom : Op.AtomBack, this.atomId(n.source));
        return;
      case 'seq':
        for (const item of forward ? n.items : [...n.items].reverse()) this.node(item, forward);
        return;
      case 'alt':
        return this.alternation(n.alts, forward);
      case 'group':
        this.emit(Op.Save, forward ? 2 * n.capture : 2 * n.capture + 1);
        this.node(n.body, forward);
        this.emit(Op.Save, forward ? 2 * n.capture + 1 : 2 * n.capture);
        return;
      case 'look':
        return this.lookaround(n.body, n.ahead, n.negate);
      case 'assert':
        this.emit(Op.Assert, ASSERTS[n.kind]);
        return;
      case 'backref':
        this.emit(forward ? Op.Backref : Op.BackrefBack, n.index);
        return;
      case 'repeat':
        return this.repeat(n.body, n.min, n.max, n.greedy, forward);
    }
  }

  private alternation(alts: Node[], forward: boolean): void {
    const jumps: number[] = [];
    for (let k = 0; k < alts.length; k++) {
      const last = k === alts.length - 1;
      const split = last ? -1 : this.emit(Op.Split);
      if (split >= 0) this.x[split] = split + 1;
      this.node(alts[k], forward);
      if (!last) {
        jumps.push(this.emit(Op.Jmp));
        this.y[split] = this.op.length;
      }
    }
    for (const j of jumps) this.x[j] = this.op.length;
  }

  /** A lookaround's body is a program of its own after the main one, run by the Look instruction. */
  private lookaround(body: Node, ahead: boolean, negate: boolean): void {
    const id = this.looks.push({ start: -1, negate }) - 1;
    this.emit(Op.Look, id);
    const skip = this.emit(Op.Jmp);
    // Loops outside the lookaround do not guard it: its body is a run of its own.
    const saved = this.guardStack;
    this.guardStack = [];
    this.looks[id].start = this.op.length;
    this.node(body, ahead);
    this.emit(Op.Match);
    this.guardStack = saved;
    this.x[skip] = this.op.length;
  }

  /**
   * ECMAScript's RepeatMatcher: each iteration first clears the captures inside the body; an optional
   * iteration that matched nothing fails (the empty check, only needed when the body can be empty).
   */
  private repeat(body: Node, min: number, max: number, greedy: boolean, forward: boolean): void {
    const [lo, hi] = captureRange(body);
    const clear = () => {
      if (lo <= hi) this.emit(Op.Clear, 2 * lo, 2 * hi + 2);
    };
    for (let k = 0; k < min; k++) {
      clear();
      this.node(body, forward);
    }
    if (max === min) return;
    const empty = nullable(body);
    const register = empty ? this.registers++ : -1;
    const optional = () => {
      if (empty) {
        this.emit(Op.Mark, register);
        this.guardStack.push(register);
      }
      clear();
      this.node(body, forward);
      if (empty) {
        this.emit(Op.Check, register);
        this.guardStack.pop();
      }
    };
    if (max === Infinity && greedy && body.t === 'atom') {
      // The commonest loop (`\\s+`, `[^,]*`) as one instruction: no Split per character.
      this.emit(Op.AtomStar, this.atomId(body.source), forward ? 0 : 1);
      return;
    }
    if (max === Infinity) {
      const split = this.emit(Op.Split);
      optional();
      this.emit(Op.Jmp, split);
      this.branch(split, split + 1, this.op.length, greedy);
      return;
    }
    const splits: number[] = [];
    for (let k = min; k < max; k++) {
      splits.push(this.emit(Op.Split));
      optional();
    }
    const exit = this.op.length;
    for (const s of splits) this.branch(s, s + 1, exit, greedy);
  }

  private branch(split: number, body: number, exit: number, greedy: boolean): void {
    this.x[split] = greedy ? body : exit;
    this.y[split] = greedy ? exit : body;
  }
}

function captureRange(n: Node): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (m: Node): void => {
    if (m.t === 'group') {
      lo = Math.min(lo, m.capture);
      hi = Math.max(hi, m.capture);
    }
    if (m.t === 'seq') m.items.forEach(visit);
    else if (m.t === 'alt') m.alts.forEach(visit);
    else if (m.t === 'group' || m.t === 'look' || m.t === 'repeat') visit(m.body);
  };
  visit(n);
  return [lo, hi];
}

function startsWithCaret(n: Node): boolean {
  if (n.t === 'assert') return n.kind === '^';
  if (n.t === 'seq') return n.items.length > 0 && startsWithCaret(n.items[0]);
  if (n.t === 'alt') return n.alts.every(startsWithCaret);
  if (n.t === 'group') return startsWithCaret(n.body);
  return false;
}

/** Sources of the atoms every match of n must start with, or undefined when that is not known. */
function firstAtoms(n: Node): string[] | undefined {
  switch (n.t) {
    case 'atom':
      return [n.source];
    case 'seq': {
      // Assertions and lookarounds consume nothing: the first character comes from what follows them.
      const first = n.items.find((item) => item.t !== 'assert' && item.t !== 'look');
      return first && !nullable(first) ? firstAtoms(first) : undefined;
    }
    case 'alt': {
      const all = n.alts.map(firstAtoms);
      return all.every((a) => a !== undefined) ? all.flat() : undefined;
    }
    case 'group':
      return firstAtoms(n.body);
    case 'repeat':
      return n.min > 0 ? firstAtoms(n.body) : undefined;
    default:
      return undefined;
  }
}

/** Whether the node can match the empty text. */
function nullable(n: Node): boolean {
  switch (n.t) {
    case 'atom':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.alts.some(nullable);
    case 'group':
      return nullable(n.body);
    case 'repeat':
      return n.min === 0 || nullable(n.body);
    default:
      return true;
  }
}
