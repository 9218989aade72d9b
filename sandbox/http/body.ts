/**
 * JSON bodies: malformed JSON, a wrong charset or a body above the limit become ChartMogul-style 4xx errors
 * (dialect A) before any handler runs. GET requests carry `{}` from the SDK; that is parsed and ignored.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { codeError } from './errors';
import { sendJson } from './send';

export const BODY_LIMIT = '2mb';

export const parseJson = express.json({
  limit: BODY_LIMIT,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

/** Rails' JSON parser refuses deeper documents (max_nesting 100); deeper ones overflowed JSON.stringify. */
export const MAX_NESTING = 100;

/**
 * What JSON.parse accepts but the sandbox must not store or echo: a lone UTF-16 surrogate (`"\ud800"`, which
 * SQLite would keep as invalid UTF-8) in any string or key, and nesting deeper than MAX_NESTING. Walked
 * without recursion, so no body can overflow the stack here. Answers 400 in dialect A, naming the place.
 */
export const checkJsonBody: RequestHandler = (req, res, next) => {
  const problem = findProblem(req.body);
  if (problem === undefined) return next();
  const e = codeError(400, problem.message, problem.path || null);
  sendJson(res, e.status, e.body);
};

/** With the u flag a well-formed pair reads as one code point, so only an unpaired half is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

function findProblem(body: unknown): { message: string; path: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  const surrogate = (path: string) => ({
    message: `The request body is not valid Unicode: a lone surrogate in "${path}"`,
    path,
  });
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return surrogate(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_NESTING)
      return { message: `The request body is nested more than ${MAX_NESTING} levels deep`, path: '' };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return surrogate(path);
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Turns body-parser failures into 4xx; anything else is a sandbox bug and answers 500 without details. */
export const errorHandler: ErrorRequestHandler = (
  err: { type?: string; status?: number },
  _req,
  res,
  _next,
) => {
  void _next;
  let e;
  if (err.type === 'entity.too.large') e = codeError(413, `The request body is larger than ${BODY_LIMIT}`);
  else if (err.type === 'entity.parse.failed') e = codeError(400, 'The request body is not valid JSON');
  else if (err.status !== undefined && err.status >= 400 && err.status < 500)
    e = codeError(err.status, 'The request body could not be read');
  else {
    process.stderr.write(`sandbox: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    e = codeError(500, 'Internal Server Error');
  }
  sendJson(res, e.status, e.body);
};
