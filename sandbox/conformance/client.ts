// A minimal JSON client for the sandbox over loopback HTTP. node:http rather than fetch because
// ChartMogul's SDKs send a JSON body on GET requests, and the replay sends what was recorded.
import * as http from 'http';
import { parseBody } from './cassette';

export interface SandboxResponse {
  status: number;
  body: unknown;
}

export interface SandboxStats {
  requests: Record<string, number>;
  writes: Record<string, number>;
}

export class SandboxClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Sends one request; `apiKey: null` sends none, a string overrides the client's key. */
  request(
    method: string,
    path: string,
    query: Array<[string, string]> = [],
    body?: unknown,
    options: { apiKey?: string | null } = {},
  ): Promise<SandboxResponse> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of query) url.searchParams.append(name, value);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const key = options.apiKey === undefined ? this.apiKey : options.apiKey;
    const headers: Record<string, string | number> = { Accept: 'application/json' };
    if (key !== null) headers.Authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** POST/PATCH/… that must succeed: the state builder relies on it. */
  async must(
    method: string,
    path: string,
    body?: unknown,
    query: Array<[string, string]> = [],
  ): Promise<unknown> {
    const response = await this.request(method, path, query, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async stats(): Promise<SandboxStats> {
    const response = await this.request('GET', '/__sandbox/stats', [], undefined, { apiKey: null });
    return response.body as SandboxStats;
  }

  async reset(): Promise<void> {
    const response = await this.request('POST', '/__sandbox/reset', [], undefined, { apiKey: null });
    if (response.status >= 300) throw new Error(`sandbox reset answered ${response.status}`);
  }
}
