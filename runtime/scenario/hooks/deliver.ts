/**
 * One queued item, one scenario run: the instant trigger reads the item as `payload`, the rest of the
 * flow runs on its bundle, and a responder's bundle is the answer to the delivery's caller.
 */
import { randomUUID } from 'node:crypto';
import type * as Communication from '../../communication';
import type { App } from '../../types/app';
import { buildScenario, BlueprintError, type ScenarioModel } from '../blueprint';
import { createEngineExecutor } from '../executor';
import { runScenarioWith } from '../run';
import type { ScenarioEvent, ScenarioRun } from '../types';
import type { DispatchTarget } from './dispatcher';
import type { HookStore, QueuedItem } from './store';
import { deliveredItem } from '../triggers/first-output';
import { moduleOf, triggerOf } from '../triggers/trigger-node';

/** The ids of the scenario's responder modules. */
export function responderIds(app: App, model: ScenarioModel): Set<string> {
  return new Set(
    [...model.nodes.values()].filter((n) => moduleOf(app, n)?.type === 'responder').map((n) => n.id),
  );
}

/** Another worker took the item first (two listeners on one history): this one runs nothing. */
class TakenElsewhere extends Error {}

export async function runQueuedItem(
  target: DispatchTarget,
  item: QueuedItem,
  store: HookStore,
  onAnswer: (answer: Communication.WebhookAnswer | undefined) => void,
): Promise<ScenarioRun | undefined> {
  const { app, blueprint, options } = target;
  const model = buildScenario(app, blueprint);
  const trigger = triggerOf(app, model);
  if (!trigger || trigger.kind !== 'instant_trigger')
    throw new BlueprintError([
      `module ${model.flow[0].id} (${model.flow[0].module}) is not an instant trigger`,
    ]);
  const hook = store.get(item.hookId);
  const runId = randomUUID();
  const responders = responderIds(app, model);
  let answered = false;
  const onEvent = (e: ScenarioEvent) => {
    options.onEvent?.(e);
    if (!answered && e.type === 'bundle' && responders.has(e.moduleId)) {
      answered = true;
      onAnswer(e.output as Communication.WebhookAnswer);
    }
  };
  const webhook = hook ? { ...hook.data, id: hook.pathId, url: hook.url } : {};
  try {
    return await runScenarioWith(
      app,
      blueprint,
      { ...options, runId, onEvent, history: true }, // the item leaves the queue only with a stored run
      {
        executor: createEngineExecutor(app, options),
        firstOutput: deliveredItem(app, options, item.item, webhook),
        // The item leaves the queue in the transaction that starts its run: queued or run, never both.
        atBegin: () => {
          if (!store.take(item.seq, runId)) throw new TakenElsewhere();
        },
        secrets: hook ? [hook.pathId, hook.url] : [],
      },
    );
  } catch (err) {
    if (err instanceof TakenElsewhere) return undefined;
    throw err;
  } finally {
    if (!answered) onAnswer(undefined);
  }
}
