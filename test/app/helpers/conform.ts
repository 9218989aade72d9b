import { moduleFiles } from './definitions';
import { checkInterface } from './interface-check';

// Keys ChartMogul includes only when they were given (chartmogul-api.md §7, §9) or asked for (the account's
// `include` settings, §11).
const ONLY_WHEN_GIVEN = new Set([
  'subscription_set_external_id',
  'churn_recognition',
  'churn_when_zero_mrr',
  'auto_churn_subscription',
  'refund_handling',
  'proximate_movement_reclassification',
]);

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
      .sort();
  expect({ moduleId, problems, keys: keys(bundle) }).toEqual({ moduleId, problems: [], keys: keys(samples) });
}
