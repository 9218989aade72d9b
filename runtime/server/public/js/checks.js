// What is typed, checked by the runtime's own rules (POST /api/check): whether a template compiles
// (else its error and position) and which modules it reads, whether a date field takes a value, and
// whether a value matches a validate.pattern (the page's own RegExp could hang its tab: issue 16).
// Answers are kept by value; a value asked for the first time is answered "not known yet" at once and
// sent with the others asked in the same moment; the page renders again when the answers arrive.
import { api } from './api.js';

const known = new Map(); // `t<text>` → { error?, references } ; `d<json>` → boolean
const waiting = new Map(); // the same keys, asked and not sent yet
let chain = Promise.resolve(); // the sends, one after the other
let scheduled = false;
const listeners = new Set();

/** Called (without arguments) whenever new answers came in. */
export function onChecked(listener) {
  listeners.add(listener);
}

/** `{ error?: { message, offset, line, column }, references: string[] }`, or undefined while asked. */
export function templateCheck(text) {
  return answerFor(`t${text}`, { template: text });
}

/** `{ matches, error? }`: `value` against a validate.pattern by the runtime's bounded matcher, or undefined while asked. */
export function patternCheck(pattern, value) {
  return answerFor(`p${JSON.stringify([pattern, value])}`, { pattern: { pattern, value } });
}

/** Whether a date field takes `value` (true/false), or undefined while asked. */
export function dateTaken(value) {
  return answerFor(`d${JSON.stringify(value)}`, { date: value });
}

/** Asks for every given value not answered yet and resolves once all are (for Run). */
export async function settle({ templates = [], dates = [] } = {}) {
  for (const t of templates) templateCheck(t);
  for (const d of dates) dateTaken(d);
  while (waiting.size || scheduled) await chain;
  await chain;
}

function answerFor(key, ask) {
  if (known.has(key)) return known.get(key);
  waiting.set(key, ask);
  if (!scheduled) {
    scheduled = true;
    // Everything asked in this moment goes in one request.
    queueMicrotask(() => {
      scheduled = false;
      chain = chain.then(send);
    });
  }
  return undefined;
}

async function send() {
  for (const key of waiting.keys()) if (known.has(key)) waiting.delete(key); // answered since it was asked
  const asked = [...waiting.entries()].slice(0, 400);
  for (const [key] of asked) waiting.delete(key);
  if (!asked.length) return;
  const templates = asked.filter(([, a]) => 'template' in a);
  const dates = asked.filter(([, a]) => 'date' in a);
  const patterns = asked.filter(([, a]) => 'pattern' in a);
  try {
    const answer = await api.check({
      templates: templates.map(([, a]) => a.template),
      dates: dates.map(([, a]) => a.date),
      patterns: patterns.map(([, a]) => a.pattern),
    });
    templates.forEach(([key], i) => known.set(key, answer.templates[i]));
    dates.forEach(([key], i) => known.set(key, answer.dates[i]));
    patterns.forEach(([key], i) => known.set(key, answer.patterns[i]));
  } catch {
    // The server did not answer: nothing is known, nothing is flagged; the run itself will tell.
    for (const [key, a] of asked)
      known.set(key, 'template' in a ? { references: [] } : 'pattern' in a ? { matches: true } : true);
  }
  if (waiting.size) chain = chain.then(send); // more than one request's worth
  for (const listener of listeners) listener();
}
