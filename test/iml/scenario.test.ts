/** Scenario dialect: module references, keywords, `;` arguments, unquoted text, its operators. */
import {
  evaluate,
  ERASE,
  IGNORE,
  isErase,
  isIgnore,
  isWholeArrayReference,
  wholeArrayReferenceTarget,
} from '../../runtime/iml';
import { runTable, Row } from './table';

const ctx = {
  1: {
    email: 'a@x.io',
    'Customer Name': 'Ada',
    items: [{ title: 'first' }, { title: 'second' }],
    count: 5,
    status: 'active',
    date: '2020-01-01T00:00:00Z',
    tags: ['a', 'b'],
  },
  3: { data: { name: 'deep' } },
  5: { items: [{ title: 'five' }] },
};

const rows: Row[] = [
  { t: '{{1.email}}', out: 'a@x.io' },
  { t: '{{3.data.name}}', out: 'deep' },
  { t: '{{`1`}}', out: ctx[1], name: 'whole bundle in backticks' },
  { t: '{{1.`Customer Name`}}', out: 'Ada' },
  { t: '{{1.items[1].title}}', out: 'first', name: '1-based' },
  { t: '{{5.items[1].title}}', out: 'five' },
  { t: '{{1.items[2].title}}', out: 'second' },
  { t: '{{1.items[].title}}', out: 'first', name: '[] then a field is the first element' },
  { t: '{{1.items[]}}', out: { title: 'first' }, name: 'top-level [] is the first element' },
  { t: '{{1.items[-1].title}}', out: 'second' },
  { t: '{{2.missing}}', out: undefined, name: 'a module that has not run' },
  { t: 'Hello {{1.`Customer Name`}}!', out: 'Hello Ada!' },
  { t: '{{1.count + 1}}', out: 6 },
  { t: '{{1.count = 5}}', out: true },
  { t: '{{1.count = "5"}}', out: true, name: 'decision: scenario = equates a number with its text' },
  { t: '{{1.status = active}}', out: true, name: 'unquoted text compares' },
  { t: '{{1.status != active}}', out: false },
  { t: '{{1.status <> active}}', out: false },
  { t: '{{1.count > 3 and 1.count < 10}}', out: true },
  { t: '{{1.count > 30 or 1.count = 5}}', out: true },
  { t: '{{1.count > 3 & 1.count < 4}}', out: false, name: '& is and' },
  { t: '{{1.count > 30 | 1.count = 5}}', out: true, name: '| is or' },
  { t: '{{1.count > 30 || 1.count = 5}}', out: true },
  { t: '{{1.count * 2 - 1}}', out: 9 },
  { t: '{{1.count % 2}}', out: 1 },
  { t: '{{1.count / 2}}', out: 2.5 },
  { t: '{{1.date = "2020-01-01T00:00:00Z"}}', out: true },
  { t: '{{if(1.count > 3; big; small)}}', out: 'big' },
  { t: '{{if(1.count > 3; "big"; "small")}}', out: 'big', name: 'quotes are optional' },
  { t: "{{if(1.count > 3; 'big'; 'small')}}", out: 'big' },
  { t: '{{if(1.count > 3; Big deal; small)}}', out: 'Big deal', name: 'unquoted text with spaces' },
  { t: '{{upper(hello world)}}', out: 'HELLO WORLD' },
  { t: '{{upper(substring(1.email; 0; 5))}}', out: 'A@X.I', name: 'nested calls' },
  { t: '{{split(1.`Customer Name`; space)}}', out: ['Ada'] },
  { t: '{{join(1.tags; space)}}', out: 'a b' },
  { t: '{{join(1.tags[]; ,)}}', out: 'a,b' },
  { t: '{{join(1.tags; newline)}}', out: 'a\nb' },
  { t: '{{join(1.tags; tab)}}', out: 'a\tb' },
  { t: '{{join(1.tags; nbsp)}}', out: 'a\u00a0b' },
  { t: '{{join(1.tags; carriagereturn)}}', out: 'a\rb' },
  { t: '{{emptystring}}', out: '' },
  { t: '{{emptyarray}}', out: [] },
  { t: '{{null}}', out: null },
  { t: '{{true}}', out: true },
  { t: '{{pi}}', out: Math.PI },
  { t: '{{now}}', out: new Date('2021-05-06T07:08:09Z'), opts: { now: '2021-05-06T07:08:09Z' } },
  {
    t: '{{timestamp}}',
    out: 1620284889,
    opts: { now: '2021-05-06T07:08:09Z' },
    name: 'timestamp is unix seconds',
  },
  { t: '{{executionId}}', out: 'exec-42', opts: { executionId: 'exec-42' } },
  { t: '{{random < 1 and random >= 0}}', out: true },
  { t: '{{length(uuid)}}', out: 36 },
  { t: '{{erase}}', out: ERASE },
  { t: '{{ignore}}', out: IGNORE },
  { t: 'x{{erase}}y', out: 'xy', name: 'keywords erase/ignore read as empty in text' },
  { t: '{{ifempty(1.missing; fallback)}}', out: 'fallback' },
  { t: '{{formatDate(1.date; YYYY-MM-DD)}}', out: '2020-01-01', name: 'unquoted format with dashes' },
  { t: '{{formatDate(1.date; MM/DD/YYYY)}}', out: '01/01/2020' },
  { t: '{{formatDate(1.date; DD.MM.YYYY HH:mm)}}', out: '01.01.2020 00:00' },
  { t: '{{get(1.items; 2.title)}}', out: undefined, name: 'a number-dot path is a module reference' },
  { t: '{{get(1.items; "2.title")}}', out: 'second' },
  { t: '{{get(3.data; name)}}', out: 'deep' },
  { t: '{{if(; a; b)}}', out: 'b', name: 'an empty argument is undefined' },
  { t: '{{1.email}}; {{1.count}}', out: 'a@x.io; 5', name: 'a semicolon outside braces is text' },
  { t: '{{contains(1.tags; a)}}', out: true },
  { t: '{{"-" + 1.count}}', out: '-5' },
  { t: '{{1.5}}', out: 1.5, name: 'a decimal number is a number' },
  { t: '{{undefined}}', out: 'undefined', name: 'undefined is not a scenario keyword' },
];

