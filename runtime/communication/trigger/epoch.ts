/**
 * Where a trigger starts (make-format.md §4.5 "Epoch"): Make's start choices, and runEpoch, which
 * lists the items a user may choose to start from. The `epoch` code inherits the trigger's (last)
 * request and overrides what it gives, usually `response.output` {label, date} and a `limit`.
 */
import { BundleValidationError, InvalidConfigurationError, RuntimeError } from '../../errors';
import type { App, JsonObject, ModuleInfo } from '../../types/app';
import { isPlainObject } from '../../iml/values';
import { execute } from '../engine';
import { mergeBase } from '../merge';
import { capped, dateOpts, findModule, finalOutput, type RunOptions } from '../run';
import { evaluator } from '../scope';
import { lastRequest, triggerType } from './last-request';
import { readDate, type TriggerState } from './state';

/**
 * Make's start choices: `all` (every item is new), `now` ("From now on"), `since` ("Since specific
 * date") and `item` ("Choose manually": one of runEpoch's items; items after it are new). Make offers
 * `now` and `since` for date triggers only.
 */
export type EpochChoice =
  | { type: 'all' }
  | { type: 'now' }
  | { type: 'since'; date: string }
  | { type: 'item'; id?: string | number; date?: string };

/** One item a user may start from: `{ label, date }` (date triggers) or `{ label, id }`. */
export interface EpochItem {
  label: string;
  date?: string;
  id?: string | number;
  [key: string]: unknown;
}

/** The state a start choice means for a trigger of this type. */
export function startState(
  choice: EpochChoice,
  type: 'id' | 'date',
  opts: { timezone?: string; now?: Date },
): TriggerState {
  const bad = (message: string) => new BundleValidationError([{ field: 'epoch', message }]);
  const timezone = opts.timezone ?? 'UTC';
  const dateOf = (value: unknown, field: string): string => {
    const ms = readDate(value, timezone);
    if (ms === undefined)
      throw new BundleValidationError([{ field, message: `is not a date (${JSON.stringify(value)})` }]);
    return new Date(ms).toISOString();
  };
  if (!isPlainObject(choice)) throw bad('must be { type: "all" | "now" | "since" | "item", ... }');
  switch (choice.type) {
    case 'all':
      return {};
    case 'now':
    case 'since':
      if (type !== 'date')
        throw bad(
          `"${choice.type === 'now' ? 'From now on' : 'Since specific date'}" is offered for date triggers; an id trigger starts from all items or a chosen one`,
        );
      // Inclusive: an item dated exactly then is new (no id at that date has been seen).
      return {
        lastDate:
          choice.type === 'now' ? (opts.now ?? new Date()).toISOString() : dateOf(choice.date, 'epoch.date'),
        seenIDs: [],
      };
    case 'item':
      if (type === 'id') {
        if (choice.id === undefined || choice.id === '')
          throw bad('a chosen item of an id trigger needs its `id`');
        return { lastID: choice.id };
      }
      if (choice.date === undefined) throw bad('a chosen item of a date trigger needs its `date`');
      // The chosen item counts as seen; so do the others of its date unless the choice names the item.
      return {
        lastDate: dateOf(choice.date, 'epoch.date'),
        ...(choice.id !== undefined ? { lastID: choice.id, seenIDs: [String(choice.id)] } : {}),
      };
    default:
      throw bad(`unknown start choice ${JSON.stringify((choice as { type?: unknown }).type)}`);
  }
}

const inherited = new WeakMap<ModuleInfo, JsonObject>();

/** The epoch request: the trigger's last request, with the epoch's keys over it (the Base's merge rules). */
function epochRequest(module: ModuleInfo): JsonObject {
  let merged = inherited.get(module);
  if (!merged) {
    const { response, ...request } = lastRequest(module);
    const kept = isPlainObject(response) ? { ...response } : {};
    // What the trigger outputs, and how it tells new items, are not the epoch's.
    for (const key of ['output', 'wrapper', 'trigger', 'limit']) delete kept[key];
    merged = mergeBase({ ...request, response: kept } as JsonObject, module.epoch as JsonObject);
    inherited.set(module, merged);
  }
  return merged;
}

/** The items a user may choose to start from, as the epoch's `response.output` gives them. */
export async function runEpoch(app: App, moduleId: string, opts: RunOptions = {}): Promise<EpochItem[]> {
  const module = findModule(app, moduleId);
  if (module.type !== 'trigger' || !module.epoch)
    throw new InvalidConfigurationError(
      module.type !== 'trigger'
        ? `${moduleId} is not a polling trigger: only triggers have start choices`
        : `${moduleId} has no epoch code, so "Choose manually" lists nothing (All and the other choices remain)`,
      { componentId: moduleId },
    );
  const { x, state } = capped(app, module, opts);
  x.communication = epochRequest(module);
  const items: unknown[] = [];
  for await (const batch of execute(x, state)) items.push(...batch.items);
  if (opts.dryRun) return [];
  const output = finalOutput(x, state, items);
  const list = Array.isArray(output) ? output : output === undefined ? [] : [output];
  const type = triggerType(module, x.ev, x.scope);
  return list.map((item, i) => epochItem(item, i, type, moduleId));
}

function epochItem(item: unknown, i: number, type: 'id' | 'date', moduleId: string): EpochItem {
  const fail = (what: string) =>
    new RuntimeError(`epoch item ${i + 1} ${what}: the epoch's response.output gives { label, ${type} }`, {
      componentId: moduleId,
    });
  if (!isPlainObject(item)) throw fail('is not an object');
  if (item.label === undefined || item.label === null) throw fail('has no label');
  const out: EpochItem = { ...item, label: String(item.label) };
  if (type === 'date' && item.date === undefined) throw fail('has no date');
  if (type === 'id' && item.id === undefined && item.date === undefined) throw fail('has no id');
  return out;
}

/** The state a start choice means for this trigger (its type read from its definition). */
export function startStateOf(
  app: App,
  moduleId: string,
  choice: EpochChoice,
  opts: Pick<RunOptions, 'timezone' | 'now' | 'parameters'> = {},
): TriggerState {
  const module = findModule(app, moduleId);
  if (module.type !== 'trigger')
    throw new InvalidConfigurationError(`${moduleId} is not a polling trigger: only triggers have a start`, {
      componentId: moduleId,
    });
  const ev = evaluator(dateOpts(opts));
  const type = triggerType(module, ev, {
    parameters: opts.parameters ?? {},
    connection: {},
    common: app.common ?? {},
    temp: {},
  });
  return startState(choice, type, opts);
}
