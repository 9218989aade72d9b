/**
 * Errors the workbench answers with, and the mapping from runtime errors to HTTP statuses.
 * Every error reply is JSON: `{ error: { type, message, ...details } }`.
 */
import { NotAvailableError } from './public-api';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  type: string;
  message: string;
  [detail: string]: unknown;
}

/** A runtime error as the page shows it: its Make type (the class name) and message, plus safe details. */
export function describeError(err: unknown): ErrorBody {
  if (err && typeof err === 'object') {
    const e = err as {
      name?: unknown;
      message?: unknown;
      statusCode?: unknown;
      problems?: unknown;
      position?: unknown;
    };
    const body: ErrorBody = {
      type: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(err),
    };
    if (typeof e.statusCode === 'number') body.statusCode = e.statusCode;
    if (Array.isArray(e.problems)) body.problems = e.problems;
    if (e.position && typeof e.position === 'object') body.position = e.position;
    return body;
  }
  return { type: 'Error', message: String(err) };
}

/** Status for an error thrown while serving a request. */
export function statusFor(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof NotAvailableError) return 501;
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; name?: unknown };
  // body-parser's errors: entity.too.large (413), entity.parse.failed (400), ...
  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return e.status;
  if (isUndecodableBody(err)) return 400;
  switch (e?.name) {
    case 'BundleValidationError':
    case 'ImlError':
      return 400;
    case 'InvalidAccessTokenError':
    case 'InvalidConfigurationError':
    case 'ConnectionError':
    case 'RuntimeError':
    case 'DataError':
    case 'RateLimitError':
    case 'IncompleteDataError':
    case 'DuplicateDataError':
    case 'OutOfSpaceError':
      return 502; // the upstream API said no; the request to the workbench itself was fine
    default:
      return 500;
  }
}

export function errorBody(err: unknown): ErrorBody {
  if (err instanceof HttpError) return { type: err.type, message: err.message, ...err.details };
  if (err instanceof NotAvailableError) {
    return { type: 'NotImplemented', message: err.message };
  }
  const e = err as { type?: unknown; status?: unknown };
  if (typeof e?.type === 'string' && typeof e.status === 'number') {
    const messages: Record<string, string> = {
      'entity.too.large': 'Request body too large',
      'entity.parse.failed': 'Request body is not valid JSON',
      'encoding.unsupported': 'Unsupported request body encoding',
      'charset.unsupported': 'Unsupported request body charset',
    };
    return { type: 'BadRequest', message: messages[e.type] ?? 'Bad request body' };
  }
  if (isUndecodableBody(err))
    return { type: 'BadRequest', message: 'Request body is not valid for its Content-Encoding' };
  return describeError(err);
}

/**
 * A body whose gzip, deflate or br stream does not decode: body-parser passes zlib's error on as a
 * 400 without a `type` (issue 16: it was answered 500 with zlib's own message).
 */
function isUndecodableBody(err: unknown): boolean {
  // zlib's errors carry a numeric errno beside their code (Z_DATA_ERROR, ERR__ERROR_FORMAT_PADDING_2, …).
  const e = err as { status?: unknown; code?: unknown; errno?: unknown };
  return e?.status === 400 && typeof e.code === 'string' && typeof e.errno === 'number';
}