runTable('scenario dialect', rows, { dialect: 'scenario', ctx });

describe('scenario helpers', () => {
  test.each([
    ['{{1.items[]}}', true, '{{1.items}}'],
    ['{{1.data.list[]}}', true, '{{1.data.list}}'],
    ['{{ 1.items[ ] }}', true, '{{ 1.items}}'],
    ['{{1.items[].title}}', false, undefined],
    ['{{1.items[1]}}', false, undefined],
    ['{{1.items}}', false, undefined],
    ['x {{1.items[]}}', false, undefined],
    ['{{1.items[]}} ', false, undefined],
    ['{{map(1.items[]; title)}}', false, undefined],
    ['{{1.a[]}}{{1.b[]}}', false, undefined],
  ])('%s whole-array reference: %s', (template, yes, target) => {
    expect(isWholeArrayReference(template)).toBe(yes);
    expect(wholeArrayReferenceTarget(template)).toBe(target);
  });

  test('non-strings are never whole-array references', () => {
    expect(isWholeArrayReference(['{{1.items[]}}'])).toBe(false);
  });

  test('the target yields the whole array', () => {
    const target = wholeArrayReferenceTarget('{{1.items[]}}')!;
    expect(evaluate(target, ctx, { dialect: 'scenario' })).toEqual(ctx[1].items);
  });

  test('sentinels: frozen, recognisable, null in JSON', () => {
    expect(isErase(evaluate('{{erase}}', {}, { dialect: 'scenario' }))).toBe(true);
    expect(isIgnore(evaluate('{{ignore}}', {}, { dialect: 'scenario' }))).toBe(true);
    expect(isErase(IGNORE)).toBe(false);
    expect(Object.isFrozen(ERASE)).toBe(true);
    expect(JSON.stringify({ a: ERASE })).toBe('{"a":null}');
    expect(evaluate({ a: '{{erase}}' }, {}, { dialect: 'scenario' })).toEqual({ a: ERASE });
  });

  test('uuid is an RFC 4122 v4 identifier, fresh each time', () => {
    const a = evaluate('{{uuid}}', {}, { dialect: 'scenario' }) as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluate('{{uuid}}', {}, { dialect: 'scenario' })).not.toBe(a);
  });
});
