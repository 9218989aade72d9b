// The scenario's schedule, on or off (Make's scheduling switch): the server runs the saved scenario of
// this key at each interval, a trigger polling at each tick, and keeps doing so across restarts
// (PUT /api/scenarios/:key/schedule). A scenario that starts with an instant trigger runs at each delivery
// instead, so it has no schedule.
import { api } from './api.js';
import { saveNow, scenarioKey } from './autosave.js';
import { $, el } from './dom.js';
import { store, subscribe } from './store.js';
import { scenarioTrigger } from './triggers.js';

const EVERY = [
  ['15m', 'every 15 minutes'],
  ['1h', 'every 1 hour'],
  ['1d', 'every 1 day'],
];
let shownFor = null; // the key whose schedule the controls show
let saved = { every: null, active: false };
let failure = ''; // why the last change was refused, said until the next one

export function initSchedule() {
  const box = $('#schedule');
  if (!box) return;
  box.append(
    el(
      'label',
      { class: 'check' },
      el('input', { type: 'checkbox', id: 'schedule-on', onchange: apply }),
      ' On a schedule',
    ),
    el('label', { class: 'visually-hidden', for: 'schedule-every' }, 'How often'),
    el(
      'select',
      { id: 'schedule-every', onchange: () => $('#schedule-on').checked && apply() },
      EVERY.map(([value, label]) => el('option', { value }, label)),
    ),
    el('span', { id: 'schedule-status', class: 'muted', role: 'status', 'aria-live': 'polite' }),
  );
  subscribe(render);
}

function render() {
  const key = scenarioKey();
  if (key && key !== shownFor) {
    shownFor = key;
    saved = { every: null, active: false };
    failure = '';
    api.schedule(key).then(
      (s) => key === scenarioKey() && show(s),
      () => undefined,
    );
  }
  const instant = scenarioTrigger() === 'instant_trigger';
  const empty = !store.blueprint?.flow.length;
  $('#schedule-on').disabled = instant || empty;
  $('#schedule-every').disabled = instant || empty;
  if (instant) $('#schedule-status').textContent = 'Runs at each delivery to its hook.';
  else statusText();
}

function show(schedule) {
  saved = schedule;
  $('#schedule-on').checked = Boolean(schedule.active);
  if (schedule.every) $('#schedule-every').value = schedule.every;
  statusText();
}

function statusText() {
  if (failure) return ($('#schedule-status').textContent = failure);
  const label = EVERY.find(([value]) => value === saved.every)?.[1] ?? `every ${saved.every}`;
  $('#schedule-status').textContent = saved.active
    ? `On: ${label}.`
    : saved.deactivated
      ? `Off: ${saved.deactivated}`
      : 'Off';
}

async function apply() {
  const key = scenarioKey();
  const on = $('#schedule-on').checked;
  failure = '';
  try {
    // The server schedules the scenario it has under the key: it must have the latest edit.
    if (on && !(await saveNow())) throw new Error('the scenario is not saved yet; try again in a moment');
    show(await api.setSchedule(key, on ? $('#schedule-every').value : null));
  } catch (err) {
    $('#schedule-on').checked = saved.active;
    failure = `The schedule could not be changed: ${err.message}`;
    statusText();
  }
}
