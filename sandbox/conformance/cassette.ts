// Loads VCR cassettes (the YAML files Ruby's VCR writes) into plain exchanges.
// The recordings are read where they live; nothing is copied into the project.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as yaml from 'js-yaml';
import { NonJsonBody } from './shape';

export interface Exchange {
  /** Position inside the cassette, 0-based. */
  index: number;
  method: string;
  /** Path without the host, e.g. `/v1/customers/cus_…`. */
  path: string;
  /** Query parameters in recorded order. */
  query: Array<[string, string]>;
  /** Parsed JSON request body; undefined when the request had none. */
  requestBody: unknown;
  status: number;
  /** Parsed JSON response body; undefined when empty; NonJsonBody when it was not JSON. */
  responseBody: unknown;
  recordedAt: Date;
}

export interface Cassette {
  /** Path relative to the recordings root, with forward slashes. */
  file: string;
  exchanges: Exchange[];
}

// Ruby's VCR writes non-UTF-8-clean bodies as `!binary` base64 (sometimes gzip inside).
const binaryTag = new yaml.Type('!binary', {
  kind: 'scalar',
  construct: (data: string) => {
    let bytes = Buffer.from(String(data).replace(/\s+/g, ''), 'base64');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
    return bytes.toString('utf8');
  },
});
const schema = yaml.DEFAULT_SCHEMA.extend([binaryTag]);

/** JSON when it parses, undefined when empty, NonJsonBody otherwise (e.g. a gateway's text page). */
export function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return new NonJsonBody(text);
  }
}

interface RawInteraction {
  request: { method: string; uri: string; body?: { string?: string } };
  response: { status: { code: number }; body?: { string?: string } };
  recorded_at: string;
}

export function parseCassette(file: string, text: string): Cassette {
  const doc = yaml.load(text, { schema }) as { http_interactions?: RawInteraction[] } | null;
  const interactions = doc?.http_interactions ?? [];
  const exchanges = interactions.map((raw, index): Exchange => {
    const url = new URL(raw.request.uri);
    return {
      index,
      method: raw.request.method.toUpperCase(),
      path: decodeURI(url.pathname),
      query: [...url.searchParams.entries()],
      requestBody: parseBody(raw.request.body?.string),
      status: Number(raw.response.status.code),
      responseBody: parseBody(raw.response.body?.string),
      recordedAt: new Date(raw.recorded_at),
    };
  });
  return { file, exchanges };
}

/** Every `*.yml` below `root`, sorted by path so reports are stable. */
export function loadCassettes(root: string): Cassette[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yml') || entry.name.endsWith('.yaml')) files.push(full);
    }
  };
  walk(root);
  return files
    .sort()
    .map((full) =>
      parseCassette(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')),
    );
}
