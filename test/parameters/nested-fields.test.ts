/**
 * A nested field is required and validated exactly while it is shown: the schema (schema.ts) and
 * isShown (normalize.ts, which decides defaults and what the page shows) agree on every value shape
 * a parent can have. Every nested field below is a required uinteger, and the only nested values a
 * row gives are -1 (invalid), so each shown nested field reports a problem ("is required" or "must be
 * at least 0") and each hidden one none: the problems name exactly the shown fields.
 */
import path from 'path';
import { BundleValidationError } from '../../runtime/errors';
import { loadApp } from '../../runtime/definitions';
import { flattenLevel, prepareParameters } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';
import { describeShownRows, nestedField, type ShownRow } from './shown-fields';

const FORM = [
  // A boolean whose nested field has its own nested field.
  { name: 'insured', type: 'boolean', nested: [nestedField('amount', [nestedField('currency')])] },
  { name: 'count', type: 'uinteger', nested: [nestedField('unit')] },
  { name: 'reference', type: 'text', nested: [nestedField('refKind')] },
  {
    name: 'service',
    type: 'select',
    options: [
      { label: 'Courier', value: 'courier', nested: [nestedField('floor')] },
      { label: 'Post', value: 0, nested: [nestedField('office')] },
      { label: 'Collect', value: 'collect' },
    ],
  },
  {
    name: 'tags',
    type: 'select',
    multiple: true,
    options: {
      store: [
        { label: 'Urgent', value: 'urgent', nested: [nestedField('why')] },
        { label: 'Fragile', value: 'fragile' },
      ],
      nested: [nestedField('tagNote')],
    },
  },
  { name: 'labels', type: 'array', nested: { store: [nestedField('labelCount')] } },
] as unknown as ParameterSpec[];

/** [values, the nested fields shown for them]. */
const ROWS: ShownRow[] = [
  [{}, []],
  [{ insured: undefined, amount: -1 }, []],
  [{ insured: null, amount: -1 }, []],
  [{ insured: false }, []],
  [{ insured: false, amount: -1, currency: -1 }, []],
  [{ insured: 'false', amount: -1 }, []],
  [{ insured: true }, ['amount']],
  [{ insured: true, amount: -1 }, ['amount', 'currency']],
  [{ count: 0 }, ['unit']],
  [{ count: '0', unit: -1 }, ['unit']],
  [{ count: null, unit: -1 }, []],
  [{ reference: '', refKind: -1 }, []],
  [{ reference: 'r1' }, ['refKind']],
  [{ service: null, floor: -1, office: -1 }, []],
  [{ service: 'collect', floor: -1, office: -1 }, []],
  [{ service: 'courier', office: -1 }, ['floor']],
  [{ service: 0, floor: -1 }, ['office']],
  [{ tags: [], why: -1, tagNote: -1 }, []],
  [{ tags: null, why: -1, tagNote: -1 }, []],
  [{ tags: [''], why: -1 }, []],
  [{ tags: ['fragile'], why: -1 }, ['tagNote']],
  [{ tags: ['urgent'] }, ['tagNote', 'why']],
  [{ tags: ['fragile', 'urgent'], why: -1 }, ['tagNote', 'why']],
  [{ labels: null, labelCount: -1 }, []],
  [{ labels: ['a'] }, ['labelCount']],
];

describeShownRows(FORM, ROWS);

test('a hidden nested field reports nothing; the same value shown names the field and its label', () => {
  let error: BundleValidationError | undefined;
  try {
    prepareParameters({}, FORM, { insured: true, amount: 'lots' });
  } catch (err) {
    error = err as BundleValidationError;
  }
  expect(error?.problems).toEqual([
    { field: 'amount', label: 'AMOUNT', message: 'must be a whole number' },
    { field: 'currency', label: 'CURRENCY', message: 'is required' },
  ]);
  expect(prepareParameters({}, FORM, { insured: false, amount: 'lots' })).toEqual({
    insured: false,
    amount: 'lots',
  });
});

