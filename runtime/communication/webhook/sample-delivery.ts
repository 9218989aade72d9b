/**
 * `runModule(…, { dryRun: true })` on an instant trigger with no `payload` (issue 20): the module's
 * samples are delivered to its webhook as a JSON POST, read by the webhook's communication (its
 * verification, condition, iterate and output), and each item it yields goes through the module's
 * own communication as its `payload`, dry: requests are rendered, never sent. A module without a
 * communication of its own sends nothing; its bundles are then the items as they would arrive
 * (docs/decisions.md, "Any Make app").
 */
import { isPlainObject } from '../../iml/values';
import type { App, ModuleInfo } from '../../types/app';
import { toBundle, type ModuleResult, type RunOptions } from '../run';
import { readWebhookRequest } from './receive';

type RunOne = (app: App, moduleId: string, opts: RunOptions) => Promise<ModuleResult>;

/** The items the webhook reads from a delivery of the samples (the samples themselves without one). */
function sampleItems(app: App, module: ModuleInfo, opts: RunOptions): unknown[] {
  const samples = isPlainObject(module.samples) ? module.samples : {};
  if (!module.webhook || !app.webhooks?.some((w) => w.id === module.webhook)) return [samples];
  const reading = readWebhookRequest(
    app,
    module.webhook,
    { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: samples },
    {
      ...(opts.connection ? { connection: opts.connection } : {}),
      ...(opts.timezone ? { timezone: opts.timezone } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    },
  );
  return reading.kind === 'items' ? reading.items : [];
}

function hasCommunication(module: ModuleInfo): boolean {
  return Array.isArray(module.communication) || Object.keys(module.communication).length > 0;
}

export async function dryRunSampleDelivery(
  app: App,
  module: ModuleInfo,
  opts: RunOptions,
  runOne: RunOne,
): Promise<ModuleResult> {
  const result: ModuleResult = {
    moduleId: module.id,
    type: module.type,
    bundles: [],
    operations: 1,
    requests: [],
  };
  for (const item of sampleItems(app, module, opts)) {
    if (!hasCommunication(module)) {
      result.bundles.push(toBundle(structuredClone(item)));
      continue;
    }
    const one = await runOne(app, module.id, { ...opts, dryRun: true, payload: item });
    result.requests.push(...one.requests);
  }
  return result;
}
