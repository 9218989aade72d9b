/**
 * A select's placeholder may carry nested fields (make-format.md §5.3, `placeholder: { label, nested }`):
 * they are shown while the select shows its placeholder, that is while it has no value (unset, null,
 * '', an erased [] or a multiple select with nothing chosen), and hidden once an option is chosen.
 * Like every nested field they are required, validated and defaulted exactly while shown.
 */
import { flattenLevel, prepareParameters } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';
import { describeShownRows, nestedField, type ShownRow } from './shown-fields';

const FORM = [
  {
    name: 'method',
    type: 'select',
    options: {
      store: [
        { label: 'Pickup', value: 'pickup', nested: [nestedField('slot')] },
        { label: 'None', value: 0 },
      ],
      // A placeholder field with its own nested field: shown while `reminder` has a value.
      placeholder: { label: 'Decide later', nested: [nestedField('reminder', [nestedField('remindIn')])] },
    },
  },
  {
    name: 'carriers',
    type: 'select',
    multiple: true,
    options: {
      store: [
        { label: 'DHL', value: 'dhl', nested: [nestedField('dhlAccount')] },
        { label: 'UPS', value: 'ups' },
      ],
      nested: [nestedField('pickupDay')],
      // The store form of a nested list, as options' nested fields may be written.
      placeholder: { label: 'Any carrier', nested: { store: [nestedField('anyNote')] } },
    },
  },
  // A plain-text placeholder has no nested fields.
  { name: 'size', type: 'select', options: { store: [{ label: 'S', value: 's' }], placeholder: 'Pick one' } },
] as unknown as ParameterSpec[];

const BOTH_EMPTY = ['anyNote', 'reminder'];

/** [values, the nested fields shown for them]. */
const ROWS: ShownRow[] = [
  [{}, BOTH_EMPTY],
  [{ method: undefined, carriers: undefined }, BOTH_EMPTY],
  [{ method: null, carriers: null }, BOTH_EMPTY],
  [{ method: '', carriers: [] }, BOTH_EMPTY],
  [{ carriers: [''] }, BOTH_EMPTY],
  [{ method: null, reminder: -1 }, ['anyNote', 'remindIn', 'reminder']],
  [{ method: 'pickup', reminder: -1, remindIn: -1 }, ['anyNote', 'slot']],
  // 0 is a chosen option: the placeholder is gone.
  [{ method: 0, reminder: -1 }, ['anyNote']],
  [{ carriers: ['ups'], anyNote: -1 }, ['pickupDay', 'reminder']],
  [{ carriers: ['dhl'], anyNote: -1 }, ['dhlAccount', 'pickupDay', 'reminder']],
  [{ carriers: ['dhl', 'ups'] }, ['dhlAccount', 'pickupDay', 'reminder']],
  [{ size: 's' }, BOTH_EMPTY],
];

describeShownRows(FORM, ROWS);

test('placeholder fields sit beside the select, conditioned on it having no value', () => {
  expect(flattenLevel(FORM).fields.map((f) => [f.name, f.conditions])).toEqual([
    ['method', []],
    ['reminder', [{ parent: 'method', empty: true }]],
    ['remindIn', [{ parent: 'method', empty: true }, { parent: 'reminder' }]],
    ['slot', [{ parent: 'method', value: 'pickup' }]],
    ['carriers', []],
    ['pickupDay', [{ parent: 'carriers' }]],
    ['anyNote', [{ parent: 'carriers', empty: true }]],
    ['dhlAccount', [{ parent: 'carriers', value: 'dhl' }]],
    ['size', []],
  ]);
  expect(flattenLevel(FORM).dynamic).toBe(false);
});

test("a placeholder field's value is checked while the select is empty and passed through once it is not", () => {
  const prepare = (values: Record<string, unknown>) => prepareParameters({}, FORM, values);
  expect(() => prepare({ carriers: ['ups'], pickupDay: 1, reminder: 'soon' })).toThrow(
    'REMINDER (reminder): must be a whole number',
  );
  expect(prepare({ method: 0, carriers: ['ups'], pickupDay: 1, reminder: 'soon' })).toEqual({
    method: 0,
    carriers: ['ups'],
    pickupDay: 1,
    reminder: 'soon',
  });
});

describe('defaults', () => {
  const specs = (selectDefault?: string) =>
    [
      {
        name: 'method',
        type: 'select',
        ...(selectDefault ? { default: selectDefault } : {}),
        options: {
          store: [{ label: 'Pickup', value: 'pickup' }],
          placeholder: { label: 'Later', nested: [{ name: 'reminder', type: 'uinteger', default: '2' }] },
        },
      },
    ] as unknown as ParameterSpec[];

  test('a placeholder field takes its default only while the select is empty', () => {
    expect(prepareParameters({}, specs(), {})).toEqual({ reminder: 2 });
    expect(prepareParameters({}, specs(), { method: null })).toEqual({ method: null, reminder: 2 });
    expect(prepareParameters({}, specs(), { method: 'pickup' })).toEqual({ method: 'pickup' });
  });

  test("the select's own default fills it first: the placeholder is not shown", () => {
    expect(prepareParameters({}, specs('pickup'), {})).toEqual({ method: 'pickup' });
  });
});

test.each([
  ['rpc://reminderFields', 'rpc://reminderFields'],
  ['{ store: "rpc://…" }', { store: 'rpc://reminderFields' }],
])('a placeholder nested %s makes the level dynamic, as other "rpc://…" nested do', (_name, nested) => {
  const specs = [
    {
      name: 'method',
      type: 'select',
      options: { store: [{ label: 'Pickup', value: 'pickup' }], placeholder: { label: 'Later', nested } },
    },
  ] as unknown as ParameterSpec[];
  expect(flattenLevel(specs).dynamic).toBe(true);
  expect(prepareParameters({}, specs, { extra: 1 })).toEqual({ extra: 1 });
});
