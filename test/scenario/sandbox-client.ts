/**
 * Reads the sandbox directly over HTTP (not through the app), so the end-to-end tests check what a
 * scenario really changed with an independent client.
 */
import type { RunningSandbox } from '../../sandbox';

export interface Stats {
  requests: Record<string, number>;
  writes: Record<string, number>;
}

export function sandboxClient(sb: RunningSandbox) {
  const auth = `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}`;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${sb.url}${path}`, { headers: { Authorization: auth } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${sb.url}${path}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get,
    post,
    async customers(): Promise<Customer[]> {
      const all: Customer[] = [];
      let cursor: string | undefined;
      do {
        const page = await get<{ entries: Customer[]; has_more: boolean; cursor?: string }>(
          `/v1/customers?per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        all.push(...page.entries);
        cursor = page.has_more ? page.cursor : undefined;
      } while (cursor);
      return all;
    },
    async stats(): Promise<Stats> {
      const res = await fetch(`${sb.url}/__sandbox/stats`);
      return (await res.json()) as Stats;
    },
  };
}

export interface Customer {
  uuid: string;
  external_id: string;
  name: string;
  email: string;
  status: string;
  mrr: number;
  attributes: { tags: string[] };
}

/** Sum of committed writes whose path starts with the prefix (e.g. `PATCH /v1/customers/`). */
export function writesTo(stats: Stats, prefix: string): number {
  return Object.entries(stats.writes)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}
