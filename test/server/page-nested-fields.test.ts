/**
 * The page shows a nested field (runtime/server/public/js/select-options.js `nestedFor`, walked by
 * validate.js `activeSpecs`) exactly when the runtime treats it as shown (runtime/parameters/normalize.ts
 * `isShown`, which decides whether its `default` applies): the two are compared on every value shape,
 * so the form never hides a field the run fills in, nor shows one the run ignores.
 */
import { flattenLevel } from '../../runtime/parameters';
import { isShown, normalizeLevel } from '../../runtime/parameters/normalize';
import type { ParameterSpec } from '../../runtime/types/app';
import { inPageModule, js } from './page-module';

const SPECS = [
  {
    name: 'service',
    type: 'select',
    options: {
      store: [
        { label: 'Courier', value: 'courier', nested: [{ name: 'floor', type: 'number' }] },
        { label: 'Post', value: 0, nested: [{ name: 'office', type: 'text' }] },
      ],
      nested: [{ name: 'notes', type: 'text' }],
    },
  },
  {
    name: 'carriers',
    type: 'select',
    multiple: true,
    options: {
      store: [
        { label: 'DHL', value: 'dhl', nested: [{ name: 'dhlAccount', type: 'text' }] },
        {
          label: 'UPS',
          value: 'ups',
          nested: [
            {
              name: 'upsLevel',
              type: 'select',
              options: [{ label: 'Express', value: 'express', nested: [{ name: 'cutoff', type: 'text' }] }],
            },
          ],
        },
      ],
      nested: [{ name: 'pickup', type: 'date' }],
    },
  },
  { name: 'tags', type: 'array', nested: [{ name: 'tagMode', type: 'text' }] },
  {
    name: 'insured',
    type: 'boolean',
    nested: [{ name: 'amount', type: 'number', nested: [{ name: 'currency', type: 'text' }] }],
  },
  { name: 'count', type: 'uinteger', nested: [{ name: 'unit', type: 'text' }] },
  { name: 'reference', type: 'text', nested: [{ name: 'refKind', type: 'text' }] },
  {
    name: 'speed',
    type: 'select',
    nested: { store: [{ name: 'speedNote', type: 'text' }] },
    options: [
      { label: 'Standard', value: 1 },
      { label: 'Express', value: 2, nested: { store: [{ name: 'deliverBy', type: 'date' }] } },
    ],
  },
  {
    name: 'box',
    type: 'select',
    options: [{ label: 'Small', value: { w: 1, h: 2 }, nested: [{ name: 'boxNote', type: 'text' }] }],
  },
  // Placeholder nested fields: shown while the select has no value, gone once an option is chosen.
  {
    name: 'pace',
    type: 'select',
    options: {
      store: [{ label: 'Fast', value: 'fast', nested: [{ name: 'paceNote', type: 'text' }] }],
      placeholder: {
        label: 'Any pace',
        nested: [{ name: 'paceLater', type: 'text', nested: [{ name: 'laterUnit', type: 'text' }] }],
      },
    },
  },
  {
    name: 'zones',
    type: 'select',
    multiple: true,
    options: {
      store: [{ label: 'EU', value: 'eu' }],
      placeholder: { label: 'All zones', nested: { store: [{ name: 'zoneHint', type: 'text' }] } },
    },
  },
] as unknown as ParameterSpec[];

/** One parent value at a time (the others unset), plus a few nested-under-nested combinations. */
const CASES: [string, Record<string, unknown>][] = [
  ['nothing set', {}],
  ...[null, '', 'courier', 0, 'nowhere'].map((v): [string, Record<string, unknown>] => [
    `service=${js(v)}`,
    { service: v },
  ]),
  ...[null, [], ['dhl'], ['dhl', 'ups'], ['ups'], ['nowhere']].map((v): [string, Record<string, unknown>] => [
    `carriers=${js(v)}`,
    { carriers: v },
  ]),
  ['carriers=["ups"], upsLevel=express', { carriers: ['ups'], upsLevel: 'express' }],
  ['carriers=[], upsLevel=express', { carriers: [], upsLevel: 'express' }],
  ...[null, [], ['a']].map((v): [string, Record<string, unknown>] => [`tags=${js(v)}`, { tags: v }]),
  ...[null, true, false].map((v): [string, Record<string, unknown>] => [`insured=${js(v)}`, { insured: v }]),
  ['insured=true, amount=0', { insured: true, amount: 0 }],
  ['insured=false, amount=5', { insured: false, amount: 5 }],
  ...[null, 0, 3].map((v): [string, Record<string, unknown>] => [`count=${js(v)}`, { count: v }]),
  ...[null, '', 'abc'].map((v): [string, Record<string, unknown>] => [
    `reference=${js(v)}`,
    { reference: v },
  ]),
  ...[null, 1, 2].map((v): [string, Record<string, unknown>] => [`speed=${js(v)}`, { speed: v }]),
  // An object option value is the same value whatever order its keys come in.
  ...[
    { w: 1, h: 2 },
    { h: 2, w: 1 },
    { w: 1, h: 3 },
  ].map((v): [string, Record<string, unknown>] => [`box=${js(v)}`, { box: v }]),
  ...[null, '', 'fast', 'nowhere'].map((v): [string, Record<string, unknown>] => [
    `pace=${js(v)}`,
    { pace: v },
  ]),
  ['pace unset, paceLater=soon', { paceLater: 'soon' }],
  ['pace="fast", paceLater=soon', { pace: 'fast', paceLater: 'soon' }],
  ...[null, [], ['eu']].map((v): [string, Record<string, unknown>] => [`zones=${js(v)}`, { zones: v }]),
];

