// Sandbox behaviour the recording replay showed to differ from ChartMogul, pinned here so it holds
// without ../shared (where the recordings live).
import { sandboxClientForSuite } from '../support/sandbox-client';

interface Customer {
  city: string | null;
  address: { city: string | null };
}

describe('sandbox fixes found by the replay', () => {
  const suite = sandboxClientForSuite();

  it('keeps an empty city as "" (recorded customers show "city": ""), and an absent one as null', async () => {
    const source = (await suite.client.must('POST', '/v1/data_sources', { name: 'Sheets' })) as {
      uuid: string;
    };
    const given = (await suite.client.must('POST', '/v1/customers', {
      data_source_uuid: source.uuid,
      external_id: 'c1',
      name: 'Gavin',
      city: '',
    })) as { uuid: string };
    const read = (await suite.client.must('GET', `/v1/customers/${given.uuid}`)) as Customer;
    expect(read.city).toBe('');
    expect(read.address.city).toBe('');

    const absent = (await suite.client.must('POST', '/v1/customers', {
      data_source_uuid: source.uuid,
      external_id: 'c2',
      name: 'Peter',
    })) as Customer;
    expect(absent.city).toBeNull();
  });
});
