/** Safety: no globals or prototypes, and step/depth/size budgets that stop hostile templates. */
import { evaluate } from '../../runtime/iml';
import { ImlError } from '../../runtime/errors';
import { runTable, Row } from './table';

const ctx = { a: { b: 1 }, list: [1, 2], fn: () => 'called', key: '__proto__', ctorKey: 'constructor' };

const access: Row[] = [
  { t: '{{a.constructor}}', err: "Access to 'constructor' is not allowed", col: 5 },
  { t: '{{a.__proto__}}', err: "Access to '__proto__' is not allowed" },
  { t: '{{a.prototype}}', err: "Access to 'prototype' is not allowed" },
  { t: "{{a['constructor']}}", err: "Access to 'constructor' is not allowed" },
  { t: '{{constructor}}', err: "Access to 'constructor' is not allowed" },
  { t: '{{`__proto__`}}', err: "Access to '__proto__' is not allowed" },
  { t: '{{a[ctorKey]}}', out: undefined, name: 'a computed forbidden key finds nothing' },
  { t: '{{a[key]}}', out: undefined },
  { t: "{{get(a, 'constructor.name')}}", out: undefined },
  { t: '{{a.toString}}', out: undefined, name: 'no inherited members' },
  { t: '{{a.hasOwnProperty}}', out: undefined },
  { t: '{{list.map}}', out: undefined },
  { t: '{{process}}', out: undefined, name: 'no Node globals' },
  { t: '{{globalThis}}', out: undefined },
  { t: '{{require}}', out: undefined },
  { t: '{{this}}', out: undefined },
  { t: '{{fn}}', out: undefined, name: 'functions in the context are invisible' },
  { t: "{{process.mainModule.require('fs')}}", err: "Unexpected '('", name: 'method calls are not syntax' },
  { t: '{{eval("1")}}', err: "Unknown function 'eval'" },
  { t: '{{Function("return 1")}}', err: "Unknown function 'Function'" },
  { t: '{{toString(a)}}', out: '{"b":1}', name: 'toString is the IML function, not a member' },
];
runTable('no globals, no prototypes', access, { dialect: 'app', ctx });

const deep = (n: number, open: string, mid: string, close: string) =>
  `{{${open.repeat(n)}${mid}${close.repeat(n)}}}`;
const big = Array.from({ length: 600_000 }, (_x, i) => i);
const budgets: Row[] = [
  { t: deep(500, '(', '1', ')'), err: 'nested deeper than', name: '500 nested parentheses' },
  { t: deep(500, 'upper(', "'x'", ')'), err: 'nested deeper than', name: '500 nested calls' },
  { t: `{{${'!'.repeat(1000)}true}}`, err: 'nested deeper than', name: '1000 unary operators' },
  { t: `{{1${' + 1'.repeat(5000)}}}`, err: 'nested deeper than', name: 'a 5000-term sum' },
  { t: `{{a${'.b'.repeat(5000)}}}`, err: 'nested deeper than', name: 'a 5000-step path' },
  { t: deep(60, '(', '1', ')'), out: 1, name: '60 nested parentheses are fine' },
  { t: `{{'${'x'.repeat(1_000_001)}'}}`, err: 'Template longer than', name: 'an enormous template' },
  {
    t: '{{merge(big, big)}}',
    err: 'Array longer than 1000000 items',
    ctx: { big },
    name: 'array size budget',
  },
  {
    t: '{{s + s}}',
    err: 'Text longer than',
    ctx: { s: 'x'.repeat(6_000_000) },
    name: 'string size budget in +',
  },
  {
    t: '{{s}}{{s}}',
    err: 'Text longer than',
    ctx: { s: 'x'.repeat(6_000_000) },
    name: 'string size budget in mixed text',
  },
  {
    t: "{{join(merge(s, s), '')}}",
    err: 'Text longer than',
    ctx: { s: 'x'.repeat(6_000_000) },
    name: 'string size budget in functions',
  },
  {
    t: '{{length(merge(big))}}'.repeat(40),
    err: 'budget of 20000000 steps exceeded',
    ctx: { big },
    name: 'step budget across one evaluation',
  },
  {
    t: "{{replace(s, '/(a|aa)*b/', 'x')}}",
    out: 'a'.repeat(40),
    ctx: { s: 'a'.repeat(40) },
    name: 'exponential alternation runs in linear time (regex budgets)',
  },
  { t: "{{replace(s, '/((a+))+b/', 'x')}}", out: 'a'.repeat(40), ctx: { s: 'a'.repeat(40) } },
  {
    t: "{{replace(s, '/(a*)*\\1b/', 'x')}}",
    err: 'regex step budget',
    ctx: { s: 'a'.repeat(5000) },
    name: 'a backreference that backtracks without end stops at the regex step budget',
  },
  {
    t: "{{replace(s, '/(ab)+c/g', 'x')}}",
    out: 'x',
    ctx: { s: 'ababc' },
    name: 'a plain quantified group is fine',
  },
  {
    t: "{{replace(s, '/[(a+)]+/g', 'x')}}",
    out: 'x',
    ctx: { s: 'a+(' },
    name: 'quantifiers inside a class are literal',
  },
];
runTable('budgets', budgets, { dialect: 'app', ctx: {} });

describe('hostile values', () => {
  test('a cyclic context in mixed text fails as ImlError', () => {
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => evaluate('x {{c}}', { c: cyc })).toThrow(ImlError);
    expect(() => evaluate('{{createJSON(c)}}', { c: cyc })).toThrow(ImlError);
  });

  test('a definition value nested 300 levels deep is refused', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 300; i++) v = { v };
    expect(() => evaluate(v, {})).toThrow(/nested deeper than 200/);
  });

  test('budgets are per evaluation: the same template runs again', () => {
    const t = '{{length(merge(big))}}'.repeat(25);
    expect(evaluate(t, { big })).toBe('600000'.repeat(25));
    expect(evaluate(t, { big })).toBe('600000'.repeat(25));
  });
});
