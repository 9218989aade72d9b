/** Template semantics: raw values, mixed text, recursion, spread, dropped keys, memoization. */
import { compile, evaluate } from '../../runtime/iml';
import { cacheStats } from '../../runtime/iml/template';
import { runTable, Row } from './table';

const ctx = {
  parameters: {
    id: 'cus_1',
    limit: 10,
    flag: false,
    obj: { a: 1, b: [1, 2] },
    list: ['x', 'y'],
    when: new Date('2020-01-02T03:04:05.000Z'),
    none: null,
    rows: [{ a: 1 }, { a: 2 }],
  },
};

const rows: Row[] = [
  { t: '{{parameters.limit}}', out: 10, name: 'exactly one {{…}} keeps the number' },
  { t: '{{parameters.flag}}', out: false, name: 'keeps a boolean' },
  { t: '{{parameters.obj}}', out: { a: 1, b: [1, 2] }, name: 'keeps an object' },
  { t: '{{parameters.none}}', out: null, name: 'keeps null' },
  { t: ' {{parameters.limit}}', out: ' 10', name: 'surrounding text makes a string' },
  { t: '{{parameters.limit}}{{parameters.limit}}', out: '1010', name: 'two expressions make a string' },
  { t: '/v1/customers/{{parameters.id}}', out: '/v1/customers/cus_1' },
  { t: 'plain text', out: 'plain text', name: 'a string without braces is unchanged' },
  { t: '', out: '' },
  { t: 'a { b } c', out: 'a { b } c', name: 'single braces are text' },
  { t: 'flag={{parameters.flag}}', out: 'flag=false', name: 'decision: booleans as true/false in text' },
  { t: 'x={{parameters.none}}', out: 'x=', name: 'decision: null is empty in text' },
  { t: 'x={{parameters.missing}}', out: 'x=', name: 'decision: undefined is empty in text' },
  { t: 'x={{parameters.obj}}', out: 'x={"a":1,"b":[1,2]}', name: 'decision: collections as JSON in text' },
  { t: 'x={{parameters.list}}', out: 'x=x, y', name: 'decision: arrays joined by ", " in text' },
  {
    t: 'x={{parameters.rows}}',
    out: 'x={"a":1}, {"a":2}',
    name: 'decision: array of collections as comma-separated JSON',
  },
  {
    t: 'at {{parameters.when}}',
    out: 'at 2020-01-02T03:04:05.000Z',
    name: 'decision: dates as ISO 8601 in text',
  },
  { t: 'n={{1.50}}', out: 'n=1.5', name: 'decision: numbers as JavaScript prints them' },
  { t: 42, out: 42, name: 'numbers pass through' },
  { t: true, out: true, name: 'booleans pass through' },
  { t: null, out: null, name: 'null passes through' },
  {
    t: ['{{parameters.limit}}', 'a{{parameters.id}}', 3],
    out: [10, 'acus_1', 3],
    name: 'arrays are evaluated element-wise',
  },
  {
    t: { qs: { limit: '{{parameters.limit}}', id: '{{parameters.id}}' } },
    out: { qs: { limit: 10, id: 'cus_1' } },
    name: 'objects are evaluated recursively',
  },
  { t: { a: '{{parameters.missing}}', b: 1 }, out: { b: 1 }, name: 'undefined drops its key' },
  { t: { a: '{{parameters.none}}' }, out: { a: null }, name: 'null keeps its key' },
  { t: ['{{parameters.missing}}', 1], out: [1], name: 'decision: undefined drops its array slot' },
  {
    t: { '{{...}}': '{{parameters.obj}}', c: 3 },
    out: { a: 1, b: [1, 2], c: 3 },
    name: 'the spread key merges an object',
  },
  {
    t: { a: 0, '{{...}}': '{{parameters.obj}}' },
    out: { a: 0, b: [1, 2] },
    name: 'sibling keys win over the spread',
  },
  {
    t: { '{{...}}': "{{omit(parameters.obj, 'b')}}", extra: 1 },
    out: { a: 1, extra: 1 },
    name: 'spread of omit()',
  },
  {
    t: { '{{...}}': '{{parameters.missing}}', a: 1 },
    out: { a: 1 },
    name: 'spreading undefined adds nothing',
  },
  {
    t: { '{{...}}': '{{parameters.list}}' },
    err: 'must evaluate to a collection',
    name: 'spreading an array fails',
  },
  { t: { 'key_{{parameters.id}}': 1 }, out: { key_cus_1: 1 }, name: 'keys may be templates' },
  {
    t: { url: '/x', body: '{{parameters}}' },
    out: { url: '/x', body: ctx.parameters },
    name: 'a whole object as body',
  },
];

