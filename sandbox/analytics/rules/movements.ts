/**
 * A customer's MRR movements from its subscriptions' steps (reference §c, §h12, §h18).
 *
 * The customer is a lead until its MRR first rises above 0 (`new_biz`), then active; cancelling its last live
 * subscription is `churn` (−the MRR it had), and paying again after that is `reactivation`. While active, a
 * rise is `expansion` and a fall `contraction` — a fall to $0 with a subscription still live included (Free
 * Customer Handling keeps the customer Active). A change that leaves the MRR as it was is no movement.
 *
 * Smart Activity Classification (60 minutes, on by default): a movement within 60 minutes after the new_biz or
 * reactivation that began the customer's paying streak takes that type (two subscriptions bought at once are
 * two new_biz movements, as recorded), and a contraction within 60 minutes before the streak's churn becomes
 * churn. Reported MRR is unchanged by it; the customer counts only follow the real transitions.
 */
import { HOUR_MS } from './calendar';
import type { PlanFacts } from './facts';
import { compareSteps, type Step, type StepCause } from './timeline';

export type MovementType = 'new_biz' | 'expansion' | 'contraction' | 'churn' | 'reactivation';
export const MOVEMENT_TYPES: readonly MovementType[] = [
  'new_biz',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
];

export type CustomerPhase = 'lead' | 'active' | 'churned';

export interface Movement {
  at: number;
  type: MovementType;
  /** The change of the customer's MRR, US cents (negative for contraction and churn). */
  amount: number;
  /** The customer's MRR after it (activity-mrr). */
  mrrAfter: number;
  /** The same change in the invoice currency's hundredths, and that currency (webhooks). */
  invoiceAmount: number;
  currency: string;
  chainId: number;
  memberId: number;
  planUuid: string | null;
  description: string;
  /** +1 when the customer becomes a paying customer here, −1 when it stops being one. */
  customersDelta: -1 | 0 | 1;
  /** The first paying moment of the customer (ASP counts these). */
  newCustomer: boolean;
  /** For a customer's churn: when the paying streak it ends began (churn rate excludes joined-and-churned). */
  streakStart: number | null;
  cause: StepCause;
}

/** The customer after its steps up to some instant. */
export interface CustomerState {
  phase: CustomerPhase;
  mrr: number;
  /** The first new_biz, once there is one. */
  since: number | null;
}

export interface CustomerHistory {
  movements: Movement[];
  /** The state after each step, in step order (the same length as the sorted steps). */
  states: { at: number; state: CustomerState }[];
}

const WINDOW = HOUR_MS;

function planName(plans: Map<string, PlanFacts>, uuid: string | null): string {
  return (uuid && plans.get(uuid)?.name) ?? 'deleted';
}

function describe(
  type: MovementType,
  step: Step,
  before: { live: boolean; planUuid: string | null; quantity: number },
  plans: Map<string, PlanFacts>,
): string {
  const plan = planName(plans, step.planUuid);
  if (type === 'new_biz') return `purchased the ${plan} plan`;
  if (type === 'reactivation') return `reactivated their ${plan} plan`;
  if (type === 'churn' || !step.live) return `cancelled their ${planName(plans, before.planUuid)} plan`;
  if (!before.live) return `purchased the ${plan} plan`;
  if (before.planUuid !== step.planUuid)
    return `switched plan from ${planName(plans, before.planUuid)} to ${plan}`;
  return type === 'expansion' ? `upgraded their ${plan} plan` : `downgraded their ${plan} plan`;
}

export function sortSteps(steps: Step[]): Step[] {
  return [...steps].sort((a, b) => compareSteps(a, b) || a.chainId - b.chainId);
}

/** Movements and states from the customer's steps (already sorted with sortSteps). */
export function customerHistory(steps: Step[], plans: Map<string, PlanFacts>): CustomerHistory {
  const chains = new Map<
    number,
    { mrr: number; invoiceMrr: number; live: boolean; planUuid: string | null; quantity: number }
  >();
  const movements: Movement[] = [];
  const streakOf: number[] = [];
  const states: CustomerHistory['states'] = [];
  let total = 0;
  let live = 0;
  let phase: CustomerPhase = 'lead';
  let since: number | null = null;
  let streak = -1;
  let streakStart: number | null = null;
  for (const step of steps) {
    const before = chains.get(step.chainId) ?? {
      mrr: 0,
      invoiceMrr: 0,
      live: false,
      planUuid: null,
      quantity: 1,
    };
    chains.set(step.chainId, {
      mrr: step.mrr,
      invoiceMrr: step.invoiceMrr,
      live: step.live,
      planUuid: step.planUuid,
      quantity: step.quantity,
    });
    const delta = step.mrr - before.mrr;
    total += delta;
    live += (step.live ? 1 : 0) - (before.live ? 1 : 0);
    let type: MovementType | undefined;
    let customersDelta: Movement['customersDelta'] = 0;
    let newCustomer = false;
    let endsStreak: number | null = null;
    if (phase !== 'active') {
      if (total > 0) {
        type = phase === 'lead' ? 'new_biz' : 'reactivation';
        newCustomer = phase === 'lead';
        since ??= step.at;
        phase = 'active';
        customersDelta = 1;
        streak += 1;
        streakStart = step.at;
      }
    } else if (live === 0) {
      type = 'churn';
      phase = 'churned';
      customersDelta = -1;
      endsStreak = streakStart;
    } else if (delta !== 0) {
      type = delta > 0 ? 'expansion' : 'contraction';
    }
    if (type) {
      movements.push({
        at: step.at,
        type,
        amount: delta,
        mrrAfter: total,
        invoiceAmount: step.invoiceMrr - before.invoiceMrr,
        currency: step.currency,
        chainId: step.chainId,
        memberId: step.memberId,
        planUuid: type === 'churn' || !step.live ? before.planUuid : step.planUuid,
        description: describe(type, step, before, plans),
        customersDelta,
        newCustomer,
        streakStart: endsStreak,
        cause: step.cause,
      });
      streakOf.push(streak);
    }
    states.push({ at: step.at, state: { phase, mrr: total, since } });
  }
  smartClassification(movements, streakOf);
  return { movements, states };
}

/** Folds movements near the start or the end of a paying streak into it (60 minutes, inclusive). */
function smartClassification(movements: Movement[], streakOf: number[]): void {
  const starts = new Map<number, Movement>();
  const churns = new Map<number, Movement>();
  movements.forEach((m, i) => {
    if (m.customersDelta === 1) starts.set(streakOf[i], m);
    if (m.customersDelta === -1) churns.set(streakOf[i], m);
  });
  movements.forEach((m, i) => {
    if (m.type !== 'expansion' && m.type !== 'contraction') return;
    const start = starts.get(streakOf[i]);
    if (start && m.at - start.at <= WINDOW) {
      m.type = start.type;
      return;
    }
    const churn = churns.get(streakOf[i]);
    if (m.type === 'contraction' && churn && churn.at - m.at <= WINDOW) m.type = 'churn';
  });
}

/** The customer's state at `now`: after its last step at or before it. */
export function stateAt(history: CustomerHistory, now: number): CustomerState {
  let state: CustomerState = { phase: 'lead', mrr: 0, since: null };
  for (const entry of history.states) {
    if (entry.at > now) break;
    state = entry.state;
  }
  return state;
}
