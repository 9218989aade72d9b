/**
 * maskedJson (history/mask.ts): the run journal's JSON text of a masked value. It keeps the value's own
 * JSON text when nothing in it needs masking; whatever path it takes, the text is the masker's.
 */
import { createMasker, liveMasker, maskedJson, type Masker } from '../../runtime/scenario/history/mask';
import { withSecrets } from '../../runtime/scenario/triggers/secrets';

const KEY = 'sk_masked_json_0123456789';
const basic = Buffer.from(`${KEY}:`).toString('base64');

function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { d: v };
  return v;
}

const protoKey = JSON.parse('{"__proto__": {"x": "y"}, "a": 1}');
const nullProto = Object.assign(Object.create(null) as object, { a: `has ${KEY}` });

/** Values the masker changes and values it keeps, each in the forms the journal is given. */
const values: [string, unknown][] = [
  [
    'a plain customer',
    { uuid: 'cus_1', name: 'A', attributes: { tags: ['x'], custom: {} }, mrr: 0, zip: null },
  ],
  ['the key inside text', { note: `key=${KEY};`, list: [`${KEY}`] }],
  ['Basic credentials', { headers: { Auth: `Basic ${basic}` } }],
  ['the key as an object key (kept: keys are not masked)', { [KEY]: 1 }],
  ['an Authorization-like key', { Authorization: 'Bearer abc', nested: { 'x-api-key': 'k' } }],
  ['Authorization-like keys with nothing in them', { password: '', api_key: null, apiKey: undefined }],
  ['a Date', { at: new Date(0) }],
  ['a Buffer', { data: Buffer.from('binary') }],
  ['an object with its own toJSON', { v: { toJSON: () => 'said', x: 1 } }],
  [
    'a class instance',
    {
      v: new (class Thing {
        a = 1;
      })(),
    },
  ],
  ['an object with no prototype', { v: nullProto }],
  ['an own __proto__ key', protoKey],
  ['an array with a hole and undefined', [1, , undefined, 'x']], // eslint-disable-line no-sparse-arrays
  ['deeper than the masker walks, with the key at the bottom', nested(70, KEY)],
  ['deep but within the walk', nested(40, 'plain')],
  ['null', null],
  ['a string', `just ${KEY}`],
  ['a number', 3],
];

const maskers: [string, Masker][] = [
  ['createMasker', createMasker({ apiKey: KEY })],
  ['liveMasker', liveMasker(() => ({ apiKey: KEY }))],
  ['withSecrets (a hook id, masked in keys too)', withSecrets(createMasker({ apiKey: KEY }), ['hook_id_42'])],
  ['a key JSON escapes', createMasker({ apiKey: 'quote"d\\key' })],
];

describe('maskedJson', () => {
  test.each(maskers)(
    '%s: the same text as JSON.stringify(mask(value)) for every kind of value',
    (_, mask) => {
      for (const [what, value] of values) {
        expect([what, maskedJson(mask, value)]).toEqual([what, JSON.stringify(mask(value))]);
      }
    },
  );

  test('a hook secret in a key is masked (withSecrets masks keys)', () => {
    const mask = withSecrets(createMasker({ apiKey: KEY }), ['hook_id_42']);
    expect(maskedJson(mask, { hook_id_42: 'hook_id_42!' })).toBe('{"********":"********!"}');
  });

  test('a key JSON escapes is still masked: its escaped form is what the text holds', () => {
    const secret = 'quote"d\\key';
    const text = maskedJson(createMasker({ apiKey: secret }), { v: `a ${secret} b` });
    expect(text).toBe('{"v":"a ******** b"}');
  });

  test('the masker is not run over plain data without secrets, and is run over anything else', () => {
    const inner = createMasker({ apiKey: KEY });
    let calls = 0;
    const counting: Masker = Object.assign((v: unknown) => (calls++, inner(v)), { needles: inner.needles });
    maskedJson(counting, { uuid: 'cus_1', list: [{ a: 1 }] });
    expect(calls).toBe(0);
    for (const value of [{ a: `x${KEY}` }, { authorization: 'x' }, { at: new Date(0) }]) {
      calls = 0;
      maskedJson(counting, value);
      expect(calls).toBe(1);
    }
  });

  test('a masker without needles (a caller-made one) always masks', () => {
    let calls = 0;
    const plain: Masker = (v) => (calls++, v);
    expect(maskedJson(plain, { a: 1 })).toBe('{"a":1}');
    expect(calls).toBe(1);
  });

  test('a live masker follows the connection: a secret it learns later is looked for', () => {
    let connection: { apiKey: string; data?: Record<string, unknown> } = { apiKey: KEY };
    const mask = liveMasker(() => connection, new Set(['token']));
    expect(maskedJson(mask, { t: 'tok_abcdefgh' })).toBe('{"t":"tok_abcdefgh"}');
    connection = { apiKey: KEY, data: { token: 'tok_abcdefgh' } };
    expect(maskedJson(mask, { t: 'tok_abcdefgh' })).toBe(JSON.stringify(mask({ t: 'tok_abcdefgh' })));
    expect(maskedJson(mask, { t: 'tok_abcdefgh' })).not.toContain('tok_abcdefgh');
  });
});
