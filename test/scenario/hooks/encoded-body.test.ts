/**
 * How a delivery's body is read beyond plain JSON and forms (docs/decisions.md "Triggers, round 3":
 * "Encoded and hostile deliveries"): a gzip, deflate or br body is decoded, its decoded size bounded
 * like a plain one (a zip bomb is a 413); an unknown encoding is a 415 naming it; a body nested deeper
 * than 200 levels is a 400, never a 500 a sender would resend forever; and no refusal quotes the body,
 * which may carry secrets. Nothing refused is queued.
 */
import zlib from 'node:zlib';
import { MAX_HOOK_BODY_BYTES } from '../../../runtime/scenario/hooks';
import { startEchoReceiver, type EchoReceiver } from './helpers';

let echo: EchoReceiver;

beforeAll(async () => {
  echo = await startEchoReceiver('encoded');
});
afterAll(() => echo.close());
afterEach(() => {
  // Every test leaves the queue empty: what it expected queued it took.
  expect(echo.take()).toBeUndefined();
});

const ENCODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  br: (b) => zlib.brotliCompressSync(b),
};

const jsonDelivery = (body: Buffer | string, encoding?: string) =>
  echo.send('', {
    headers: {
      'content-type': 'application/json',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    },
    body,
  });

const errorOf = (text: string): { type: string; message: string } =>
  (JSON.parse(text) as { error: { type: string; message: string } }).error;

describe('an encoded body is decoded', () => {
  const payload = { events: [{ id: 7, name: 'Ann' }], note: 'é ✓' };

  test.each(Object.keys(ENCODERS))('%s JSON', async (encoding) => {
    const r = await jsonDelivery(ENCODERS[encoding](Buffer.from(JSON.stringify(payload))), encoding);
    expect(r.status).toBe(200);
    expect(echo.take()).toEqual({ body: payload, query: {} });
  });

  test('a gzip form, and encodings applied one after another (deflate, then gzip)', async () => {
    const form = Buffer.from('name=Ann&ids=1&ids=2');
    const r = await echo.send('', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(form),
    });
    expect(r.status).toBe(200);
    expect(echo.take()).toEqual({ body: { name: 'Ann', ids: ['1', '2'] }, query: {} });
    const twice = zlib.gzipSync(zlib.deflateSync(Buffer.from(JSON.stringify(payload))));
    expect((await jsonDelivery(twice, 'deflate, gzip')).status).toBe(200);
    expect(echo.take()).toEqual({ body: payload, query: {} });
  });

  test('identity is no encoding', async () => {
    expect((await jsonDelivery(JSON.stringify(payload), 'identity')).status).toBe(200);
    expect(echo.take()).toEqual({ body: payload, query: {} });
  });
});

describe('encoded bodies that are refused', () => {
  test('a zip bomb: small on the wire, larger than the limit once decoded, is a 413', async () => {
    const decoded = Buffer.alloc(MAX_HOOK_BODY_BYTES + 1, 32);
    decoded.write('{"a":1}');
    for (const encoding of Object.keys(ENCODERS)) {
      const wire = ENCODERS[encoding](decoded);
      expect(wire.length).toBeLessThan(MAX_HOOK_BODY_BYTES / 100);
      const r = await jsonDelivery(wire, encoding);
      expect([encoding, r.status]).toEqual([encoding, 413]);
      expect(errorOf(r.body)).toEqual({
        type: 'PayloadTooLarge',
        message: expect.stringMatching(/decoded/),
      });
    }
  });

  test('an encoding the receiver does not know is a 415 naming it', async () => {
    const r = await jsonDelivery('{"a":1}', 'compress');
    expect(r.status).toBe(415);
    expect(errorOf(r.body)).toEqual({
      type: 'UnsupportedMediaType',
      message: expect.stringMatching(/"compress".*gzip, deflate, br/),
    });
  });

  test('a body that does not decode as its encoding is a 400 naming the encoding, not the bytes', async () => {
    const r = await jsonDelivery('{"apiKey":"sk_live_SECRET"}', 'gzip');
    expect(r.status).toBe(400);
    const error = errorOf(r.body);
    expect(error.type).toBe('MalformedBody');
    expect(error.message).toMatch(/gzip/);
    expect(r.body).not.toMatch(/SECRET|apiKey/);
  });
});

describe('malformed JSON is refused by its problem and position, never its content', () => {
  test.each([
    ['a missing value', '{\n  "apiKey": "sk_live_SECRET",\n  "note": oops\n}', 3, 11],
    ['a trailing comma', '{"apiKey":"sk_live_SECRET","ids":[1,2,]}', 1, 39],
    ['a cut-off body', '{"apiKey":"sk_live_SECRET","ids":[1,', 1, 37],
    ['text after the value', '{"apiKey":"sk_live_SECRET"} SECRET', 1, 29],
  ])('%s', async (_name, text, line, column) => {
    for (const encoding of [undefined, 'gzip']) {
      const r = await jsonDelivery(encoding ? zlib.gzipSync(text) : text, encoding);
      expect(r.status).toBe(400);
      const error = errorOf(r.body);
      expect(error.type).toBe('MalformedJson');
      expect(error.message).toContain(`at line ${line}, column ${column}`);
      expect(r.body).not.toMatch(/SECRET|apiKey|oops/);
    }
  });
});

describe('nesting', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test('200 levels are read; 201 are a 400 naming the limit and where it is passed', async () => {
    const ok = await jsonDelivery(`{"a":${nested(199)}}`);
    expect(ok.status).toBe(200);
    expect(JSON.stringify((echo.take() as { body: unknown }).body)).toBe(`{"a":${nested(199)}}`);
    const r = await jsonDelivery(`{"a":${nested(200)}}`);
    expect(r.status).toBe(400);
    expect(errorOf(r.body)).toEqual({
      type: 'NestedTooDeep',
      message: 'The body is nested deeper than 200 levels (at line 1, column 205); nothing was queued',
    });
  });

  test('50,000 levels, plain and gzip, are a 400, not a 500', async () => {
    const deep = `{"apiKey":"sk_live_SECRET","a":${nested(50_000)}}`;
    for (const r of [await jsonDelivery(deep), await jsonDelivery(zlib.gzipSync(deep), 'gzip')]) {
      expect(r.status).toBe(400);
      expect(errorOf(r.body).type).toBe('NestedTooDeep');
      expect(r.body).not.toMatch(/SECRET/);
    }
  });

  test('brackets inside strings are text, not nesting', async () => {
    const text = { a: nested(1000), b: '\\"[' };
    expect((await jsonDelivery(JSON.stringify(text))).status).toBe(200);
    expect(echo.take()).toEqual({ body: text, query: {} });
  });
});
