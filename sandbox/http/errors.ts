/**
 * ChartMogul's error body dialects (reference §10): A `{code, message, param}` (auth, customers, search, bad
 * requests), B `{errors: {field: message}}` (import-style creates), C `{error: "X not found"}` (404 on resources),
 * D Rails arrays + error_details (plan groups), E per-invoice `errors` inside `{invoices: [...]}` (invoice import).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Dialect A. */
export function codeError(status: number, message: string, param: string | null = null): ApiError {
  return new ApiError(status, { code: status, message, param });
}

export function missingParameter(param: string): ApiError {
  return codeError(400, `Parameter "${param}" is missing`, param);
}

export function invalidParameter(param: string, why = 'is invalid'): ApiError {
  return codeError(400, `Parameter "${param}" ${why}`, param);
}

/** Dialect B. */
export function fieldErrors(errors: Record<string, string>, status = 422): ApiError {
  return new ApiError(status, { errors });
}

/** Dialect C. */
export function notFound(what: string): ApiError {
  return new ApiError(404, { error: `${what} not found` });
}

/** Dialect D: `{field: [message]}` plus `error_details`. */
export function railsErrors(details: { param: string; code: string; message: string }[]): ApiError {
  const body: Record<string, unknown> = {};
  for (const d of details) ((body[d.param] ??= []) as string[]).push(d.message);
  body.error_details = details;
  return new ApiError(422, body);
}

export function unauthorized(): ApiError {
  return codeError(401, 'No valid API key provided');
}

export function rateLimited(headers: Record<string, string> = {}): ApiError {
  return new ApiError(
    429,
    { code: 429, message: 'Your request rate has exceeded our rate limit.', param: null },
    headers,
  );
}
