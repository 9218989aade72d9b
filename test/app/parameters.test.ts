// The modules' parameter specs through the runtime's parameter layer (runtime/parameters): bad input
// is refused naming the field, good input comes out as the communication will see it.
import { BundleValidationError } from '../../runtime';
import { prepareParameters } from '../../runtime/parameters';
import { BAD_INPUTS } from './helpers/bad-inputs';
import { moduleFiles, moduleIds } from './helpers/definitions';

const prepare = (moduleId: string, values: Record<string, unknown>) => {
  const m = moduleFiles(moduleId);
  return prepareParameters(m, m.params as never, values, { componentId: moduleId });
};

// An instant trigger takes no parameters: there is nothing to get wrong.
const INSTANT = ['watchMrrMovements'];

test('every module has at least one bad-input case', () => {
  expect(new Set(BAD_INPUTS.map((c) => c[0]))).toEqual(
    new Set(moduleIds().filter((id) => !INSTANT.includes(id))),
  );
  for (const id of INSTANT) expect(moduleFiles(id).params).toEqual([]);
});

test.each(BAD_INPUTS)(
  '%s: %s → BundleValidationError naming the field',
  (moduleId, _what, parameters, field) => {
    let err: unknown;
    try {
      prepare(moduleId, parameters);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BundleValidationError);
    const fields = (err as BundleValidationError).problems.map((p) => p.field);
    expect({ fields, ok: fields.some((f) => f === field || f.endsWith(`.${field}`)) }).toEqual({
      fields,
      ok: true,
    });
  },
);

test('list modules default Limit to 10', () => {
  expect(prepare('listInvoices', {})).toEqual({ limit: 10 });
});

test('dates become ISO UTC with milliseconds, also inside line items and date arrays', () => {
  const p = prepare('importInvoice', {
    customer_uuid: 'cus_1',
    external_id: 'I',
    date: '2025-01-01T12:00:00+01:00',
    currency: 'USD',
    line_items: [{ type: 'subscription', amount_in_cents: 5, service_period_start: '2025-01-01T00:00:00Z' }],
  });
  expect(p.date).toBe('2025-01-01T11:00:00.000Z');
  expect((p.line_items as Record<string, unknown>[])[0].service_period_start).toBe(
    '2025-01-01T00:00:00.000Z',
  );
  const c = prepare('cancelSubscription', {
    subscription_uuid: 'sub_1',
    cancellation_dates: ['2025-02-01T00:00:00Z'],
  });
  expect(c.cancellation_dates).toEqual(['2025-02-01T00:00:00.000Z']);
});

test('dynamic selects accept mapped values, single or multiple', () => {
  expect(prepare('getCustomer', { customer_uuid: 'cus_mapped' })).toEqual({ customer_uuid: 'cus_mapped' });
  expect(prepare('createPlanGroup', { name: 'G', plans: ['pl_1', 'pl_2'] })).toEqual({
    name: 'G',
    plans: ['pl_1', 'pl_2'],
  });
});

test('the universal module takes relative paths and defaults to GET', () => {
  expect(prepare('makeApiCall', { url: '/v1/ping' })).toEqual({ url: '/v1/ping', method: 'GET' });
});
