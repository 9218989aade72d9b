/**
 * The `date-time` format a date parameter is validated with: ajv-formats' full RFC 3339 check, with a
 * fast answer for the one text normalization gives every date it could read, `YYYY-MM-DDTHH:mm:ss.sssZ`
 * (Date#toISOString). ajv-formats splits the text on a regular expression and runs two more with
 * capture groups: a third of validating createCustomer's parameters, 0.35 µs of a 3.7 µs request
 * build (bench/engine, issue 23). Every text the fast answer accepts, ajv-formats accepts; every
 * other text gets ajv-formats' own answer (test/parameters/date-time-format.test.ts compares them).
 *
 * Registered in ajv.ts (`parameterAjv`); standalone validators kept with the definitions require it from
 * here (`parameterFormats`, ajv's `code.formats`).
 */
import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';
import { digitsAt } from '../iml/date-text';

const full = fullFormats['date-time'] as FormatDefinition<string> & { validate: (s: string) => boolean };

/** Days per month of a common year (index 1–12). */
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real calendar day and time (what ajv-formats accepts of it). */
function isCanonicalIso(s: string): boolean {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 || // Z
    digitsAt(s, 20, 3) < 0
  )
    return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month])) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

export function isDateTimeText(s: string): boolean {
  return isCanonicalIso(s) || full.validate(s);
}

export const dateTimeFormat: FormatDefinition<string> = {
  type: 'string',
  validate: isDateTimeText,
  ...(full.compare ? { compare: full.compare } : {}),
};

/** The formats parameter schemas use, as standalone validators require them. */
export const parameterFormats = { 'date-time': dateTimeFormat };
