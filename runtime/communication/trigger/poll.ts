/**
 * runTrigger (DESIGN.md "Round 2 additions"): one poll of a polling trigger. The module's
 * communication runs as usual, with the stored state visible as `data.lastID` / `data.lastDate`; each
 * item's `response.trigger` id and date decide whether it is new (select.ts), pages stop as soon as
 * no later page can hold a new item, and the new items come out oldest first, at most the Limit
 * (`response.limit`), with the state to store once they are handed on.
 */
import { RuntimeError } from '../../errors';
import type { App, JsonObject } from '../../types/app';
import { execute, type Batch } from '../engine';
import type { RenderedRequest } from '../render';
import { capped, findModule, toBundle, type Bundle, type RunOptions } from '../run';
import { startState, type EpochChoice } from './epoch';
import { triggerType } from './last-request';
import { selection, type Selection } from './select';
import {
  checkState,
  dataOf,
  itemDate,
  readId,
  triggerSpec,
  type Polled,
  type TriggerSpec,
  type TriggerState,
} from './state';

export interface TriggerOptions extends RunOptions {
  /** The state stored after the previous poll; none = every item is new ("All"). */
  state?: TriggerState;
  /** Where to start instead of `state`: Make's start choices. */
  epoch?: EpochChoice;
}

export interface TriggerResult {
  /** The new items, oldest first, with __IMTINDEX__ / __IMTLENGTH__. */
  bundles: Bundle[];
  /** The state to store once the bundles are handed on (the start state on a dry run). */
  state: TriggerState;
  operations: number;
  requests: RenderedRequest[];
}

export async function runTrigger(
  app: App,
  moduleId: string,
  opts: TriggerOptions = {},
): Promise<TriggerResult> {
  const module = findModule(app, moduleId);
  if (module.type !== 'trigger')
    throw new RuntimeError(`${moduleId} is ${article(module.type)} module, not a polling trigger`, {
      componentId: moduleId,
    });
  const timezone = opts.timezone ?? 'UTC';
  const { x, state: run } = capped(app, module, opts);
  const start =
    opts.epoch !== undefined
      ? startState(opts.epoch, triggerType(module, x.ev, x.scope), opts)
      : checkState(opts.state, timezone);
  x.triggerKeys = true;
  x.scope.data = dataOf(start);
  let select: Selection | undefined;
  let spec: TriggerSpec | undefined;
  let index = 0;
  for await (const batch of execute(x, run)) {
    if (opts.dryRun) continue;
    if (!select || !spec) {
      const trigger = run.response.trigger as JsonObject;
      spec = triggerSpec(x.ev(trigger.type, x.scope), x.ev(trigger.order, x.scope), moduleId);
      select = selection(spec, start, limitOf(x.ev(run.response.limit, x.scope)));
    }
    const page = polledPage(batch, index, spec, timezone, moduleId);
    index += page.length;
    if (select.take(page)) break;
  }
  const emitted = select?.emitted() ?? [];
  const bundles = emitted.map((p, i) => {
    const bundle = toBundle(p.output);
    bundle.__IMTINDEX__ = i + 1;
    bundle.__IMTLENGTH__ = emitted.length;
    return bundle;
  });
  return {
    bundles,
    state: opts.dryRun ? start : (select?.next(emitted) ?? start),
    operations: 1,
    requests: run.rendered,
  };
}

/** A page's items with their ids (and dates), numbered across pages in the listing's order. */
function polledPage(
  batch: Batch,
  from: number,
  spec: TriggerSpec,
  timezone: string,
  moduleId: string,
): Polled[] {
  const keys = batch.keys;
  if (!keys)
    throw new RuntimeError('the request holding `response.trigger` did not run, so no item can be told new', {
      componentId: moduleId,
    });
  return batch.items.map((output, i) => {
    const id = readId(keys[i].id, moduleId);
    const polled: Polled = { output, id, index: from + i };
    if (spec.type === 'date') polled.date = itemDate(keys[i].date, id, timezone, moduleId);
    return polled;
  });
}

function limitOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
