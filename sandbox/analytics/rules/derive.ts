/**
 * Everything derived from one customer's billing facts, as of an instant `now` (the sandbox clock): its
 * subscriptions' MRR histories, its movements, the metrics-API view of each subscription, and the customer
 * fields that follow from billing (status, customer-since, MRR). Pure: the same facts and `now` give the same
 * result, which is what lets the incremental derivation be checked against a full one.
 */
import type { CustomerBilling, SubscriptionFacts } from './facts';
import { customerHistory, sortSteps, stateAt, type Movement } from './movements';
import { chainSteps, effectiveEvents, latestMember, type Step } from './timeline';

/** A subscription as the metrics API lists it: a connected chain shows as its latest member. */
export interface DerivedSubscription {
  chainId: number;
  /** The member listed for the chain. */
  listedId: number;
  memberIds: number[];
  active: boolean;
  /** Current MRR, or for a cancelled subscription the last MRR it had (as recorded). */
  mrr: number;
  planUuid: string | null;
  quantity: number;
  start: number | null;
  end: number | null;
}

export interface DerivedCustomer {
  customerId: number;
  status: string;
  since: number | null;
  mrr: number;
  subscriptions: DerivedSubscription[];
  /** Every step, in the order they apply. */
  steps: Step[];
  movements: Movement[];
  /** The first step after `now`: the customer must be derived again once the clock passes it. */
  nextChangeAt: number | null;
}

function chainsOf(subscriptions: SubscriptionFacts[]): Map<number, SubscriptionFacts[]> {
  const ids = new Set(subscriptions.map((s) => s.id));
  const chains = new Map<number, SubscriptionFacts[]>();
  for (const sub of subscriptions) {
    const root = sub.connectedTo !== null && ids.has(sub.connectedTo) ? sub.connectedTo : sub.id;
    chains.set(root, [...(chains.get(root) ?? []), sub]);
  }
  return chains;
}

function summarise(
  chainId: number,
  listedId: number,
  memberIds: number[],
  steps: Step[],
  now: number,
): DerivedSubscription {
  const past = steps.filter((s) => s.at <= now);
  const last = past.at(-1);
  const base = { chainId, listedId, memberIds, start: steps[0]?.at ?? null };
  if (!last) {
    const first = steps[0];
    return {
      ...base,
      active: true,
      mrr: 0,
      planUuid: first?.planUuid ?? null,
      quantity: first?.quantity ?? 1,
      end: first?.periodEnd ?? null,
    };
  }
  let mrr = last.mrr;
  let end: number | null = last.at;
  if (last.live) {
    end = null;
    for (const s of past) if (s.periodEnd !== null) end = Math.max(end ?? s.periodEnd, s.periodEnd);
  } else {
    const lastLive = past.filter((s) => s.live).at(-1);
    mrr = lastLive?.mrr ?? 0;
  }
  return { ...base, active: last.live, mrr, planUuid: last.planUuid, quantity: last.quantity, end };
}

export function deriveCustomer(billing: CustomerBilling, now: number): DerivedCustomer {
  const events = effectiveEvents(billing.events);
  const allSteps: Step[] = [];
  const subscriptions: DerivedSubscription[] = [];
  for (const [chainId, members] of chainsOf(billing.subscriptions)) {
    const memberIds = new Set(members.map((m) => m.id));
    const items = billing.items.filter((i) => memberIds.has(i.subscriptionId));
    const chainEvents = events.filter((e) => e.subscriptionId !== null && memberIds.has(e.subscriptionId));
    const steps = chainSteps(chainId, members, items, chainEvents, billing.plans);
    allSteps.push(...steps);
    const listed = latestMember(members, items, chainEvents);
    subscriptions.push(summarise(chainId, listed.id, [...memberIds], steps, now));
  }
  const steps = sortSteps(allSteps);
  const history = customerHistory(steps, billing.plans);
  const state = stateAt(history, now);
  const status =
    state.phase === 'lead'
      ? billing.leadStatus
      : state.phase === 'churned'
        ? 'Cancelled'
        : billing.latestInvoicePastDue
          ? 'Past Due'
          : 'Active';
  const next = steps.find((s) => s.at > now);
  return {
    customerId: billing.customerId,
    status,
    since: state.since,
    mrr: state.mrr,
    subscriptions,
    steps,
    movements: history.movements,
    nextChangeAt: next ? next.at : null,
  };
}
