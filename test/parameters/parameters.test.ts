import { BundleValidationError } from '../../runtime/errors';
import { prepareParameters, toIsoDate, validatorFor } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';

const specs = (list: unknown[]): ParameterSpec[] => list as ParameterSpec[];

/** Runs prepareParameters with a fresh owner (the cache key) and returns the problems, if any. */
function problems(
  list: unknown[],
  values: Record<string, unknown>,
): { field: string; label?: string; message: string }[] {
  try {
    prepareParameters({}, specs(list), values);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BundleValidationError);
    return (err as BundleValidationError).problems;
  }
}

const prepare = (list: unknown[], values: Record<string, unknown>, opts = {}) =>
  prepareParameters({}, specs(list), values, opts);

describe('empty-value rules (§5.4)', () => {
  const form = [
    { name: 'name', type: 'text' },
    { name: 'count', type: 'uinteger' },
    { name: 'tags', type: 'array' },
    { name: 'kind', type: 'select', options: [{ label: 'A', value: 'a' }] },
    { name: 'kinds', type: 'select', multiple: true, options: [{ label: 'A', value: 'a' }] },
    { name: 'flag', type: 'boolean' },
    {
      name: 'address',
      type: 'collection',
      spec: [
        { name: 'city', type: 'text' },
        { name: 'zip', type: 'text' },
      ],
    },
  ];

  test('unfilled values are absent', () => {
    const out = prepare(form, {
      name: '',
      count: undefined,
      tags: [],
      kind: '',
      kinds: [],
      flag: undefined,
      address: { city: '' },
    });
    expect(out).toEqual({ address: {} });
    expect('name' in out).toBe(false);
  });

  test('null from an API caller is erase: null, or [] for arrays and multiple selects; a boolean stays absent', () => {
    const out = prepare(form, {
      name: null,
      count: null,
      tags: null,
      kind: null,
      kinds: null,
      flag: null,
      address: { city: null },
    });
    expect(out).toEqual({
      name: null,
      count: null,
      tags: [],
      kind: null,
      kinds: [],
      address: { city: null },
    });
  });

  test('default fills an absent value, not an erased one', () => {
    const withDefault = [
      { name: 'limit', type: 'uinteger', default: 10 },
      { name: 'sort', type: 'text', default: 'asc' },
    ];
    expect(prepare(withDefault, {})).toEqual({ limit: 10, sort: 'asc' });
    expect(prepare(withDefault, { limit: null, sort: '' })).toEqual({ limit: null, sort: 'asc' });
  });

  test('a collection without a spec keeps its keys', () => {
    expect(prepare([{ name: 'meta', type: 'collection' }], { meta: { any: 1, thing: 'x' } })).toEqual({
      meta: { any: 1, thing: 'x' },
    });
  });

  test('unknown names (stale mapper keys, __IMTCONN__) are ignored', () => {
    expect(prepare([{ name: 'a', type: 'text' }], { a: 'x', __IMTCONN__: 5, stale: 'y' })).toEqual({
      a: 'x',
    });
  });

  test('dynamic fields (rpc:// in the spec list) keep names the specs do not define', () => {
    expect(
      prepare([{ name: 'a', type: 'text' }, 'rpc://fields'], { a: 'x', custom: 1, __IMTCONN__: 5 }),
    ).toEqual({ a: 'x', custom: 1 });
  });
});

