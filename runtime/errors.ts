/**
 * Make's error types (make-format.md §8.1), plus the two the runtime raises on its own:
 * BundleValidationError (bad input, before any request) and ImlError (bad template).
 * Each class's `name` equals its class name, so `err.name` is what Make shows as the error type.
 */

export interface ErrorDetails {
  /** HTTP status of the response that caused the error, when there was one. */
  statusCode?: number;
  /** A short, sanitized excerpt of the response body, for debugging. Never contains credentials. */
  bodyExcerpt?: string;
  /** Module or RPC id the error happened in. */
  componentId?: string;
  cause?: unknown;
}

export class MakeError extends Error {
  statusCode?: number;
  bodyExcerpt?: string;
  componentId?: string;
  /**
   * 'unknown' when the request may have been applied although this error came back: a write whose
   * connection broke after it was sent, or that got a 5xx other than 429/503. The run history stores
   * the execution with that outcome (docs/decisions.md, "Run journal").
   */
  outcome?: 'unknown';

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.bodyExcerpt !== undefined) this.bodyExcerpt = details.bodyExcerpt;
    if (details.componentId !== undefined) this.componentId = details.componentId;
  }
}

export class RuntimeError extends MakeError {}
export class DataError extends MakeError {}
export class RateLimitError extends MakeError {
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  retryAfter?: number;
}
export class ConnectionError extends MakeError {}
export class InvalidConfigurationError extends MakeError {}
/** A subclass of InvalidConfigurationError in Make's engine (imt-proto), and here too. */
export class InvalidAccessTokenError extends InvalidConfigurationError {}
export class IncompleteDataError extends MakeError {}
export class DuplicateDataError extends MakeError {}
export class OutOfSpaceError extends MakeError {}

export interface FieldProblem {
  /** Parameter path, e.g. `line_items[1].amount_in_cents` (1-based, as Make shows it). */
  field: string;
  /** The parameter's label, when the definition gives one. */
  label?: string;
  /** What was expected, in words. */
  message: string;
}

/** Input that fails the module's parameter specs; thrown before any request is sent. */
export class BundleValidationError extends MakeError {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[], details: ErrorDetails = {}) {
    const lines = problems.map((p) => `${p.label ? `${p.label} (${p.field})` : p.field}: ${p.message}`);
    super(`Validation failed for ${problems.length} parameter(s): ${lines.join('; ')}`, details);
    this.problems = problems;
  }
}

export interface ImlPosition {
  /** 0-based offset into the template string. */
  offset: number;
  line: number;
  column: number;
}

/** A template that cannot be compiled or evaluated. Carries the template and the position. */
export class ImlError extends MakeError {
  readonly template?: string;
  readonly position?: ImlPosition;

  constructor(message: string, template?: string, position?: ImlPosition, details: ErrorDetails = {}) {
    super(position ? `${message} (at ${position.line}:${position.column})` : message, details);
    if (template !== undefined) this.template = template;
    if (position !== undefined) this.position = position;
  }
}

/** Error type names a definition may use in `response.error.type` / `valid.type`. */
export const ERROR_TYPES = {
  RuntimeError,
  DataError,
  RateLimitError,
  ConnectionError,
  InvalidConfigurationError,
  InvalidAccessTokenError,
  IncompleteDataError,
  DuplicateDataError,
  OutOfSpaceError,
} as const;

export type ErrorTypeName = keyof typeof ERROR_TYPES;

export function isErrorTypeName(name: unknown): name is ErrorTypeName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ERROR_TYPES, name);
}
