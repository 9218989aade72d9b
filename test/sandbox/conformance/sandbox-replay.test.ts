// End to end: hand-written cassettes replayed against a real sandbox over loopback HTTP.
import { parseCassette } from '../../../sandbox/conformance/cassette';
import { endpointOf, probeImplemented } from '../../../sandbox/conformance/endpoints';
import { replayCassette } from '../../../sandbox/conformance/replayer';
import { sandboxClientForSuite } from '../support/sandbox-client';

const REC_DS = 'ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34';
const REC_CUS = 'cus_e0157e22-00d1-11f0-affc-3fe1f8b7b6ab';

function interaction(
  method: string,
  path: string,
  request: string,
  status: number,
  response: string,
): string {
  return `- request:
    method: ${method}
    uri: https://api.chartmogul.com${path}
    body: {encoding: UTF-8, string: '${request}'}
  response:
    status: {code: ${status}, message: x}
    body: {encoding: UTF-8, string: '${response}'}
  recorded_at: Tue, 02 Dec 2025 09:32:26 GMT
`;
}

/** A customer as a recording would show it; `extra` adds or overrides keys. */
function recordedCustomer(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 204816763,
    uuid: REC_CUS,
    external_id: 'test_cus_ext_id',
    name: 'Test Customer',
    status: 'New Lead',
    'customer-since': null,
    attributes: { custom: {}, tags: [] },
    data_source_uuid: REC_DS,
    data_source_uuids: [REC_DS],
    external_ids: ['test_cus_ext_id'],
    mrr: 0,
    ...extra,
  });
}

function cassette(customerAnswer: string): string {
  return (
    '---\nhttp_interactions:\n' +
    interaction(
      'post',
      '/v1/data_sources',
      '{"name":"Test Data Source"}',
      201,
      `{"uuid":"${REC_DS}","name":"Test Data Source","created_at":"2025-12-02T09:32:26.858Z","status":"idle"}`,
    ) +
    interaction(
      'post',
      '/v1/customers',
      `{"external_id":"test_cus_ext_id","name":"Test Customer","data_source_uuid":"${REC_DS}"}`,
      201,
      recordedCustomer(),
    ) +
    interaction('get', `/v1/customers/${REC_CUS}`, '', 200, customerAnswer) +
    interaction(
      'get',
      '/v1/customers/search?email=no%40email.com',
      '',
      404,
      '{"code":404,"message":"Can\'\'t find any customers with email: \\"no@email.com\\"","param":"email"}',
    ) +
    interaction('delete', `/v1/data_sources/${REC_DS}`, '', 204, '')
  );
}

describe('replaying hand-written cassettes against the sandbox', () => {
  const suite = sandboxClientForSuite();

  async function replay(yaml: string) {
    const parsed = parseCassette('hand/written.yml', yaml);
    const { client } = suite;
    const implemented = await probeImplemented(client, [
      ...new Set(parsed.exchanges.map((e) => endpointOf(e.method, e.path))),
    ]);
    return replayCassette(parsed, { client }, implemented);
  }

  it('matches a faithful recording: created ids are learned and rewritten, statuses and shapes agree', async () => {
    const outcomes = await replay(cassette(recordedCustomer()));
    expect(outcomes.map((o) => [o.endpoint, o.kind, o.differences])).toEqual([
      ['POST /v1/data_sources', 'matched', []],
      ['POST /v1/customers', 'matched', []],
      ['GET /v1/customers/:id', 'matched', []],
      ['GET /v1/customers/search', 'matched', []],
      ['DELETE /v1/data_sources/:id', 'matched', []],
    ]);
  });

  it('reports each key whose recorded shape the sandbox does not have', async () => {
    const outcomes = await replay(cassette(recordedCustomer({ mrr: '0', recorded_only: { a: 1 } })));
    const read = outcomes[2]!;
    expect(read.kind).toBe('mismatch');
    expect(read.differences.map((d) => d.path).sort()).toEqual(['$.mrr', '$.recorded_only']);
    expect(read.differences.find((d) => d.path === '$.mrr')!.problem).toMatch(
      /expected string "0", got number/,
    );
  });
});
