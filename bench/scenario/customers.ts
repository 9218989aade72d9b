/** Fills a sandbox with N plain customers over HTTP (shared by bench/scenario and the resilience test). */
import type { RunningSandbox } from '../../sandbox';

export async function createCustomers(sb: RunningSandbox, count: number, concurrency = 8): Promise<string[]> {
  const auth = `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}`;
  const post = async (path: string, body: unknown): Promise<{ uuid: string }> => {
    const res = await fetch(`${sb.url}${path}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { uuid: string };
  };
  const source = await post('/v1/data_sources', { name: 'Scenario bench' });
  const uuids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const n = String(i + 1).padStart(5, '0');
      uuids[i] = (
        await post('/v1/customers', {
          data_source_uuid: source.uuid,
          external_id: `bench_${n}`,
          name: `Customer ${n}`,
          email: `c${n}@example.com`,
        })
      ).uuid;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return uuids;
}
