/** Reading customer fields and custom attributes from request bodies (shared by create, update and attributes). */
import { Input, isEmail, isObject, type Body } from '../http/input';
import { countryName } from '../lib/locale';
import { parseTimestamp, isoMillis } from '../lib/time';
import { LEAD_STATUSES, type CustomAttribute, type CustomerFields } from '../store/customers';

export const INVALID_EMAIL = 'The value provided does not appear to be a valid email address.';
const ATTRIBUTE_TYPES = ['String', 'Integer', 'Decimal', 'Timestamp', 'Boolean'] as const;
const ATTRIBUTE_KEY = /^[A-Za-z0-9_]+$/;

/** The editable customer fields present in the body; problems land in input.errors. */
export function readCustomerFields(input: Input): CustomerFields {
  const fields: CustomerFields = {};
  const text = (key: 'name' | 'company' | 'city' | 'zip' | 'website_url' | 'owner' | 'state', max = 255) => {
    if (input.body[key] === null) {
      if (key !== 'name' && key !== 'company') fields[key] = null;
      return;
    }
    // An empty string is a value: recorded customers given "" show "" (e.g. "city": ""), not null.
    if (input.body[key] === '') {
      fields[key] = '';
      return;
    }
    const v = input.string(key, { max });
    if (v !== undefined) fields[key] = v;
  };
  for (const key of ['name', 'company', 'city', 'zip', 'website_url', 'owner', 'state'] as const) text(key);
  const email = input.string('email');
  if (email !== undefined) {
    if (email !== '' && !isEmail(email)) input.fail('email', INVALID_EMAIL);
    else fields.email = email;
  }
  if (input.body.country === null) fields.country = null;
  const country = input.string('country');
  if (country !== undefined) {
    if (!countryName(country.toUpperCase()))
      input.fail('country', 'must be an ISO 3166-1 alpha-2 country code');
    else fields.country = country.toUpperCase();
  }
  for (const key of ['lead_created_at', 'free_trial_started_at'] as const) {
    if (input.body[key] === null) fields[key] = null;
    const ms = input.timestamp(key);
    if (ms !== undefined) fields[key] = ms;
  }
  const status = input.oneOf('status', LEAD_STATUSES, {
    invalid: `must be one of ${LEAD_STATUSES.join(', ')}`,
  });
  if (status !== undefined) fields.lead_status = status;
  return fields;
}

/** Converts one typed attribute value; returns an error message when it does not fit its type. */
function convertAttribute(type: string, value: unknown): { value: unknown } | { error: string } {
  switch (type) {
    case 'String':
      if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
      if (typeof value !== 'string') return { error: 'must be a string' };
      return value.length > 255 ? { error: 'is too long (maximum 255 characters)' } : { value };
    case 'Integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n)
        ? { value: n }
        : { error: 'must be an integer' };
    }
    case 'Decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n)
        ? { value: n }
        : { error: 'must be a decimal number' };
    }
    case 'Timestamp': {
      const ms = parseTimestamp(value);
      return ms === undefined ? { error: 'must be an ISO 8601 timestamp' } : { value: isoMillis(ms) };
    }
    case 'Boolean': {
      const text = String(value).toLowerCase();
      if (['true', 't', '1'].includes(text)) return { value: true };
      if (['false', 'f', '0'].includes(text)) return { value: false };
      return { error: 'must be a boolean' };
    }
    default:
      return { error: `type must be one of ${ATTRIBUTE_TYPES.join(', ')}` };
  }
}

/** `[{type, key, value, source?}]` as create and "add custom attributes" take it. */
export function readTypedAttributes(
  list: unknown,
): { attributes: Record<string, CustomAttribute> } | { error: string } {
  if (!Array.isArray(list)) return { error: 'custom must be an array of {type, key, value} objects' };
  const attributes: Record<string, CustomAttribute> = {};
  for (const entry of list) {
    if (!isObject(entry)) return { error: 'custom must be an array of {type, key, value} objects' };
    const { type, key, value, source } = entry as Body;
    if (typeof key !== 'string' || !ATTRIBUTE_KEY.test(key))
      return { error: `Key "${String(key)}" must contain only letters, digits and underscores` };
    if (typeof type !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      return { error: `Type of "${key}" must be one of ${ATTRIBUTE_TYPES.join(', ')}` };
    }
    const converted = convertAttribute(type, value);
    if ('error' in converted) return { error: `Value of "${key}" ${converted.error}` };
    attributes[key] = { type, value: converted.value, source: typeof source === 'string' ? source : 'API' };
  }
  return { attributes };
}

function inferType(value: unknown): string {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Decimal';
  return 'String';
}

/** `{key: value | {value, source}}` as update takes it: existing keys keep their type. */
export function readAttributeUpdates(
  map: unknown,
  existing: Record<string, CustomAttribute>,
): { attributes: Record<string, CustomAttribute> } | { error: string } {
  if (!isObject(map)) return { error: 'custom must be an object of key: value pairs' };
  const attributes = { ...existing };
  for (const [key, raw] of Object.entries(map)) {
    if (!ATTRIBUTE_KEY.test(key))
      return { error: `Key "${key}" must contain only letters, digits and underscores` };
    const wrapped = isObject(raw) && 'value' in raw;
    const value = wrapped ? (raw as Body).value : raw;
    const source =
      wrapped && typeof (raw as Body).source === 'string'
        ? String((raw as Body).source)
        : (existing[key]?.source ?? 'API');
    const type = existing[key]?.type ?? inferType(value);
    if (value === null) {
      attributes[key] = { type, value: null, source };
      continue;
    }
    const converted = convertAttribute(type, value);
    if ('error' in converted) return { error: `Value of "${key}" ${converted.error}` };
    attributes[key] = { type, value: converted.value, source };
  }
  return { attributes };
}
