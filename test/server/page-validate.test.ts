/**
 * The page's field checks (runtime/server/public/js/validate.js, browser code), run in a child node
 * process: required, types, pattern, range, options, mapped values, and nested fields that only
 * apply when their parent's option is chosen.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inPageModule, js } from './page-module';

function checkFields(specs: unknown[], values: Record<string, unknown>): { path: string; message: string }[] {
  return inPageModule('validate.js', `m.checkFields(${js(specs)}, ${js(values)})`);
}

const SPECS = [
  { name: 'limit', type: 'uinteger', required: true, validate: { min: 1 } },
  { name: 'country', type: 'text', validate: { pattern: '^[A-Za-z]{2}$' } },
  { name: 'when', type: 'date' },
  {
    name: 'kind',
    type: 'select',
    options: [
      { label: 'A', value: 'a' },
      { label: 'B', value: 'b', nested: [{ name: 'detail', type: 'text', required: true }] },
    ],
  },
  { name: 'items', type: 'array', spec: [{ name: 'amount', type: 'integer', required: true }] },
];

test('a valid form has no problems; a mapped value passes every check but required', () => {
  expect(
    checkFields(SPECS, { limit: 3, country: 'US', when: '2024-05-01', kind: 'a', items: [{ amount: 5 }] }),
  ).toEqual([]);
  expect(
    checkFields(SPECS, { limit: '{{1.n}}', country: '{{1.country}}', items: [{ amount: '{{1.x}}' }] }),
  ).toEqual([]);
});

// Whether a date field takes a value ('soon' here) is the runtime's answer (POST /api/check), not the
// page's own: test/server/page-routes and the mapping browser test pin it.
test('each rule names its field, nested and array items included', () => {
  expect(
    checkFields(SPECS, { limit: 0, country: 'USA', when: 'soon', kind: 'c', items: [{ amount: 1.5 }, {}] }),
  ).toEqual([
    { path: 'limit', message: 'Must be at least 1' },
    { path: 'kind', message: 'Not one of the options: c' },
    { path: 'items.0.amount', message: 'Must be a whole number' },
    { path: 'items.1.amount', message: 'Required' },
  ]);
  expect(checkFields(SPECS, { limit: 'many' })).toEqual([{ path: 'limit', message: 'Must be a number' }]);
  expect(checkFields(SPECS, {})).toEqual([{ path: 'limit', message: 'Required' }]);
});

test('a nested field applies only when its parent option is chosen', () => {
  expect(checkFields(SPECS, { limit: 1, kind: 'a' })).toEqual([]);
  expect(checkFields(SPECS, { limit: 1, kind: 'b' })).toEqual([{ path: 'detail', message: 'Required' }]);
});

test('nested fields in every form Make writes: option store, { store } lists, booleans only when true, multiple selects', () => {
  const specs = [
    {
      name: 'mode',
      type: 'select',
      options: {
        store: [
          {
            label: 'Group',
            options: [
              { label: 'Deep', value: 2, nested: [{ name: 'depth', type: 'uinteger', required: true }] },
            ],
          },
        ],
        nested: { store: [{ name: 'why', type: 'text', required: true }] },
      },
    },
    { name: 'on', type: 'boolean', nested: [{ name: 'level', type: 'integer', required: true }] },
    {
      name: 'tags',
      type: 'select',
      multiple: true,
      options: [
        { label: 'A', value: 'a' },
        { label: 'B', value: 'b', nested: [{ name: 'b_note', type: 'text', required: true }] },
      ],
    },
  ];
  expect(checkFields(specs, {})).toEqual([]);
  // The store's own nested list opens for any value, the option's only for its value (typed: 2, not "2").
  expect(checkFields(specs, { mode: 2 })).toEqual([
    { path: 'why', message: 'Required' },
    { path: 'depth', message: 'Required' },
  ]);
  expect(checkFields(specs, { mode: '2' })).toEqual([{ path: 'why', message: 'Required' }]);
  expect(checkFields(specs, { on: false })).toEqual([]);
  expect(checkFields(specs, { on: true })).toEqual([{ path: 'level', message: 'Required' }]);
  expect(checkFields(specs, { tags: ['a'] })).toEqual([]);
  expect(checkFields(specs, { tags: ['a', 'b'] })).toEqual([{ path: 'b_note', message: 'Required' }]);
});

test('a problem path reads as the labels the form shows: a field, an array item, a collection field', () => {
  const specs = [
    ...SPECS,
    { name: 'address', label: 'Address', type: 'collection', spec: [{ name: 'zip', label: 'ZIP code' }] },
  ];
  const label = (path: string, values: Record<string, unknown> = {}) =>
    inPageModule<string>('validate.js', `m.pathLabel(${js(specs)}, ${js(values)}, ${js(path)})`);
  expect(label('limit')).toBe('limit'); // no label: its name, as the form shows it
  expect(label('address.zip')).toBe('Address: ZIP code');
  expect(label('items.1.amount', { items: [{}, {}] })).toBe('items 2: amount');
  // A nested field counts while its parent's option opens it.
  expect(label('detail', { kind: 'b' })).toBe('detail');
});

/**
 * checkValue twice in a page whose server (a stand-in for fetch) answers every pattern asked with
 * `answer`: before the answer comes in, and after. Returns both messages and the patterns sent.
 */
function patternRoundTrip(spec: object, value: string, answer: object) {
  const href = (file: string) =>
    js(pathToFileURL(path.resolve(__dirname, '../../runtime/server/public/js', file)).href);
  const script = `
    const asked = [];
    globalThis.fetch = async (url, init) => {
      const body = JSON.parse(init.body);
      asked.push(...(body.patterns ?? []));
      const reply = { templates: [], dates: [], patterns: (body.patterns ?? []).map(() => (${js(answer)})) };
      return { ok: true, status: 200, text: async () => JSON.stringify(reply) };
    };
    // A page's RegExp of the pattern is what could freeze its tab (issue 16): none may be built.
    const NativeRegExp = RegExp;
    globalThis.RegExp = function (source, flags) {
      if (String(source) === ${js((spec as { validate: { pattern: string } }).validate.pattern)})
        throw new Error('the page built a RegExp of the pattern');
      return new NativeRegExp(source, flags);
    };
    const m = await import(${href('validate.js')});
    const checks = await import(${href('checks.js')});
    const arrived = new Promise((resolve) => checks.onChecked(resolve));
    const before = m.checkValue(${js(spec)}, ${js(value)});
    await arrived;
    const after = m.checkValue(${js(spec)}, ${js(value)});
    process.stdout.write(JSON.stringify({ before, after, asked }));`;
  const out = execFileSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as { before: string | null; after: string | null; asked: unknown[] };
}

test("a validate.pattern is judged by the runtime's bounded matcher (POST /api/check), never a RegExp of the page's", () => {
  const spec = { name: 'code', type: 'text', validate: { pattern: '^(a+)+$' } };
  const value = `${'a'.repeat(40)}!`; // hangs a backtracking engine: the tab froze on it
  expect(patternRoundTrip(spec, value, { matches: false })).toEqual({
    before: null, // not known yet: it passes until the answer comes
    after: 'Must match ^(a+)+$',
    asked: [{ pattern: '^(a+)+$', value }],
  });
  expect(patternRoundTrip(spec, 'aaa', { matches: true }).after).toBeNull();
  const budget = 'validate.pattern: the pattern needed more than 10000000 steps (regex step budget)';
  expect(patternRoundTrip(spec, value, { matches: false, error: budget }).after).toBe(budget);
});
