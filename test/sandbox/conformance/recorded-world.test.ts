import type { Cassette, Exchange } from '../../../sandbox/conformance/cassette';
import { RecordedWorld } from '../../../sandbox/conformance/recorded-world';

const DS = 'ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46';
const CUS = 'cus_23740208-2c7e-11ee-9ea2-ffd2435982bb';
const NEW_CUS = 'cus_e0157e22-00d1-11f0-affc-3fe1f8b7b6ab';
const PLAN = 'pl_de9e281e-76cb-11ee-b63f-b727630ce4d4';
const SUB = 'sub_0259d4d5-a63d-4a8c-b901-4f93f95b74b0';

let index = 0;
function ex(
  method: string,
  path: string,
  status: number,
  requestBody?: unknown,
  responseBody?: unknown,
): Exchange {
  return {
    index: index++,
    method,
    path,
    query: [],
    requestBody,
    status,
    responseBody,
    recordedAt: new Date(0),
  };
}
const world = (...exchanges: Exchange[]): RecordedWorld =>
  new RecordedWorld({ file: 'x.yml', exchanges } as Cassette, () => true);

describe('RecordedWorld', () => {
  it('tells what the account held before the cassette from what the cassette made itself', () => {
    const w = world(
      ex('GET', `/v1/customers/${CUS}`, 200, undefined, { uuid: CUS, data_source_uuid: DS }),
      ex('POST', '/v1/customers', 201, { data_source_uuid: DS }, { uuid: NEW_CUS, data_source_uuid: DS }),
      ex('POST', `/v1/import/customers/${NEW_CUS}/invoices`, 201, {
        invoices: [{ line_items: [{ plan_uuid: PLAN }] }],
      }),
      ex('GET', `/v1/import/customers/${NEW_CUS}/subscriptions`, 200, undefined, {
        subscriptions: [{ uuid: SUB, plan_uuid: PLAN }],
      }),
    );
    // The read customer and its source existed; the plan an invoice names existed; the new customer and the
    // subscription its own invoice produced did not.
    expect(w.preexisting).toEqual([CUS, DS, PLAN]);
    expect(w.kindOf(SUB)).toBe('import_subscription');
    expect(w.customerOf.get(SUB)).toBe(NEW_CUS);
  });

  it('counts customers a write looked up (entries of a by-email call) as existing', () => {
    const w = world(
      ex(
        'POST',
        '/v1/customers/attributes/tags',
        200,
        { email: 'a@b.c', tags: ['x'] },
        { entries: [{ uuid: CUS }] },
      ),
    );
    expect(w.preexisting).toEqual([CUS]);
  });

  it('works attributes back from the first attribute call', () => {
    const removed = world(
      ex('DELETE', `/v1/customers/${CUS}/attributes/tags`, 200, { tags: ['test-tag'] }, { tags: ['a', 'b'] }),
    );
    expect(removed.attributesOf.get(CUS)!.tags).toEqual(['a', 'b', 'test-tag']);

    const added = world(
      ex('POST', `/v1/customers/${CUS}/attributes/tags`, 200, { tags: ['b'] }, { tags: ['a', 'b'] }),
    );
    expect(added.attributesOf.get(CUS)!.tags).toEqual(['a']);

    const updated = world(
      ex(
        'PUT',
        `/v1/customers/${CUS}/attributes/custom`,
        200,
        { custom: { when: '2016-02-01 00:00:00 UTC' } },
        {
          custom: { when: '2016-02-01T00:00:00.000Z', n: 1 },
        },
      ),
    );
    expect(updated.attributesOf.get(CUS)!.custom).toEqual({ when: '2016-02-01T00:00:00.000Z', n: 1 });

    const addedCustom = world(
      ex(
        'POST',
        `/v1/customers/${CUS}/attributes/custom`,
        200,
        { custom: [{ type: 'String', key: 'k', value: 'v' }] },
        {
          custom: { k: 'v', old: true },
        },
      ),
    );
    expect(addedCustom.attributesOf.get(CUS)!.custom).toEqual({ old: true });
  });

  it('learns the data source of a customer from a nested path', () => {
    const w = world(ex('DELETE', `/v1/data_sources/${DS}/customers/${CUS}/invoices`, 204));
    expect(w.sourceOf.get(CUS)).toBe(DS);
    expect(w.preexisting).toEqual([DS, CUS]);
  });

  it('learns merged identities from an unmerge and the source of a customer from a connection', () => {
    const w = world(
      ex(
        'POST',
        '/v1/customers/unmerges',
        202,
        { customer_uuid: CUS, data_source_uuid: DS, external_id: 'x_1' },
        {},
      ),
      ex('POST', `/v1/customers/${NEW_CUS}/connect_subscriptions`, 202, {
        subscriptions: [{ data_source_uuid: DS, uuid: '8d80f275-a494-4957-8968-6cb68acdcfab' }],
      }),
    );
    expect(w.mergedIdentities.get(CUS)).toEqual([{ source: DS, externalId: 'x_1' }]);
    expect(w.sourceOf.get(NEW_CUS)).toBe(DS);
  });

  it('knows bare task and opportunity ids by their path, and makes newest-first entries oldest first', () => {
    const TASK_A = '6c969fee-2179-11f0-8d8c-ef2a5afba642';
    const TASK_B = 'ca9ec9c6-217a-11f0-b1e2-6f673dacbb87';
    const OPP = '3726cd86-e0f0-11ee-8d22-93b1d57bf35d';
    const w = world(
      ex('GET', '/v1/tasks', 200, undefined, {
        entries: [
          { task_uuid: TASK_A, customer_uuid: CUS },
          { task_uuid: TASK_B, customer_uuid: CUS },
        ],
      }),
      ex('GET', `/v1/opportunities/${OPP}`, 200, undefined, { uuid: OPP, customer_uuid: CUS }),
    );
    expect([w.kindOf(TASK_A), w.kindOf(TASK_B), w.kindOf(OPP)]).toEqual(['task', 'task', 'opportunity']);
    expect(w.customerOf.get(TASK_A)).toBe(CUS);
    // The list showed A before B (newer first), so B is made first; the customer comes before them.
    expect(w.preexisting).toEqual([CUS, OPP, TASK_B, TASK_A]);
  });

  it('knows subscription events by their integer ids, and the identity of the customer they are listed for', () => {
    const event = (id: number) => ({
      id,
      data_source_uuid: DS,
      customer_external_id: 'cus_001',
      event_type: 'subscription_start',
    });
    const listed: Exchange = {
      ...ex('GET', '/v1/subscription_events', 200, undefined, { subscription_events: [event(9), event(7)] }),
      query: [['customer_uuid', CUS]],
    };
    const w = world(listed);
    expect([w.kindOf('9'), w.kindOf('7')]).toEqual(['subscription_event', 'subscription_event']);
    expect(w.customerOf.get('9')).toBe(CUS);
    expect(w.externalIdOf.get(CUS)).toBe('cus_001');
    expect(w.sourceOf.get(CUS)).toBe(DS);
    expect(w.preexisting).toEqual([CUS, DS, '7', '9']);
  });
});
