import { idPrefix, IdMap, idsInRequest, isEntityId } from '../../../sandbox/conformance/ids';

const REC_DS = 'ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34';
const REC_CUS = 'cus_e0157e22-00d1-11f0-affc-3fe1f8b7b6ab';
const REC_PL = 'pl_ccc68570-e2ff-013d-ba8f-12d3a1c76dc7';
const OUR_DS = 'ds_11111111-1111-4111-8111-111111111111';
const OUR_CUS = 'cus_22222222-2222-4222-8222-222222222222';
const OUR_PL = 'pl_33333333-3333-4333-8333-333333333333';

describe('IdMap', () => {
  it('learns ids found at the same JSON path of a recorded and our response', () => {
    const ids = new IdMap();
    ids.learn(
      { uuid: REC_CUS, data_source_uuid: REC_DS, external_id: 'cus_004', id: 204816763, mrr: 0 },
      { uuid: OUR_CUS, data_source_uuid: OUR_DS, external_id: 'cus_004', id: 7, mrr: 5 },
    );
    expect(ids.get(REC_CUS)).toBe(OUR_CUS);
    expect(ids.get(REC_DS)).toBe(OUR_DS);
    expect(ids.get(204816763)).toBe('7');
    expect(ids.has('cus_004')).toBe(false); // an external id is data, not an id to map
    expect(ids.has(0)).toBe(false); // numbers outside `id` keys are never mapped
  });

  it('learns cursors so the next page request can be rewritten', () => {
    const ids = new IdMap();
    ids.learn(
      { entries: [], cursor: 'MjAxNi0wMS0wMQ==', has_more: true },
      { entries: [], cursor: 'b3Vycw==', has_more: true },
    );
    expect(
      ids.rewriteQuery([
        ['cursor', 'MjAxNi0wMS0wMQ=='],
        ['per_page', '1'],
      ]),
    ).toEqual([
      ['cursor', 'b3Vycw=='],
      ['per_page', '1'],
    ]);
  });

  it('never replaces a mapping once made, nor maps two recorded ids to one of ours', () => {
    const ids = new IdMap();
    ids.set(REC_CUS, OUR_CUS);
    ids.set(REC_CUS, 'cus_99999999-9999-4999-8999-999999999999');
    ids.set('cus_44444444-4444-4444-8444-444444444444', OUR_CUS);
    expect(ids.get(REC_CUS)).toBe(OUR_CUS);
    expect(ids.has('cus_44444444-4444-4444-8444-444444444444')).toBe(false);
  });

  it('maps integer ids of different tables to the same number of ours (a customer 5 and an event 5)', () => {
    const ids = new IdMap();
    ids.learn({ id: 131944224 }, { id: 5 });
    ids.learn({ id: 138979488 }, { id: 5 });
    expect([ids.get(131944224), ids.get(138979488)]).toEqual(['5', '5']);
  });

  it('rewrites ids in path segments, query values and nested bodies, leaving the rest alone', () => {
    const ids = new IdMap();
    ids.set(REC_CUS, OUR_CUS);
    ids.set(REC_PL, OUR_PL);
    ids.set(374277746, 12);
    expect(ids.rewritePath(`/v1/import/customers/${REC_CUS}/invoices`)).toBe(
      `/v1/import/customers/${OUR_CUS}/invoices`,
    );
    expect(
      ids.rewriteQuery([
        ['customer_uuid', REC_CUS],
        ['status', 'Active'],
      ]),
    ).toEqual([
      ['customer_uuid', OUR_CUS],
      ['status', 'Active'],
    ]);
    const body = {
      invoices: [{ line_items: [{ plan_uuid: REC_PL, amount_in_cents: 374277746 }], external_id: 'inv_1' }],
      customer_uuid: REC_CUS,
      subscription_event: { id: 374277746 },
    };
    expect(ids.rewriteBody(body)).toEqual({
      invoices: [{ line_items: [{ plan_uuid: OUR_PL, amount_in_cents: 374277746 }], external_id: 'inv_1' }],
      customer_uuid: OUR_CUS,
      subscription_event: { id: 12 },
    });
    expect(body.customer_uuid).toBe(REC_CUS); // the recording itself is untouched
  });
});

describe('id helpers', () => {
  it('recognises entity ids and their prefixes', () => {
    expect(isEntityId(REC_CUS)).toBe(true);
    expect(isEntityId('472d0ba8-f640-4876-8bae-4c80bfda2ed9')).toBe(true);
    expect(isEntityId('1234-a-uuid-that-doesnt-exist')).toBe(false);
    expect(idPrefix(REC_PL)).toBe('pl_');
    expect(idPrefix('472d0ba8-f640-4876-8bae-4c80bfda2ed9')).toBeNull();
  });

  it('lists the ids a request names, once each, in order', () => {
    expect(
      idsInRequest(`/v1/customers/${REC_CUS}/attributes/tags`, [['data_source_uuid', REC_DS]], {
        from: { customer_uuid: REC_CUS },
        into: { customer_uuid: REC_PL },
      }),
    ).toEqual([REC_CUS, REC_DS, REC_PL]);
  });
});
