/** Fills a sandbox with N plain customers over HTTP (for the resilience test and the benchmark). */
import type { RunningSandbox } from '../../sandbox';
import { sandboxClient } from './sandbox-client';

export async function createCustomers(sb: RunningSandbox, count: number, concurrency = 8): Promise<string[]> {
  const client = sandboxClient(sb);
  const source = await client.post<{ uuid: string }>('/v1/data_sources', { name: 'Resilience' });
  const uuids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const n = String(i + 1).padStart(5, '0');
      const c = await client.post<{ uuid: string }>('/v1/customers', {
        data_source_uuid: source.uuid,
        external_id: `res_${n}`,
        name: `Customer ${n}`,
        email: `c${n}@example.com`,
      });
      uuids[i] = c.uuid;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return uuids;
}
