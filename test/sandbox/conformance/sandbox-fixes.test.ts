// Sandbox behaviour the recording replay showed to differ from ChartMogul, pinned here so it holds
// without ../shared (where the recordings live).
import { startSandbox } from '../../../sandbox';
import { SandboxClient } from '../../../sandbox/conformance/client';

interface Customer {
  city: string | null;
  address: { city: string | null };
}

describe('sandbox fixes found by the replay', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let client: SandboxClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, limits: false });
    client = new SandboxClient(sandbox.url, sandbox.apiKey);
  });
  afterAll(() => sandbox.close());

  it('keeps an empty city as "" (recorded customers show "city": ""), and an absent one as null', async () => {
    const source = (await client.must('POST', '/v1/data_sources', { name: 'Sheets' })) as { uuid: string };
    const given = (await client.must('POST', '/v1/customers', {
      data_source_uuid: source.uuid,
      external_id: 'c1',
      name: 'Gavin',
      city: '',
    })) as { uuid: string };
    const read = (await client.must('GET', `/v1/customers/${given.uuid}`)) as Customer;
    expect(read.city).toBe('');
    expect(read.address.city).toBe('');

    const absent = (await client.must('POST', '/v1/customers', {
      data_source_uuid: source.uuid,
      external_id: 'c2',
      name: 'Peter',
    })) as Customer;
    expect(absent.city).toBeNull();
  });
});