runTable('template semantics', rows, { dialect: 'app', ctx });

// A whole object or array tree compiles to one generated function: the same semantics at every depth.
const trees: Row[] = [
  {
    t: { a: [{ b: '{{parameters.missing}}', c: ['{{parameters.missing}}', '{{parameters.limit}}'] }] },
    out: { a: [{ c: [10] }] },
    name: 'undefined drops keys and slots in objects inside arrays inside objects',
  },
  {
    t: { a: 'x{{parameters.missing}}', b: '{{parameters.missing}}{{parameters.missing}}' },
    out: { a: 'x', b: '' },
    name: 'mixed text is always a string, never a dropped key',
  },
  { t: { a: undefined, b: [undefined, 1] }, out: { b: [1] }, name: 'a constant undefined drops too' },
  {
    t: { z: 1, '{{...}}': { a: '{{parameters.limit}}', z: 2 }, b: '{{parameters.id}}' },
    out: { a: 10, z: 1, b: 'cus_1' },
    name: 'a spread of a nested object template; the sibling key wins',
  },
  {
    t: { 'k_{{parameters.missing}}': '{{parameters.missing}}', 'k_{{parameters.limit}}': [] },
    out: { k_10: [] },
    name: 'a key template names a kept value only',
  },
  {
    t: [[['{{parameters.limit}}']], { a: { b: { c: '{{parameters.id}}' } } }],
    out: [[[10]], { a: { b: { c: 'cus_1' } } }],
    name: 'deep nesting of arrays and objects',
  },
  {
    t: { a: '{{parameters.obj}}', b: '{{parameters.obj}}' },
    out: { a: { a: 1, b: [1, 2] }, b: { a: 1, b: [1, 2] } },
    name: 'a raw value appears under every key that maps it',
  },
];
runTable('template trees', trees, { dialect: 'app', ctx });

