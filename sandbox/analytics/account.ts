/**
 * The account settings the derivation follows, as `GET /v1/account?include=…` answers them (reference §g.8,
 * values per §h): churn at the time of cancellation, $0 customers not churned (Free Customer Handling), no
 * automatic churn of unpaid subscriptions, refunds leave MRR alone, Smart Activity Classification's hour.
 */
import { codeError } from '../http/errors';

export const ACCOUNT_SETTINGS = {
  churn_recognition: 'immediate',
  churn_when_zero_mrr: false,
  auto_churn_subscription: false,
  refund_handling: 'refund_ignore',
  proximate_movement_reclassification: 'one_hour_reclassification',
} as const;

type Setting = keyof typeof ACCOUNT_SETTINGS;

/** The settings a comma-separated `include` names; an unknown one is a 400. */
export function accountIncludes(include: string | undefined): Partial<Record<Setting, unknown>> {
  if (include === undefined) return {};
  const out: Partial<Record<Setting, unknown>> = {};
  for (const name of include
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!Object.prototype.hasOwnProperty.call(ACCOUNT_SETTINGS, name))
      throw codeError(400, `Invalid include parameter: ${name}`, 'include');
    out[name as Setting] = ACCOUNT_SETTINGS[name as Setting];
  }
  return out;
}
