/**
 * `GET|PUT|DELETE /api/scenarios/:key/trigger-state` (DESIGN "Workbench routes"): the polling trigger
 * state kept under a scenario key. PUT takes `{ state }` (Make's `{ lastID?, lastDate? }`, checked) or
 * `{ epoch }` (one of Make's start choices, read against the trigger of the key's scenario); DELETE
 * forgets it, so the next run polls every item.
 */
import { Router } from 'express';
import * as api from '../index';
import type { EpochChoice } from '../index';
import * as body from './body';
import { jsonReply, resolveScenario, scenarioKey, type HookRouteContext } from './hook-routes';
import { HttpError } from './http-errors';

export function triggerStateRoutes(ctx: HookRouteContext): Router {
  const router = Router();
  const where = () => ({ historyPath: ctx.historyPath });
  const send = jsonReply(ctx);
  const current = async (key: string) => ({ key, state: (await api.getTriggerState(key, where())) ?? null });

  router.get('/scenarios/:key/trigger-state', async (req, res) => {
    send(res, 200, await current(scenarioKey(req.params.key)));
  });

  router.put('/scenarios/:key/trigger-state', async (req, res) => {
    const key = scenarioKey(req.params.key);
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['state', 'epoch']);
    if ((input.state === undefined) === (input.epoch === undefined))
      throw new HttpError(
        400,
        'BadRequest',
        'Send { "state": { lastID?, lastDate? } } or { "epoch": { type, ... } }',
      );
    const state = input.state !== undefined ? checked(input.state) : await fromEpoch(key, input.epoch);
    await api.setTriggerState(key, state as Record<string, unknown>, where());
    send(res, 200, await current(key));
  });

  router.delete('/scenarios/:key/trigger-state', async (req, res) => {
    const key = scenarioKey(req.params.key);
    await api.setTriggerState(key, undefined, where());
    send(res, 200, { key, state: null });
  });
  return router;

  async function fromEpoch(key: string, epoch: unknown): Promise<unknown> {
    const target = await resolveScenario(ctx, key);
    if (!target) throw new HttpError(404, 'NotFound', 'No saved scenario under this key');
    const trigger = api.scenarioTrigger(target.app, target.blueprint);
    if (trigger?.type !== 'trigger')
      throw new HttpError(400, 'BadRequest', "The key's scenario does not start with a polling trigger");
    return inputError(() => api.startStateOf(target.app, trigger.moduleId, epoch as EpochChoice));
  }
}

function checked(state: unknown): unknown {
  return inputError(() => api.checkTriggerState(state, 'UTC'));
}

/** A state or start choice the trigger cannot take is the caller's mistake: 400 naming the field. */
function inputError<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if ((err as Error)?.name !== 'BundleValidationError') throw err;
    const { problems } = err as Error & { problems: unknown };
    throw new HttpError(400, 'BadRequest', (err as Error).message, { problems });
  }
}