describe('template results', () => {
  test('a dropped key is absent, not present-and-undefined', () => {
    const out = evaluate({ a: '{{x}}', b: 1 }, {}, { dialect: 'app' }) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['b']);
  });

  test('the result is a fresh object each time', () => {
    const f = compile({ a: { b: 1 } }, { dialect: 'app' });
    const one = f({}) as { a: { b: number } };
    one.a.b = 2;
    expect(f({})).toEqual({ a: { b: 1 } });
  });

  test('a "__proto__" key in data stays an own property and changes no prototype', () => {
    const out = evaluate(
      { '{{...}}': '{{parseJSON(\'{"__proto__": {"polluted": 1}}\')}}' },
      {},
      { dialect: 'app' },
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a literal "__proto__" key of a template object stays an own property of the result', () => {
    // JSON.parse makes "__proto__" an own key, as a definition file read from disk has it.
    const template = JSON.parse('{"__proto__": "{{parameters.obj}}", "after": "{{parameters.id}}"}');
    const out = evaluate(template, ctx, { dialect: 'app' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'after']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ a: 1, b: [1, 2] });
    expect(out.after).toBe('cus_1');
  });

  test('a failure inside an object template surfaces as an ImlError with the template position', () => {
    const f = compile({ url: '/x', qs: { n: "{{parseNumber('abc')}}{{substring(parameters.id, 'x')}}" } });
    expect(() => f(ctx)).toThrow(expect.objectContaining({ name: 'ImlError', position: expect.anything() }));
  });

  test('a key template is evaluated only when its value is kept', () => {
    // The key would fail if it were evaluated.
    const t = { "{{parseNumber('abc')}}": '{{parameters.missing}}', b: 1 };
    expect(evaluate(t, ctx)).toEqual({ b: 1 });
    expect(() => evaluate({ ...t, "{{parseNumber('abc')}}": 1 }, ctx)).toThrow(/cannot parse/);
  });

  test('a "__proto__" key produced by a key template stays an own property', () => {
    const out = evaluate({ '{{k}}': 1 }, { k: '__proto__' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe(1);
  });

  test("a failure in a later value of an object names that value's template and position", () => {
    const second = "n={{parseNumber('abc')}}";
    const f = compile({ a: '{{upper(parameters.id)}}', b: { c: second } });
    let caught: unknown;
    try {
      f(ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'ImlError', template: second, position: { column: 5 } });
  });

  test('the step budget spans every value of one object evaluation, and resets for the next', () => {
    const big = Array.from({ length: 600_000 }, (_x, i) => i);
    const values = Object.fromEntries(
      Array.from({ length: 40 }, (_x, i) => [`k${i}`, '{{length(merge(big))}}']),
    );
    const f = compile({ values });
    expect(() => f({ big })).toThrow(/budget of 20000000 steps exceeded/);
    const fewer = compile({ values: Object.fromEntries(Object.entries(values).slice(0, 25)) });
    expect(fewer({ big })).toEqual(fewer({ big }));
  });

  test('paths shared by many values, and more distinct paths than are read up front, all resolve', () => {
    const data = Object.fromEntries(Array.from({ length: 300 }, (_x, i) => [`f${i}`, { v: i }]));
    const t = Object.fromEntries(
      Array.from({ length: 300 }, (_x, i) => [
        `k${i}`,
        `{{if(p.f${i}.v > 150, p.f${i}.v, p.f${299 - i}.v)}}`,
      ]),
    );
    const out = compile(t)({ p: data }) as Record<string, number>;
    expect(out.k0).toBe(299);
    expect(out.k200).toBe(200);
    expect(Object.values(out).every((v, i) => v === (i > 150 ? i : 299 - i))).toBe(true);
  });

  test('compiling the same text twice is a cache hit', () => {
    const text = '{{parameters.id}}-memo-test';
    compile(text, { dialect: 'app' });
    const hits = cacheStats.hits;
    const misses = cacheStats.misses;
    compile(text, { dialect: 'app' });
    expect(cacheStats.hits).toBe(hits + 1);
    expect(cacheStats.misses).toBe(misses);
  });

  test('the cache is per dialect', () => {
    // Bare `a` is text in a scenario mapping and a (here absent) context value in app IML.
    const text = '{{if(1 = 1; a; b)}}';
    expect(evaluate(text, {}, { dialect: 'scenario' })).toBe('a');
    expect(evaluate(text, {}, { dialect: 'app' })).toBeUndefined();
  });

  test('the same object compiles once', () => {
    const def = { url: '/v1/{{parameters.id}}', qs: { limit: '{{parameters.limit}}' } };
    expect(compile(def)).toBe(compile(def));
  });

  test('cache: false compiles afresh', () => {
    const def = { url: '/v1/{{parameters.id}}' };
    const a = compile(def, { cache: false });
    expect(a).not.toBe(compile(def, { cache: false }));
    expect(a(ctx)).toEqual({ url: '/v1/cus_1' });
  });

  test('the default dialect is app and the default zone UTC', () => {
    expect(evaluate('{{formatDate(parameters.when, "HH:mm")}}', ctx)).toBe('03:04');
    expect(evaluate('{{formatDate(parameters.when, "HH:mm")}}', ctx, { timezone: 'Europe/Prague' })).toBe(
      '04:04',
    );
  });

  test('now is frozen within one evaluation', () => {
    const out = evaluate(['{{now}}', '{{now}}'], {}) as Date[];
    expect(out[0].getTime()).toBe(out[1].getTime());
  });
});
