/**
 * Issue 16: a request body whose Content-Encoding does not decode (gzip, deflate, br) is the
 * client's mistake: a 400 JSON error naming it, never a 500 with a stack trace.
 */
import zlib from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../runtime/index';
import { request } from './http';

const APP_DIR = path.resolve(__dirname, '../..');

describe('workbench request bodies with a Content-Encoding', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'workbench-enc-'));
    server = await startServer({ port: 0, appDir: APP_DIR, sandboxDbPath: path.join(tmp, 'sandbox.db') });
    base = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const put = (encoding: string, body: Buffer) =>
    request(base, '/api/connection', {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': encoding,
        'X-Workbench-Token': server.token,
      },
      body,
    });

  test.each(['gzip', 'deflate', 'br'])(
    'a %s body that does not decode is a 400 JSON error without a stack trace',
    async (encoding) => {
      const res = await put(encoding, Buffer.from('{"sandbox":true} but not compressed'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error).toEqual({
        type: 'BadRequest',
        message: expect.stringMatching(/not valid .*encoding|encoding/i),
      });
      expect(res.text).not.toMatch(/\n\s+at |node:internal|zlib/);
    },
  );

  test('a truncated gzip body is refused the same way', async () => {
    const gz = zlib.gzipSync(Buffer.from('{"sandbox":true}'));
    const res = await put('gzip', gz.subarray(0, gz.length - 6));
    expect(res.status).toBe(400);
    expect(res.json().error.type).toBe('BadRequest');
  });

  test('well-formed gzip, deflate and br bodies are read', async () => {
    const json = Buffer.from('{"sandbox":true}');
    for (const [encoding, body] of [
      ['gzip', zlib.gzipSync(json)],
      ['deflate', zlib.deflateSync(json)],
      ['br', zlib.brotliCompressSync(json)],
    ] as const)
      expect((await put(encoding, body)).status).toBe(204);
  });

  test('an unknown encoding is a 415 JSON error', async () => {
    const res = await put('compress', Buffer.from('{}'));
    expect(res.status).toBe(415);
    expect(res.json().error).toEqual({ type: 'BadRequest', message: 'Unsupported request body encoding' });
  });
});
