/** A raw loopback HTTP client for the server tests: Host, Origin and bodies exactly as given. */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary JSON
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function request(baseUrl: string, path: string, init: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads are arbitrary JSON
export type SseEvent = { id: string; event: string; data: any };

/** Server-sent events of one stream, read until the server ends it. */
export function readEvents(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<SseEvent[]> {
  return request(baseUrl, path, { headers }).then((res) => {
    if (res.status !== 200) throw new Error(`events: HTTP ${res.status} ${res.text}`);
    return res.text
      .split('\n\n')
      .filter((block) => block.trim() && !block.startsWith(':'))
      .map((block) => {
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const i = line.indexOf(': ');
          if (i > 0) fields[line.slice(0, i)] = line.slice(i + 2);
        }
        return { id: fields.id, event: fields.event, data: JSON.parse(fields.data) };
      });
  });
}

/**
 * A JSON call to a workbench with its token (without, when `token` is false): `call('POST', '/api/x',
 * body)`. With `seen`, every response is also kept there, for a test that scans them all for secrets.
 */
export function workbenchCaller(
  server: () => { url: string; token: string },
  seen?: RawResponse[],
): (method: string, route: string, body?: unknown, token?: boolean) => Promise<RawResponse> {
  return async (method, route, body, token = true) => {
    const headers: Record<string, string> = token ? { 'X-Workbench-Token': server().token } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await request(new URL(server().url).origin, route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    seen?.push(res);
    return res;
  };
}

/** Polls GET /api/runs/:id until the run is no longer running; its last answer (a run as JSON). */
export async function finishedRun(
  call: (method: string, route: string) => Promise<RawResponse>,
  runId: string,
): Promise<ReturnType<RawResponse['json']>> {
  for (;;) {
    const res = await call('GET', `/api/runs/${runId}`);
    if (res.status === 200 && res.json().status !== 'running') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
}
