/* eslint-disable */
// Generated from schemas/communication.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * A module's, RPC's or connection's communication (*.communication.iml.json): one request object or an array of them, run in order (make-format.md §4.2). Every string may hold IML.
 */
export type Communication = Request | [Request, ...Request[]];
/**
 * Absolute URL, or a path starting with / that is appended to the Base's baseUrl.
 */
export type Url = string;
export type Method = ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') | ImlString;
/**
 * A string holding at least one {{…}} template.
 */
export type ImlString = string;
export type RequestType =
  ('json' | 'urlencoded' | 'multipart/form-data' | 'text' | 'string' | 'raw' | 'binary') | ImlString;
/**
 * Whether to send the request; the object form gives the output to use when it is skipped.
 */
export type Condition =
  | (boolean | string)
  | {
      condition?: boolean | string;
      default?: unknown;
    };
/**
 * How to parse the body; the object form is keyed by "*", "NNN" or "NNN-NNN" (the smallest matching range wins).
 */
export type ResponseType =
  | ResponseParser
  | {
      [k: string]: ResponseParser;
    };
export type ResponseParser =
  ('automatic' | 'json' | 'urlencoded' | 'text' | 'string' | 'raw' | 'binary' | 'xml') | ImlString;
export type Valid =
  | (boolean | string)
  | {
      condition?: string;
      message?: string;
      type?: ErrorType;
    };
export type ErrorType =
  | (
      | 'RuntimeError'
      | 'DataError'
      | 'RateLimitError'
      | 'OutOfSpaceError'
      | 'ConnectionError'
      | 'InvalidConfigurationError'
      | 'InvalidAccessTokenError'
      | 'IncompleteDataError'
      | 'DuplicateDataError'
    )
  | ImlString;
/**
 * Message and type of the error raised for a 4xx/5xx response, with per-status overrides keyed by the status code.
 */
export type ResponseError =
  | string
  | {
      message: string;
      type?: ErrorType;
      [k: string]: StatusError | string | ErrorType | undefined;
    };
export type Iterate =
  | string
  | {
      container: string;
      condition?: string | boolean;
    };

/**
 * One request (or a request-less step holding only response.output). POST, PUT and PATCH need url and body.
 */
export interface Request {
  url?: Url;
  method?: Method;
  headers?: FlatValues;
  qs?: FlatValues;
  body?: Body;
  type?: RequestType;
  temp?: Temp;
  condition?: Condition;
  repeat?: Repeat;
  pagination?: Pagination;
  log?: Log;
  encodeUrl?: boolean;
  followRedirects?: boolean;
  followAllRedirects?: boolean;
  gzip?: boolean;
  ca?: string;
  aws?: AwsSigning;
  oauth?: OAuth1Signing;
  response?: Response;
}
/**
 * headers or qs: a flat object; an array value repeats the key.
 */
export interface FlatValues {
  [k: string]: boolean | number | null | string | unknown[];
}
/**
 * Request body: any JSON value, evaluated as IML.
 */
export interface Body {
  [k: string]: unknown;
}
/**
 * Temporary variables, merged into `temp` (request-level: before everything else; response-level: right after the response).
 */
export interface Temp {
  [k: string]: unknown;
}
/**
 * Re-runs the request while `condition` (which sees only temp) holds; delay and limit are literal numbers.
 */
export interface Repeat {
  condition?: string;
  delay?: number;
  limit?: number;
}
/**
 * How to fetch the next page (make-format.md §4.4). url, method and body replace the original's; headers and qs merge into it unless mergeWithParent is false.
 */
export interface Pagination {
  mergeWithParent?: boolean;
  url?: Url;
  method?: Method;
  headers?: FlatValues;
  qs?: FlatValues;
  body?: Body;
  condition?: boolean | string;
}
export interface Log {
  /**
   * Dot paths (case-insensitive) into the logged request/response to mask, e.g. request.headers.authorization.
   */
  sanitize?: string[];
}
export interface AwsSigning {
  key?: string;
  secret?: string;
  session?: string;
  bucket?: string;
  sign_version?: ('2' | '4') | ImlString;
  service?: string;
}
export interface OAuth1Signing {
  consumer_key?: string;
  consumer_secret?: string;
  private_key?: string;
  token?: string;
  token_secret?: string;
  verifier?: string;
  signature_method?: ('HMAC-SHA1' | 'RSA-SHA1' | 'PLAINTEXT') | ImlString;
  transport_method?: ('query' | 'body' | 'header') | ImlString;
  body_hash?: string | boolean;
}
/**
 * How to read the response (make-format.md §4.2 response directives). data, metadata, uid and expires belong to connections.
 */
export interface Response {
  type?: ResponseType;
  valid?: Valid;
  limit?: number | string;
  error?: ResponseError;
  iterate?: Iterate;
  temp?: Temp;
  output?: unknown;
  wrapper?: unknown;
  trigger?: Trigger;
  data?: {
    [k: string]: unknown;
  };
  metadata?: ConnectionMetadata;
  uid?: string | number;
  oauth?: OAuth1Signing;
  expires?: string;
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^[0-9]{3}$".
 */
export interface StatusError {
  message: string;
  type?: ErrorType;
}
export interface Trigger {
  type: ('date' | 'id') | ImlString;
  order: ('asc' | 'desc' | 'unordered') | ImlString;
  id: string;
  date?: string;
}
/**
 * Shown next to the connection's name.
 */
export interface ConnectionMetadata {
  type?: ('text' | 'email') | ImlString;
  value?: string;
  [k: string]: unknown;
}
