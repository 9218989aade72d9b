/** Validation of request bodies and path parameters; failures are 400 JSON errors naming the field. */
import { HttpError } from './http-errors';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function bodyObject(body: unknown): JsonRecord {
  if (!isRecord(body)) throw new HttpError(400, 'BadRequest', 'The request body must be a JSON object');
  return body;
}

/** Refuses keys the route does not know, so a typo does not silently do nothing. */
export function onlyKeys(body: JsonRecord, allowed: string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new HttpError(400, 'BadRequest', `Unknown field(s): ${unknown.join(', ')}`);
}

export function optionalObject(body: JsonRecord, key: string): JsonRecord | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new HttpError(400, 'BadRequest', `"${key}" must be a JSON object`);
  return value;
}

export function optionalBoolean(body: JsonRecord, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new HttpError(400, 'BadRequest', `"${key}" must be true or false`);
  return value;
}

export function requiredString(body: JsonRecord, key: string, maxLength: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new HttpError(400, 'BadRequest', `"${key}" must be a non-empty string`);
  if (value.length > maxLength)
    throw new HttpError(400, 'BadRequest', `"${key}" is longer than ${maxLength} characters`);
  return value.trim();
}

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Path ids (modules, RPCs, runs) are plain tokens; anything else is refused before any lookup. */
export function pathId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value))
    throw new HttpError(400, 'BadRequest', `Invalid ${what} id`);
  return value;
}

/** The minimal shape of a Make blueprint; the runner validates the rest. */
export function blueprintOf(body: JsonRecord): JsonRecord {
  const blueprint = body.blueprint;
  if (!isRecord(blueprint))
    throw new HttpError(400, 'BadRequest', '"blueprint" must be a Make blueprint object');
  if (!Array.isArray(blueprint.flow))
    throw new HttpError(400, 'BadRequest', 'The blueprint has no "flow" array');
  if (blueprint.flow.length === 0) throw new HttpError(400, 'BadRequest', 'The blueprint\'s "flow" is empty');
  return blueprint;
}
