/* eslint-disable */
// Generated from schemas/base.schema.json by scripts/generate-types.mjs (`npm run types`). Do not edit.

/**
 * The Base (base.iml.json): request defaults inherited by every module and RPC request, the request's own keys winning (make-format.md §2). An object, or an array of them.
 */
export type Base = BaseRequest | BaseRequest[];
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

export interface BaseRequest {
  /**
   * Prefix of every request url that starts with /.
   */
  baseUrl?: string;
  /**
   * Milliseconds.
   */
  timeout?: number;
  url?: Url;
  method?: Method;
  headers?: FlatValues;
  qs?: FlatValues;
  body?: Body;
  type?: RequestType;
  temp?: Temp;
  condition?: Condition;
  pagination?: Pagination;
  log?: Log;
  encodeUrl?: boolean;
  followRedirects?: boolean;
  followAllRedirects?: boolean;
  ca?: string;
  aws?: AwsSigning;
  oauth?: OAuth1Signing;
  response?: BaseResponse;
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
export interface BaseResponse {
  type?: ResponseType;
  valid?: Valid;
  limit?: number | string;
  error?: ResponseError;
  iterate?: Iterate;
  temp?: Temp;
  output?: unknown;
  wrapper?: unknown;
  data?: {
    [k: string]: unknown;
  };
  metadata?: ConnectionMetadata;
  uid?: string | number;
  oauth?: OAuth1Signing;
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema definition
 * via the `patternProperty` "^[0-9]{3}$".
 */
export interface StatusError {
  message: string;
  type?: ErrorType;
}
/**
 * Shown next to the connection's name.
 */
export interface ConnectionMetadata {
  type?: ('text' | 'email') | ImlString;
  value?: string;
  [k: string]: unknown;
}
