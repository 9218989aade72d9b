/** The sandbox bench's HTTP client (the bench and its child processes): keep-alive, four sockets, the demo key. */
import http from 'node:http';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const AUTH = `Basic ${Buffer.from('sandbox-demo-key:').toString('base64')}`;

/** One request; resolves with the body of a 200, rejects on any other status. */
export function request(method: string, url: string, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: AUTH };
    if (body !== undefined) headers['content-type'] = 'application/json';
    http
      .request(url, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString())
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject)
      .end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export const get = (url: string) => request('GET', url);

/** Runs `n` GETs, four at a time (the agent's sockets). */
export async function burst(url: string, n: number): Promise<void> {
  const workers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = w; i < n; i += 4) await get(url);
  });
  await Promise.all(workers);
}
