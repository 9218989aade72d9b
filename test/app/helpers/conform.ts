import { moduleFiles } from './definitions';
import { checkInterface } from './interface-check';

// Keys ChartMogul includes only when they were given (chartmogul-api.md §7, §9), and keys a module's
// output has only when a field asks for them (Get Account Details' Include Settings; MRR's movement
// columns when Get a Metric's Metric is MRR; a line item's fields of its type).
const ONLY_WHEN_GIVEN = new Set(['subscription_set_external_id']);
const ONLY_WHEN_ASKED: Record<string, string[]> = {
  getAccount: [
    'churn_recognition',
    'churn_when_zero_mrr',
    'auto_churn_subscription',
    'refund_handling',
    'proximate_movement_reclassification',
  ],
  getMetric: ['mrr-new-business', 'mrr-expansion', 'mrr-contraction', 'mrr-churn', 'mrr-reactivation'],
};
// A line item has the subscription fields or the one-time ones, by its type (chartmogul-api.md §7).
const BY_LINE_ITEM_TYPE = [
  'subscription_uuid',
  'subscription_external_id',
  'plan_uuid',
  'plan_external_id',
  'prorated',
  'proration_type',
  'service_period_start',
  'service_period_end',
  'description',
];
for (const id of ['createLineItem', 'getLineItem', 'updateLineItem', 'disableLineItem'])
  ONLY_WHEN_ASKED[id] = BY_LINE_ITEM_TYPE;

/**
 * Asserts that a module's output bundle matches the module's own interface, and that it has the
 * same top-level keys as the module's sample (so samples show what ChartMogul really returns).
 */
export function expectConforms(moduleId: string, bundle: Record<string, unknown>): void {
  const { interface: iface, samples } = moduleFiles(moduleId);
  const problems = checkInterface(bundle, iface);
  const keys = (o: object) =>
    Object.keys(o)
      .filter((k) => !k.startsWith('__IMT') && !ONLY_WHEN_GIVEN.has(k))
      .filter((k) => !(ONLY_WHEN_ASKED[moduleId] ?? []).includes(k))
      .sort();
  expect({ moduleId, problems, keys: keys(bundle) }).toEqual({ moduleId, problems: [], keys: keys(samples) });
}