describe('types and options (§5.3)', () => {
  test('numbers from numeric strings, booleans from "true"/"false", text from numbers', () => {
    const out = prepare(
      [
        { name: 'n', type: 'number' },
        { name: 'i', type: 'integer' },
        { name: 'b', type: 'boolean' },
        { name: 't', type: 'text' },
      ],
      { n: ' 12.5 ', i: '42', b: 'false', t: 7 },
    );
    expect(out).toEqual({ n: 12.5, i: 42, b: false, t: '7' });
  });

  test('Make\'s type coercion: booleans are No only for false or "false" (0 is Yes)', () => {
    const flag = (b: unknown) => prepare([{ name: 'b', type: 'boolean' }], { b }).b;
    expect([false, 'false', true, 'true', 0, 1, 'yes', 'no', { a: 1 }].map(flag)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  test("Make's type coercion: text fields take dates, collections, arrays and buffers as text", () => {
    const text = (t: unknown) => prepare([{ name: 't', type: 'text' }], { t }).t;
    expect(text(new Date('2024-03-05T10:00:00Z'))).toBe('2024-03-05T10:00:00.000Z');
    expect(text({ a: 1 })).toBe('{"a":1}');
    expect(text(['a', 'b'])).toBe('a, b');
    expect(text([{ a: 1 }, { b: 2 }])).toBe('{"a":1}, {"b":2}');
    expect(text(Buffer.from('hi'))).toBe('hi');
    expect(prepare([{ name: 'e', type: 'email' }], { e: 5 }).e).toBe('5');
  });

  test("Make's type coercion: an array field wraps a single value", () => {
    const list = [
      { name: 'tags', type: 'array', spec: { type: 'text' } },
      { name: 'kinds', type: 'select', multiple: true, options: [{ label: 'A', value: 'a' }] },
    ];
    expect(prepare(list, { tags: 'solo', kinds: 'a' })).toEqual({ tags: ['solo'], kinds: ['a'] });
    expect(prepare(list, { tags: 7 })).toEqual({ tags: ['7'] });
  });

  test('date → ISO UTC with milliseconds, in the given timezone when no offset is given', () => {
    const spec = [{ name: 'd', type: 'date' }];
    expect(prepare(spec, { d: '2024-03-05' })).toEqual({ d: '2024-03-05T00:00:00.000Z' });
    expect(prepare(spec, { d: '2024-03-05T10:00:00+02:00' })).toEqual({ d: '2024-03-05T08:00:00.000Z' });
    expect(prepare(spec, { d: '2024-07-01 12:30' }, { timezone: 'America/New_York' })).toEqual({
      d: '2024-07-01T16:30:00.000Z',
    });
    expect(prepare(spec, { d: 1700000000 })).toEqual({ d: '2023-11-14T22:13:20.000Z' });
    expect(prepare(spec, { d: 'now' }, { now: new Date('2025-01-02T03:04:05.678Z') })).toEqual({
      d: '2025-01-02T03:04:05.678Z',
    });
    expect(toIsoDate('2024-02-30')).toBeUndefined();
  });

  test('validate min/max/pattern on text and numbers', () => {
    const list = [
      { name: 'code', label: 'Code', type: 'text', validate: { pattern: '^[A-Z]{3}$', max: 3 } },
      { name: 'qty', label: 'Quantity', type: 'integer', validate: { min: 1, max: 5 } },
    ];
    expect(problems(list, { code: 'usd', qty: 9 })).toEqual([
      { field: 'code', label: 'Code', message: 'must match the pattern ^[A-Z]{3}$' },
      { field: 'qty', label: 'Quantity', message: 'must be at most 5' },
    ]);
    expect(problems(list, { code: 'USD', qty: '3' })).toEqual([]);
  });

  test('a validate.pattern that hangs a backtracking engine answers at once; named groups still work (issue 16)', () => {
    const list = [
      { name: 'a', type: 'text', validate: { pattern: '^(a|a)*$' } },
      { name: 'b', type: 'text', validate: { pattern: '\\s*\\s*\\s*$x' } },
      { name: 'c', type: 'text', validate: { pattern: '^(?<cc>[A-Z]{2})-\\k<cc>$' } },
    ];
    expect(problems(list, { a: `${'a'.repeat(5000)}!`, b: ' '.repeat(5000), c: 'CZ-CZ' })).toEqual([
      { field: 'a', label: 'a', message: 'must match the pattern ^(a|a)*$' },
      { field: 'b', label: 'b', message: 'must match the pattern \\s*\\s*\\s*$x' },
    ]);
    expect(problems(list, { c: 'CZ-SK' })).toEqual([
      { field: 'c', label: 'c', message: 'must match the pattern ^(?<cc>[A-Z]{2})-\\k<cc>$' },
    ]);
  });

  test('a validate.pattern that runs out of the regex budget is an ImlError naming it', () => {
    const list = [{ name: 'a', type: 'text', validate: { pattern: '^(a*)*\\1$b' } }];
    expect(() => prepareParameters({}, specs(list), { a: 'a'.repeat(5000) })).toThrow(
      expect.objectContaining({ name: 'ImlError', message: expect.stringMatching(/regex step budget/) }),
    );
  });

  test('select: static options checked, grouped and store options understood, rpc:// options not checked strictly', () => {
    const list = [
      {
        name: 'plain',
        type: 'select',
        options: [
          { label: 'One', value: 1 },
          { label: 'Two', value: 2 },
        ],
      },
      {
        name: 'grouped',
        type: 'select',
        grouped: true,
        options: [{ label: 'G', options: [{ label: 'X', value: 'x' }] }],
      },
      {
        name: 'store',
        type: 'select',
        options: { store: [{ name: 'Y', id: 'y' }], label: 'name', value: 'id' },
      },
      { name: 'dynamic', type: 'select', options: 'rpc://listThings' },
    ];
    expect(problems(list, { plain: 2, grouped: 'x', store: 'y', dynamic: 'anything' })).toEqual([]);
    expect(problems(list, { plain: 3, grouped: 'z', store: 'q' }).map((p) => p.field)).toEqual([
      'plain',
      'grouped',
      'store',
    ]);
  });

  test('select multiple: array of option values with minItems/maxItems; spec.type converts values', () => {
    const list = [
      {
        name: 'm',
        type: 'select',
        multiple: true,
        validate: { maxItems: 2 },
        options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
      },
      { name: 'n', type: 'select', spec: { type: 'number' }, options: 'rpc://x' },
    ];
    expect(prepare(list, { m: ['a', 'b'], n: '5' })).toEqual({ m: ['a', 'b'], n: 5 });
    expect(problems(list, { m: ['a', 'b', 'c'] })).toEqual([
      { field: 'm', label: 'm', message: 'must have at most 2 item(s)' },
    ]);
    expect(problems(list, { m: ['a', 'x'] })[0].field).toBe('m[2]');
  });

  test('nested fields sit beside their parent and are required only while shown', () => {
    const list = [
      {
        name: 'mode',
        type: 'select',
        required: true,
        options: [
          {
            label: 'By id',
            value: 'id',
            nested: [{ name: 'uuid', label: 'UUID', type: 'text', required: true }],
          },
          {
            label: 'By email',
            value: 'email',
            nested: [{ name: 'email', label: 'Email', type: 'email', required: true }],
          },
        ],
      },
      { name: 'advanced', type: 'boolean', nested: [{ name: 'depth', type: 'uinteger', default: 3 }] },
    ];
    expect(prepare(list, { mode: 'id', uuid: 'cus_1' })).toEqual({ mode: 'id', uuid: 'cus_1' });
    expect(problems(list, { mode: 'email' })).toEqual([
      { field: 'email', label: 'Email', message: 'is required' },
    ]);
    expect(prepare(list, { mode: 'id', uuid: 'u', advanced: true })).toEqual({
      mode: 'id',
      uuid: 'u',
      advanced: true,
      depth: 3,
    });
    expect(prepare(list, { mode: 'id', uuid: 'u' })).not.toHaveProperty('depth');
  });

  test('an erased multiple select ([]) shows no nested fields: their defaults do not apply', () => {
    const list = [
      {
        name: 'carriers',
        type: 'select',
        multiple: true,
        options: {
          store: [
            { label: 'Post', value: 'post', nested: [{ name: 'office', type: 'text', default: 'main' }] },
          ],
          nested: [{ name: 'insured', type: 'boolean', default: true }],
        },
      },
    ];
    expect(prepare(list, { carriers: null })).toEqual({ carriers: [] });
    expect(prepare(list, { carriers: ['post'] })).toEqual({
      carriers: ['post'],
      office: 'main',
      insured: true,
    });
  });

  test('collection and array specs validate inside items, fields named 1-based', () => {
    const list = [
      {
        name: 'line_items',
        label: 'Line items',
        type: 'array',
        required: true,
        validate: { minItems: 1 },
        spec: [
          { name: 'amount_in_cents', label: 'Amount', type: 'integer', required: true },
          { name: 'date', label: 'Date', type: 'date' },
        ],
      },
      { name: 'ids', type: 'array', spec: { type: 'uinteger' } },
      { name: 'meta', type: 'collection', spec: [{ name: 'size', label: 'Size', type: 'number' }] },
    ];
    const out = prepare(list, {
      line_items: [{ amount_in_cents: '100', date: '2024-01-01' }],
      ids: ['1', 2],
      meta: { size: '1.5' },
    });
    expect(out).toEqual({
      line_items: [{ amount_in_cents: 100, date: '2024-01-01T00:00:00.000Z' }],
      ids: [1, 2],
      meta: { size: 1.5 },
    });
    expect(
      problems(list, {
        line_items: [{ amount_in_cents: 1 }, { date: 'soon' }],
        ids: [-1],
        meta: { size: 'big' },
      }),
    ).toEqual(
      [
        { field: 'line_items[2].amount_in_cents', label: 'Amount', message: 'is required' },
        {
          field: 'line_items[2].date',
          label: 'Date',
          message: 'must be a date (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)',
        },
        { field: 'ids[1]', message: 'must be at least 0', label: '' },
        { field: 'meta.size', label: 'Size', message: 'must be a number' },
      ].map((p) => (p.label === '' ? { field: p.field, message: p.message } : p)),
    );
  });
});

describe('bad input → BundleValidationError naming each field', () => {
  const list = [
    { name: 'email', label: 'Email', type: 'email', required: true },
    { name: 'count', label: 'Count', type: 'uinteger' },
    { name: 'status', label: 'Status', type: 'select', options: [{ label: 'Active', value: 'active' }] },
    { name: 'since', label: 'Since', type: 'date' },
    { name: 'flag', label: 'Flag', type: 'boolean', required: true },
  ];

  test('wrong type, missing required, unknown select value and malformed date, all in one error', () => {
    let error: BundleValidationError | undefined;
    try {
      prepareParameters(
        {},
        specs(list),
        { count: 'many', status: 'paused', since: '2024-13-01' },
        { componentId: 'm1' },
      );
    } catch (err) {
      error = err as BundleValidationError;
    }
    expect(error).toBeInstanceOf(BundleValidationError);
    expect(error!.name).toBe('BundleValidationError');
    expect(error!.componentId).toBe('m1');
    expect(error!.problems.map((p) => [p.field, p.label])).toEqual([
      ['email', 'Email'],
      ['count', 'Count'],
      ['status', 'Status'],
      ['since', 'Since'],
      ['flag', 'Flag'],
    ]);
    expect(error!.message).toMatch(
      /^Validation failed for 5 parameter\(s\): Email \(email\): is required; Count \(count\): must be a whole number/,
    );
    expect(error!.problems[2].message).toBe('must be one of: "active"');
  });

  test('a required field erased with null is still missing', () => {
    expect(problems([{ name: 'id', label: 'ID', type: 'json', required: true }], { id: null })).toEqual([
      { field: 'id', label: 'ID', message: 'is required' },
    ]);
  });

  test('each definition converts by its own type: the plan kept per spec is not shared by name', () => {
    // normalize.ts works out each spec's conversion once and keeps it per spec object: two
    // definitions of one name, alternated, must each keep converting by their own type.
    const asNumber = specs([{ name: 'x', type: 'number' }]);
    const asText = specs([{ name: 'x', type: 'text' }]);
    const asDate = specs([{ name: 'x', type: 'date' }]);
    for (let round = 0; round < 2; round++) {
      expect(prepareParameters({}, asNumber, { x: ' 12 ' })).toEqual({ x: 12 });
      expect(prepareParameters({}, asText, { x: 12 })).toEqual({ x: '12' });
      expect(prepareParameters({}, asDate, { x: '2024-01-15' })).toEqual({ x: '2024-01-15T00:00:00.000Z' });
      // A changed value changes the result (nothing about the last value is kept).
      expect(prepareParameters({}, asDate, { x: '2024-01-16' })).toEqual({ x: '2024-01-16T00:00:00.000Z' });
    }
    // Array items of a sparse array: holes are dropped, as before the plan.
    const sparse: unknown[] = ['a'];
    sparse[2] = 'b';
    expect(prepareParameters({}, specs([{ name: 't', type: 'array' }]), { t: sparse })).toEqual({
      t: ['a', 'b'],
    });
    // An erased multiple select is a fresh [] each time: changing one result does not change the next.
    const multi = specs([
      { name: 'k', type: 'select', multiple: true, options: [{ label: 'A', value: 'a' }] },
    ]);
    const first = prepareParameters({}, multi, { k: null });
    (first.k as unknown[]).push('changed');
    expect(prepareParameters({}, multi, { k: null })).toEqual({ k: [] });
  });

  test('field names of any text are read and written as written (the level plan writes them as code)', () => {
    const odd = ['a"b', "x'); throw new Error('no'); ('", 'back\\slash', 'line\u2028sep', '${x}'];
    const list = specs(odd.map((name) => ({ name, type: 'number' })));
    const values = Object.fromEntries(odd.map((name, i) => [name, String(i)]));
    expect(prepareParameters({}, list, values)).toEqual(Object.fromEntries(odd.map((name, i) => [name, i])));
    expect(prepareParameters({}, list, {})).toEqual({});
  });

  test('a spec list built afresh for every call normalizes by the specs it holds', () => {
    // Levels are planned per spec list; the generated code is shared by lists with the same names.
    const a = { name: 'n', type: 'number' };
    const b = { name: 'n', type: 'text' };
    for (let round = 0; round < 3; round++) {
      expect(prepareParameters({}, specs([a]), { n: '5' })).toEqual({ n: 5 });
      expect(prepareParameters({}, specs([b]), { n: 5 })).toEqual({ n: '5' });
      expect(prepareParameters({}, specs([b, a]), { n: 5 })).toEqual({ n: '5' });
    }
  });

  test('the schema is compiled once per owner', () => {
    const owner = {};
    const list = specs([{ name: 'a', type: 'integer' }]);
    const first = validatorFor(owner, list);
    expect(prepareParameters(owner, list, { a: '1' })).toEqual({ a: 1 });
    expect(validatorFor(owner, list)).toBe(first);
    expect(validatorFor({}, list)).not.toBe(first);
  });
});

describe('fields named like what every object inherits', () => {
  // Only a value's own properties are its fields: an absent `constructor` is absent, not Object's function.
  const specs: ParameterSpec[] = [
    { name: 'constructor', type: 'text' },
    { name: 'toString', type: 'number' },
    { name: 'hasOwnProperty', type: 'text', required: true },
  ];

  test('absent, they are absent; given, they are checked like any field', () => {
    const owner = {};
    expect(prepareParameters(owner, specs, { hasOwnProperty: 'x' })).toEqual({ hasOwnProperty: 'x' });
    expect(prepareParameters(owner, specs, { constructor: 'c', toString: '7', hasOwnProperty: 'x' })).toEqual(
      {
        constructor: 'c',
        toString: 7,
        hasOwnProperty: 'x',
      },
    );
    expect(() => prepareParameters(owner, specs, {})).toThrow(/hasOwnProperty/);
    expect(() => prepareParameters(owner, specs, { toString: 'seven', hasOwnProperty: 'x' })).toThrow(
      /toString/,
    );
  });
});
