/**
 * The scenario dialect reads an argument that is not a well-formed expression as literal text
 * (`formatDate(1.date; YYYY-MM-DD)`, `addDays(2016-12-08; 2)`). These are the parser's rules for
 * telling such text from an expression and for finding where it ends; kept apart because they read
 * the source and the parsed tree, never the parser's state.
 */
import type { Node } from './ast';

/** Unquoted dates in scenario arguments (`addDays(2016-12-08; 2)`) are text, not subtraction. */
export const DATE_SHAPE = /^\d{1,4}([-/.])\d{1,2}\1\d{1,4}(?![\d.])/;

/**
 * A scenario argument parsed as an expression but meant as text: bare words combined by arithmetic
 * or dots (`YYYY-MM-DD`, `MM/DD/YYYY`, `DD.MM.YYYY`, `raw_name.sub_name`).
 */
export function textMisread(n: Node): boolean {
  switch (n.kind) {
    case 'text':
      return false;
    case 'member':
    case 'index':
      return rootIsText(n);
    case 'binary':
      if (n.op === '-' || n.op === '*' || n.op === '/' || n.op === '%' || n.op === '+') {
        if (containsTextOperand(n)) return true;
      }
      return textMisread(n.left) || textMisread(n.right);
    case 'unary':
      return n.operand.kind === 'text' && n.op !== '!' ? true : textMisread(n.operand);
    default:
      return false;
  }
}

function rootIsText(n: Node): boolean {
  while (n.kind === 'member' || n.kind === 'index') n = n.object;
  return n.kind === 'text';
}

function containsTextOperand(n: Node): boolean {
  if (n.kind === 'text') return true;
  if (n.kind === 'member' || n.kind === 'index') return rootIsText(n);
  if (n.kind === 'binary' && ['+', '-', '*', '/', '%'].includes(n.op))
    return containsTextOperand(n.left) || containsTextOperand(n.right);
  return false;
}

/** End of a raw-text argument: the next `;`, `)` or `}}` outside brackets and quotes. */
export function scanRawText(src: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = src.indexOf(c, i + 1);
      if (close < 0) return src.length;
      i = close + 1;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ';' || (c === '}' && src[i + 1] === '}'))) return i;
    i++;
  }
  return i;
}
