/**
 * `PUT /api/scenarios/:key/schedule` (DESIGN "Workbench routes"): `{ every: "15m" }` runs the scenario
 * of that key on an interval (a trigger polls at each tick), `{ every: null }` stops it. Saved in the
 * history, so the server restarts every active schedule when it starts; a schedule that deactivates
 * itself (Make's maxErrors) is recorded as such, and a new PUT reactivates it.
 */
import { Router } from 'express';
import * as api from '../index';
import * as body from './body';
import { jsonReply, resolveScenario, scenarioKey, type HookRouteContext } from './hook-routes';
import { HttpError } from './http-errors';
import { scrubSecrets } from './scrub';

type Running = ReturnType<typeof api.scheduleScenario>;

export class Schedules {
  private readonly running = new Map<string, Running>();

  constructor(private readonly ctx: HookRouteContext) {}

  /** Starts every saved active schedule whose scenario this server can find. */
  async resume(): Promise<void> {
    for (const saved of api.listSchedules({ historyPath: this.ctx.historyPath })) {
      if (saved.active)
        await this.start(saved.key, saved.every).catch((err: unknown) => this.report(saved.key, err));
    }
  }

  /** (Re)starts a key's schedule; false when no scenario is known under the key. */
  async start(key: string, every: string): Promise<boolean> {
    api.parseInterval(every); // a bad interval fails here, before the running schedule is stopped
    const target = await resolveScenario(this.ctx, key);
    if (!target) return false;
    await this.stop(key);
    const schedule = api.scheduleScenario(target.app, target.blueprint, {
      ...target.options,
      every,
      onDeactivate: (reason) => {
        api.deactivateSchedule(key, reason, { historyPath: this.ctx.historyPath });
        this.running.delete(key);
      },
      onRunError: (err) => this.report(key, err),
    });
    this.running.set(key, schedule);
    return true;
  }

  async stop(key: string): Promise<void> {
    const schedule = this.running.get(key);
    this.running.delete(key);
    await schedule?.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((key) => this.stop(key)));
  }

  private report(key: string, err: unknown): void {
    const text = `workbench: the schedule of a scenario failed: ${String((err as Error)?.message ?? err)}\n`;
    process.stderr.write(scrubSecrets(text.replace(key, 'its key'), this.ctx.connection.secretValues()));
  }
}

export function scheduleRoutes(ctx: HookRouteContext, schedules: Schedules): Router {
  const router = Router();
  const send = jsonReply(ctx);

  // The key's schedule as saved (the page shows it): `{ key, every: null, active: false }` when none.
  router.get('/scenarios/:key/schedule', (req, res) => {
    const key = scenarioKey(req.params.key);
    const saved = api.listSchedules({ historyPath: ctx.historyPath }).find((s) => s.key === key);
    send(res, 200, saved ?? { key, every: null, active: false });
  });

  router.put('/scenarios/:key/schedule', async (req, res) => {
    const key = scenarioKey(req.params.key);
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['every']);
    const every = input.every;
    if (every === null) {
      await schedules.stop(key);
      api.saveSchedule(key, null, { historyPath: ctx.historyPath });
      return send(res, 200, { key, every: null, active: false });
    }
    if (typeof every !== 'string' || every.trim() === '')
      throw new HttpError(400, 'BadRequest', '"every" must be an interval such as "15m", or null to stop');
    let started: boolean;
    try {
      started = await schedules.start(key, every);
    } catch (err) {
      if ((err as Error)?.name === 'InvalidConfigurationError')
        throw new HttpError(400, 'BadRequest', (err as Error).message);
      throw err;
    }
    if (!started) throw new HttpError(404, 'NotFound', 'No saved scenario under this key');
    send(res, 200, api.saveSchedule(key, every, { historyPath: ctx.historyPath }));
  });
  return router;
}