describe('nested fields in the { store: [...] } form', () => {
  test('under an option and under a field they are read like a plain list', () => {
    const specs = [
      {
        name: 'speed',
        type: 'select',
        nested: { store: [{ name: 'note', type: 'text', default: 'none' }] },
        options: [
          { label: 'Standard', value: 1 },
          { label: 'Express', value: 2, nested: { store: [{ name: 'by', type: 'date', required: true }] } },
        ],
      },
    ] as unknown as ParameterSpec[];
    expect(flattenLevel(specs).fields.map((f) => [f.name, f.conditions])).toEqual([
      ['speed', []],
      ['note', [{ parent: 'speed' }]],
      ['by', [{ parent: 'speed', value: 2 }]],
    ]);
    expect(prepareParameters({}, specs, { speed: 1 })).toEqual({ speed: 1, note: 'none' });
    expect(prepareParameters({}, specs, { speed: 2, by: '2025-03-01' })).toEqual({
      speed: 2,
      note: 'none',
      by: '2025-03-01T00:00:00.000Z',
    });
  });

  test('{ store: "rpc://…" } makes the level dynamic, as "rpc://…" does', () => {
    const specs = [{ name: 'kind', type: 'text', nested: { store: 'rpc://kindFields' } }] as ParameterSpec[];
    expect(flattenLevel(specs).dynamic).toBe(true);
    expect(prepareParameters({}, specs, { kind: 'k', extra: 1 })).toEqual({ kind: 'k', extra: 1 });
  });

  test('the shipping fixture app: Create a Shipment with Express validates its "Deliver by" field', async () => {
    const app = await loadApp(path.join(__dirname, '..', 'browser', 'fixtures', 'shipping-app'));
    const module = app.modules.find((m) => m.id === 'createShipment')!;
    const specs = [...module.staticParams, ...module.mappableParams];
    const run = (values: Record<string, unknown>) =>
      prepareParameters(module, specs, values, { componentId: module.id });
    const express = { carrier: 'collect', speed: 2 };

    expect(run({ ...express, deliver_by: '2025-06-30' })).toEqual({
      ...express,
      deliver_by: '2025-06-30T00:00:00.000Z',
    });
    expect(() => run({ ...express, deliver_by: 'someday' })).toThrow(
      'Deliver by (deliver_by): must be a date (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)',
    );
    // Standard hides the field: its value is neither validated nor required.
    expect(run({ carrier: 'collect', speed: 1, deliver_by: 'someday' })).toEqual({
      carrier: 'collect',
      speed: 1,
      deliver_by: 'someday',
    });
    // No speed: the placeholder's "Ship within (days)" is shown, so it is converted and checked.
    expect(run({ carrier: 'collect', ship_within_days: '3' })).toEqual({
      carrier: 'collect',
      ship_within_days: 3,
    });
    expect(() => run({ carrier: 'collect', ship_within_days: -1 })).toThrow(
      'Ship within (days) (ship_within_days): must be at least 0',
    );
    expect(run({ carrier: 'collect', speed: 1, ship_within_days: -1 })).toEqual({
      carrier: 'collect',
      speed: 1,
      ship_within_days: -1,
    });
  });
});

describe('one name defined under several options (variants)', () => {
  const form = [
    {
      name: 'type',
      type: 'select',
      options: [
        {
          label: 'Number',
          value: 'n',
          nested: [{ name: 'value', label: 'Amount', type: 'integer', required: true }],
        },
        {
          label: 'Date',
          value: 'd',
          nested: [{ name: 'value', label: 'When', type: 'date', required: true }],
        },
        { label: 'Flag', value: 'f', nested: [{ name: 'value', label: 'On', type: 'boolean' }] },
      ],
    },
  ] as ParameterSpec[];
  const run = (values: Record<string, unknown>) => prepareParameters({}, form, values);

  test('each definition is a field of its own, under its option', () => {
    expect(flattenLevel(form).fields.map((f) => [f.name, f.spec.label])).toEqual([
      ['type', undefined],
      ['value', 'Amount'],
      ['value', 'When'],
      ['value', 'On'],
    ]);
  });

  test('the value is converted and checked by the definition of the chosen option', () => {
    expect(run({ type: 'n', value: '18' })).toEqual({ type: 'n', value: 18 });
    expect(run({ type: 'd', value: '2025-03-01' })).toEqual({ type: 'd', value: '2025-03-01T00:00:00.000Z' });
    expect(run({ type: 'f', value: 'false' })).toEqual({ type: 'f', value: false });
    expect(() => run({ type: 'n', value: 'x' })).toThrow('Amount (value): must be a whole number');
    expect(() => run({ type: 'd' })).toThrow('When (value): is required');
  });
});
