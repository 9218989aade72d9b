import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { loadCassettes, parseCassette } from '../../../sandbox/conformance/cassette';
import { NonJsonBody } from '../../../sandbox/conformance/shape';

// A small cassette in VCR's layout, written for this test.
function cassetteYaml(binaryBody: string): string {
  return `---
http_interactions:
- request:
    method: post
    uri: https://api.chartmogul.com/v1/data_sources?verbose=1
    body:
      encoding: UTF-8
      string: '{"name":"Books"}'
    headers:
      Authorization:
      - Basic hidden
  response:
    status:
      code: 201
      message: Created
    body:
      encoding: UTF-8
      string: '{"uuid":"ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34","name":"Books"}'
  recorded_at: Tue, 02 Dec 2025 09:32:26 GMT
- request:
    method: get
    uri: https://api.chartmogul.com/v1/ping
    body:
      encoding: US-ASCII
      string: ''
  response:
    status:
      code: 200
      message: OK
    body:
      encoding: ASCII-8BIT
      string: !binary |-
        ${binaryBody}
  recorded_at: Mon, 30 Oct 2023 00:05:45 GMT
- request:
    method: delete
    uri: https://api.chartmogul.com/v1/data_sources/ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34
    body:
      encoding: US-ASCII
      string: ''
  response:
    status:
      code: 504
      message: Gateway Timeout
    body:
      encoding: UTF-8
      string: 504 Gateway Timeout Error
  recorded_at: Tue, 10 Dec 2019 10:00:00 GMT
recorded_with: VCR 6.0.0
`;
}

describe('cassette loader', () => {
  it('reads method, path, query, bodies, status and date of each exchange', () => {
    const plain = Buffer.from('{"data":"pong!"}').toString('base64');
    const cassette = parseCassette('X/a.yml', cassetteYaml(plain));
    expect(cassette.exchanges).toHaveLength(3);
    const [create, ping, outage] = cassette.exchanges;
    expect(create).toMatchObject({
      index: 0,
      method: 'POST',
      path: '/v1/data_sources',
      query: [['verbose', '1']],
      requestBody: { name: 'Books' },
      status: 201,
      responseBody: { uuid: 'ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34', name: 'Books' },
    });
    expect(create!.recordedAt.toISOString()).toBe('2025-12-02T09:32:26.000Z');
    expect(ping!.requestBody).toBeUndefined();
    expect(ping!.responseBody).toEqual({ data: 'pong!' });
    expect(outage!.responseBody).toBeInstanceOf(NonJsonBody);
  });

  it('decodes !binary bodies that hold gzip', () => {
    const gzipped = zlib.gzipSync(Buffer.from('{"data":"pong!"}')).toString('base64');
    expect(parseCassette('b.yml', cassetteYaml(gzipped)).exchanges[1]!.responseBody).toEqual({
      data: 'pong!',
    });
  });

  it('loads every .yml below a folder, sorted, with relative paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassettes-'));
    try {
      fs.mkdirSync(path.join(dir, 'B', 'nested'), { recursive: true });
      const plain = Buffer.from('{}').toString('base64');
      fs.writeFileSync(path.join(dir, 'B', 'nested', 'two.yml'), cassetteYaml(plain));
      fs.writeFileSync(path.join(dir, 'A.yml'), cassetteYaml(plain));
      fs.writeFileSync(path.join(dir, 'LICENSE.txt'), 'not a cassette');
      expect(loadCassettes(dir).map((c) => c.file)).toEqual(['A.yml', 'B/nested/two.yml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
