/**
 * The two module types a webhook feeds (make-format.md §4.1): an instant trigger turns one delivered
 * item (`payload`) into one bundle, through its communication when it has one (a single request, e.g.
 * fetching the full record the payload names) or as it came; a responder evaluates its `response`
 * {status, headers, body, type} with its parameters: the HTTP answer to the webhook's caller.
 */
import { RuntimeError } from '../../errors';
import { isPlainObject } from '../../iml/values';
import { prepareParameters } from '../../parameters';
import type { App, JsonObject, ModuleInfo } from '../../types/app';
import { execute } from '../engine';
import {
  capped,
  dateOpts,
  finalOutput,
  findModule,
  toBundle,
  type ModuleResult,
  type RunOptions,
} from '../run';
import { evaluator } from '../scope';
import { toAnswer, type WebhookAnswer } from './answer';
import { dryRunSampleDelivery } from './sample-delivery';

/** `payload`: the delivered item; `webhook`: the hook it came through (`webhook.*` in templates). */
export type InstantTriggerOptions = RunOptions;

function isEmpty(communication: ModuleInfo['communication']): boolean {
  return !Array.isArray(communication) && Object.keys(communication).length === 0;
}

/** One delivered item → one bundle. */
export async function runInstantTrigger(
  app: App,
  moduleId: string,
  opts: InstantTriggerOptions = {},
): Promise<ModuleResult> {
  const module = findModule(app, moduleId);
  if (module.type !== 'instant_trigger')
    throw new RuntimeError(`${moduleId} is not an instant trigger`, { componentId: moduleId });
  // A dry run with no delivery: the module's samples are delivered (sample-delivery.ts).
  if (opts.dryRun && opts.payload === undefined)
    return dryRunSampleDelivery(app, module, opts, runInstantTrigger);
  const result: ModuleResult = {
    moduleId,
    type: 'instant_trigger',
    bundles: [],
    operations: 1,
    requests: [],
  };
  if (isEmpty(module.communication)) {
    if (!opts.dryRun) result.bundles = [toBundle(structuredClone(opts.payload))];
    return result;
  }
  const { x, state } = capped(app, module, opts);
  x.scope.payload = opts.payload;
  x.scope.webhook = opts.webhook ?? {};
  const items: unknown[] = [];
  for await (const batch of execute(x, state)) items.push(...batch.items);
  result.requests = state.rendered;
  if (!opts.dryRun) result.bundles = [toBundle(finalOutput(x, state, items))];
  return result;
}

/** The answer a responder gives, as a bundle `{ status, headers, body }` (the body as sent). */
export async function runResponder(app: App, moduleId: string, opts: RunOptions = {}): Promise<ModuleResult> {
  const module = findModule(app, moduleId);
  if (module.type !== 'responder')
    throw new RuntimeError(`${moduleId} is not a responder`, { componentId: moduleId });
  const answer = responderAnswer(app, module, opts);
  return {
    moduleId,
    type: 'responder',
    bundles: opts.dryRun ? [] : [{ ...answer }],
    operations: 1,
    requests: [],
  };
}

function responderAnswer(app: App, module: ModuleInfo, opts: RunOptions): WebhookAnswer {
  const parameters = prepareParameters(
    module,
    [...module.staticParams, ...module.mappableParams],
    opts.parameters,
    {
      ...dateOpts(opts),
      componentId: module.id,
    },
  );
  const c = module.communication as JsonObject;
  const response = isPlainObject(c.response) ? c.response : {};
  const ev = evaluator({
    ...dateOpts(opts),
    ...(app.customFunctions ? { functions: app.customFunctions } : {}),
  });
  return toAnswer(
    ev(response, { parameters, connection: {}, common: app.common ?? {}, temp: {} }),
    module.id,
  );
}
