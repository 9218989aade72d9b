/**
 * A strict JSON reader's first objection to a delivery's text, found without building anything and
 * without recursion (so no nesting can overflow the stack): a syntax error, or nesting deeper than
 * the hook's bound. It names the problem and where it is, never the text there, which may be a secret.
 */

export interface JsonProblem {
  kind: 'syntax' | 'depth';
  /** What is wrong, in words that quote nothing of the text. */
  problem: string;
  /** UTF-16 offset in the text. */
  offset: number;
}

type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The first problem of `text` as JSON nested at most `maxDepth` levels, or undefined when it has none. */
export function jsonProblem(text: string, maxDepth: number): JsonProblem | undefined {
  const n = text.length;
  const stack: number[] = [];
  let state: State = 'value';
  let i = 0;
  const syntax = (problem: string, offset = i): JsonProblem => ({ kind: 'syntax', problem, offset });
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return undefined;
      return syntax(
        stack.length === 0 && state === 'value' ? 'no JSON value' : 'the body ends inside the value',
      );
    }
    const c = text.charCodeAt(i);
    if (state === 'after') {
      if (stack.length === 0) return syntax('more text after the JSON value');
      const top = stack[stack.length - 1];
      const close = top === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      if (c === 0x2c) {
        i++;
        state = top === OPEN_OBJECT ? 'key' : 'value';
      } else if (c === close) {
        i++;
        stack.pop();
      } else return syntax(top === OPEN_OBJECT ? 'expected "," or "}"' : 'expected "," or "]"');
    } else if (state === 'colon') {
      if (c !== 0x3a) return syntax('expected ":" after a property name');
      i++;
      state = 'value';
    } else if (state === 'key' || state === 'keyOrClose') {
      if (state === 'keyOrClose' && c === CLOSE_OBJECT) {
        i++;
        stack.pop();
        state = 'after';
      } else if (c !== QUOTE) return syntax('expected a property name in double quotes');
      else {
        const problem = skipString();
        if (problem) return problem;
        state = 'colon';
      }
    } else if (state === 'valueOrClose' && c === CLOSE_ARRAY) {
      i++;
      stack.pop();
      state = 'after';
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (stack.length >= maxDepth)
        return { kind: 'depth', problem: `nested deeper than ${maxDepth} levels`, offset: i };
      stack.push(c);
      i++;
      state = c === OPEN_OBJECT ? 'keyOrClose' : 'valueOrClose';
    } else {
      const problem = skipScalar(c);
      if (problem) return problem;
      state = 'after';
    }
  }

  /** Past a string starting at i (a quote), or its problem. */
  function skipString(): JsonProblem | undefined {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return undefined;
      }
      if (c < 0x20) return syntax('a control character inside a string');
      if (c === 0x5c) {
        const next = text.charCodeAt(i + 1);
        if (next === 0x75) {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return syntax('a \\u escape without four hex digits');
          i += 5;
        } else if (ESCAPES.has(next)) i++;
        else return syntax('an invalid escape in a string');
      }
    }
    return syntax('a string that is not closed');
  }

  /** Past a number, true, false or null at i, or its problem. */
  function skipScalar(c: number): JsonProblem | undefined {
    if (c === QUOTE) return skipString();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return undefined;
    }
    return syntax('expected a value');
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