const TOP = new Set(SPECS.map((s) => s.name));

function runtimeShown(values: Record<string, unknown>): string[] {
  const normalized = normalizeLevel(SPECS, values, {});
  return flattenLevel(SPECS)
    .fields.filter((f) => f.conditions.length > 0 && isShown(f, normalized))
    .map((f) => f.name)
    .sort();
}

test.each(CASES)('%s: the page shows the nested fields the runtime treats as shown', (_name, values) => {
  const page = inPageModule<string[]>(
    'validate.js',
    `m.activeSpecs(${js(SPECS)}, ${js(values)}).map((s) => s.name)`,
  );
  const pageShown = page.filter((name) => !TOP.has(name)).sort();
  expect(pageShown).toEqual(runtimeShown(values));
});

/** What the placeholders of the empty `pace` and `zones` show in every row that leaves them unset. */
const PLACEHOLDER_FIELDS = ['paceLater', 'zoneHint'];

test('an erased multiple select ([]) shows nothing on either side; one chosen option shows its own', () => {
  expect(runtimeShown({ carriers: [] })).toEqual(PLACEHOLDER_FIELDS);
  expect(runtimeShown({ carriers: null })).toEqual(PLACEHOLDER_FIELDS);
  expect(runtimeShown({ carriers: ['ups'], upsLevel: 'express' })).toEqual(
    ['cutoff', 'pickup', 'upsLevel', ...PLACEHOLDER_FIELDS].sort(),
  );
});

test("the runtime shows an empty select's placeholder fields (the rows above hold the page to it); an option replaces them", () => {
  expect(runtimeShown({ pace: null, zones: [], paceLater: 'soon' })).toEqual([
    'laterUnit',
    'paceLater',
    'zoneHint',
  ]);
  expect(runtimeShown({ pace: 'fast', zones: ['eu'], paceLater: 'soon' })).toEqual(['paceNote']);
});

test('"rpc://…" nested fields come from the resolver: under the field, the store, only the chosen option, the placeholder while empty', () => {
  const spec = {
    name: 'kind',
    type: 'select',
    nested: 'rpc://fieldLevel?x=1',
    options: {
      store: [
        { label: 'A', value: 'a', nested: { store: 'rpc://optionA' } },
        { label: 'B', value: 'b', nested: 'rpc://optionB' },
      ],
      nested: 'rpc://storeLevel',
      placeholder: { label: 'None yet', nested: 'rpc://placeholderLevel' },
    },
  };
  // The resolver answers each reference with one field named after it.
  const shown = (value: unknown) =>
    inPageModule<string[]>(
      'select-options.js',
      `m.nestedFor(${js(spec)}, ${js(value)}, (ref) => [{ name: ref, type: 'text' }]).map((s) => s.name)`,
    );
  expect(shown('a')).toEqual(['rpc://fieldLevel?x=1', 'rpc://storeLevel', 'rpc://optionA']);
  expect(shown('b')).toEqual(['rpc://fieldLevel?x=1', 'rpc://storeLevel', 'rpc://optionB']);
  // With no value only the placeholder's, and it is asked for like the others.
  expect(shown(null)).toEqual(['rpc://placeholderLevel']);
  expect(inPageModule('select-options.js', `m.nestedRpcRefs(${js(spec)}, '')`)).toEqual([
    'rpc://placeholderLevel',
  ]);
  expect(inPageModule('select-options.js', `m.nestedRpcRefs(${js(spec)}, 'b')`)).not.toContain(
    'rpc://placeholderLevel',
  );
  // Without a resolver (the runtime's view: those fields are dynamic), none.
  expect(inPageModule('select-options.js', `m.nestedFor(${js(spec)}, 'a')`)).toEqual([]);
});
