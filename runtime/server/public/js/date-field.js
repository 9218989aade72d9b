// Date parameters as a picker. Make hands modules dates as UTC ISO 8601 with milliseconds
// (YYYY-MM-DDTHH:mm:ss.sssZ); its picker shows the user's own time zone, so the picker here shows and
// reads the browser's local time and the blueprint gets the UTC instant. `time: false` picks a day,
// which means that day's local midnight, as in Make. Mapped values ({{…}}) use the text input instead.
import { el } from './dom.js';

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The picker's text for a stored value ('' when empty), or null when the picker cannot show it. */
export function pickerText(value, withTime) {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value !== 'string' || value.includes('{{')) return null;
  // A bare day is that local day (Date would read it as UTC midnight).
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  if (!withTime) return day;
  const seconds = date.getSeconds() || date.getMilliseconds() ? `:${pad(date.getSeconds())}` : '';
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
}

/** The ISO value for what the picker holds (local time), or undefined when it is empty or incomplete. */
export function isoFromPicker(text, withTime) {
  if (!text) return undefined;
  const date = new Date(withTime ? text : `${text}T00:00`); // no zone: local time, both forms
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `time: false` in the spec asks for a day only; any other value (the default) for day and time. */
export const pickerHasTime = (spec) => spec.time !== false;

export function datePicker(id, spec, value, set, describedBy) {
  const withTime = pickerHasTime(spec);
  const shown = pickerText(value, withTime) ?? '';
  return el('input', {
    id,
    type: withTime ? 'datetime-local' : 'date',
    value: shown,
    step: shown.length > 16 ? '1' : undefined, // seconds show (and can be set) when the value has them
    'aria-describedby': describedBy,
    'aria-required': spec.required ? 'true' : undefined,
    oninput: (e) => set(isoFromPicker(e.target.value, withTime)),
  });
}
