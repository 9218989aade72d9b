import { compareShape, NonJsonBody, stringFormat } from '../../../sandbox/conformance/shape';

const recordedCustomer = {
  id: 114167452,
  uuid: 'cus_23e01538-2c7e-11ee-b2ce-fb986e96e21b',
  name: 'Richard Hendricks',
  'customer-since': '2016-01-01T12:00:00+00:00',
  lead_created_at: '2015-11-01T00:00:00.000Z',
  owner: null,
  attributes: { tags: ['managed'], custom: {} },
  data_source_uuids: ['ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46'],
};

const oursLike = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 1,
  uuid: 'cus_00000000-0000-4000-8000-000000000001',
  name: 'Someone Else',
  'customer-since': '2024-05-06T07:08:09+00:00',
  lead_created_at: '2024-05-06T07:08:09.123Z',
  owner: 'ann@example.com',
  attributes: { tags: ['other', 'tags'], custom: { extra: 1 } },
  data_source_uuids: ['ds_00000000-0000-4000-8000-000000000002'],
  extra_key_of_ours: true,
  ...changes,
});

describe('compareShape', () => {
  it('passes when shapes agree, whatever the values, ids and timestamps', () => {
    expect(compareShape(recordedCustomer, oursLike())).toEqual([]);
  });

  it('names a missing key', () => {
    const ours = oursLike();
    delete ours['customer-since'];
    expect(compareShape(recordedCustomer, ours)).toEqual([
      { path: '$["customer-since"]', problem: expect.stringContaining('missing key') },
    ]);
  });

  it('names a key of the wrong JSON type, nested', () => {
    const differences = compareShape(
      recordedCustomer,
      oursLike({ attributes: { tags: 'managed', custom: {} } }),
    );
    expect(differences).toHaveLength(1);
    expect(differences[0]!.path).toBe('$.attributes.tags');
    expect(differences[0]!.problem).toMatch(/expected array of 1, got string/);
  });

  it('reports an id with the wrong prefix', () => {
    const differences = compareShape(
      recordedCustomer,
      oursLike({ uuid: 'ds_00000000-0000-4000-8000-000000000001' }),
    );
    expect(differences).toEqual([
      { path: '$.uuid', problem: expect.stringMatching(/id cus_<uuid>.*id ds_<uuid>/) },
    ]);
  });

  it('reports a bare UUID where the recording has a prefixed id', () => {
    const differences = compareShape(
      recordedCustomer,
      oursLike({ uuid: '00000000-0000-4000-8000-000000000001' }),
    );
    expect(differences.map((d) => d.path)).toEqual(['$.uuid']);
  });

  it('reports a timestamp of the wrong form', () => {
    const differences = compareShape(
      recordedCustomer,
      oursLike({ 'customer-since': '2024-05-06T07:08:09.000Z', lead_created_at: '2024-05-06' }),
    );
    expect(differences.map((d) => d.path)).toEqual(['$["customer-since"]', '$.lead_created_at']);
    expect(differences[0]!.problem).toContain('timestamp dddd-dd-ddTdd:dd:dd±dd:dd');
  });

  it('reports an id inside an array item', () => {
    const differences = compareShape(recordedCustomer, oursLike({ data_source_uuids: ['not-an-id'] }));
    expect(differences.map((d) => d.path)).toEqual(['$.data_source_uuids[0]']);
  });

  it('accepts any value where the recording has null, but not null where it has a value', () => {
    expect(compareShape({ owner: null }, { owner: { name: 'x' } })).toEqual([]);
    expect(compareShape({ owner: 'a@b.c' }, { owner: null })).toEqual([
      { path: '$.owner', problem: expect.stringMatching(/expected string .*got null/) },
    ]);
  });

  it('demands a non-empty list where the recording has items, and compares items pairwise', () => {
    expect(compareShape({ entries: [{ a: 1 }] }, { entries: [] })[0]!.path).toBe('$.entries');
    expect(compareShape({ entries: [{ a: 1 }, { a: 2 }] }, { entries: [{ a: 3 }, { b: 4 }] })).toEqual([
      { path: '$.entries[1].a', problem: expect.stringContaining('missing key') },
    ]);
    expect(compareShape({ entries: [] }, { entries: [{ anything: true }] })).toEqual([]);
  });

  it('treats an empty recorded body as "no body" and a non-JSON one as status-only', () => {
    expect(compareShape(undefined, undefined)).toEqual([]);
    expect(compareShape(undefined, {})[0]!.problem).toMatch(/expected an empty body/);
    expect(compareShape({}, undefined)[0]!.problem).toMatch(/got an empty body/);
    expect(compareShape(new NonJsonBody('504 Gateway Timeout Error'), { error: 'x' })).toEqual([]);
  });

  it('treats the sign of a UTC offset as the time zone, not a different form', () => {
    expect(
      compareShape({ since: '2022-06-09T13:16:00-04:00' }, { since: '2016-01-01T12:00:00+00:00' }),
    ).toEqual([]);
  });

  it('compares external ids by type only: they are the client data, UUID-looking or not', () => {
    expect(
      compareShape({ external_id: 'e205d990-56e3-013c-13ac-46813c1ddd3d' }, { external_id: 'plan-7' }),
    ).toEqual([]);
    expect(
      compareShape({ external_ids: ['e205d990-56e3-013c-13ac-46813c1ddd3d'] }, { external_ids: ['x'] }),
    ).toEqual([]);
    expect(compareShape({ subscription_external_id: 'a' }, { subscription_external_id: 7 })[0]!.path).toBe(
      '$.subscription_external_id',
    );
  });

  it('does not confuse external ids that merely look prefixed with real ids', () => {
    expect(stringFormat('cus_004')).toBeNull();
    expect(compareShape({ external_id: 'cus_004' }, { external_id: 'anything' })).toEqual([]);
  });
});

describe('stringFormat', () => {
  it('classifies ids, UUIDs and timestamp forms', () => {
    expect(stringFormat('pl_ccc68570-e2ff-013d-ba8f-12d3a1c76dc7')).toBe('id pl_<uuid>');
    expect(stringFormat('472d0ba8-f640-4876-8bae-4c80bfda2ed9')).toBe('uuid');
    expect(stringFormat('2016-01-01')).toBe('timestamp dddd-dd-dd');
    expect(stringFormat('2025-12-02T09:32:26.858Z')).toBe('timestamp dddd-dd-ddTdd:dd:dd.dddZ');
    expect(stringFormat('2022-05-27T10:00:00Z')).toBe('timestamp dddd-dd-ddTdd:dd:ddZ');
    expect(stringFormat('Richard Hendricks')).toBeNull();
  });
});
