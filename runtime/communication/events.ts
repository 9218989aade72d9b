/** What the `logger` option receives: sanitized request/response events (secrets masked). */
export type EngineEvent =
  | {
      type: 'request';
      componentId: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body?: unknown;
    }
  | {
      type: 'response';
      componentId: string;
      method: string;
      url: string;
      statusCode: number;
      headers: Record<string, unknown>;
      body?: string;
      durationMs: number;
    }
  | { type: 'retry'; componentId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'cap'; componentId: string; cap: 'maxRequests' | 'maxPages' | 'maxRecords'; value: number };

export type Logger = (event: EngineEvent) => void;
