/**
 * JSON bodies: malformed JSON, a wrong charset or a body above the limit become ChartMogul-style 4xx errors
 * (dialect A) before any handler runs. GET requests carry `{}` from the SDK; that is parsed and ignored.
 */
import express, { type ErrorRequestHandler } from 'express';
import { codeError } from './errors';
import { sendJson } from './send';

export const BODY_LIMIT = '2mb';

export const parseJson = express.json({
  limit: BODY_LIMIT,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

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
