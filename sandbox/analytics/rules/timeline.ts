/**
 * One subscription's MRR history: the ordered steps its line items, subscription events and cancellations
 * cause (reference §a, §b, §g.5; choices in docs/decisions.md, "Sandbox analytics").
 *
 * - A subscription (or trial) line item takes effect at its service_period_start: a regular item sets the
 *   subscription's MRR; a prorated one (proration type differential, differential_mrr or none) adds its
 *   normalised amount to the current MRR; trial items keep it at 0. Later items renew or change it; a gap
 *   between periods changes nothing (subscriptions stay active until cancelled).
 * - Items starting at the same instant apply in `event_order`, then in the order they were created.
 * - A cancellation ends a live subscription at its timestamp (MRR 0); one dated before the first item is
 *   ignored; an item after a cancellation starts the subscription again. At one instant, cancellations apply
 *   after the items and events (a cancellation at the start of the latest period leaves it cancelled).
 * - Events: *_start / *_start_scheduled start it, *_updated / *_update_scheduled change it, *_cancelled /
 *   *_cancellation_scheduled cancel it, each at its effective date; a retraction removes the event it names
 *   (retracted_event_id), or else the latest scheduled event of its kind sent before it for the subscription.
 * - Connected subscriptions form one chain: their items and events make one history, and the chain is
 *   cancelled by the cancellations of its latest member only (the others were continued by it).
 * - A subscription's MRR never goes below 0; amounts are converted to USD at the item's start.
 */
import type { EventEffect, EventFacts, ItemFacts, PlanFacts, SubscriptionFacts } from './facts';
import { addsToCurrent, durationRatio, itemMonthlyAmount } from './mrr';
import { ACCOUNT_CURRENCY, roundHalfUp, toAccountCurrency } from './money';

export type StepCause =
  { kind: 'item'; item: ItemFacts } | { kind: 'event'; event: EventFacts } | { kind: 'cancel' };

export interface Step {
  at: number;
  /** The connected chain (its first subscription's id). */
  chainId: number;
  /** The subscription whose fact caused the step. */
  memberId: number;
  /** After the step, in US cents. */
  mrr: number;
  /** After the step, in the invoice currency's hundredths. */
  invoiceMrr: number;
  currency: string;
  live: boolean;
  planUuid: string | null;
  quantity: number;
  /** service_period_end of the item that caused the step, when one did. */
  periodEnd: number | null;
  cause: StepCause;
  /** Sort position among all of the customer's steps at the same instant (see compareActions). */
  rank: [number, number, number, number];
}

interface Action {
  at: number;
  rank: Step['rank'];
  memberId: number;
  apply(state: ChainState): StepCause | undefined;
}

interface ChainState {
  started: boolean;
  live: boolean;
  mrr: number;
  invoiceMrr: number;
  currency: string;
  planUuid: string | null;
  quantity: number;
}

const LAST = Number.MAX_SAFE_INTEGER;

export function eventEffect(eventType: string): EventEffect {
  if (eventType.endsWith('_retracted')) return 'retract';
  if (eventType === 'subscription_start' || eventType === 'subscription_start_scheduled') return 'start';
  if (eventType === 'subscription_updated' || eventType === 'subscription_update_scheduled') return 'update';
  if (eventType === 'subscription_cancelled' || eventType === 'subscription_cancellation_scheduled')
    return 'cancel';
  return 'none';
}

const RETRACTS: Record<string, string> = {
  scheduled_subscription_start_retracted: 'subscription_start_scheduled',
  scheduled_subscription_update_retracted: 'subscription_update_scheduled',
  scheduled_subscription_cancellation_retracted: 'subscription_cancellation_scheduled',
};

/** The events that take effect: retracted ones and retractions themselves removed. */
export function effectiveEvents(events: EventFacts[]): EventFacts[] {
  const byOrder = [...events].sort((a, b) => a.id - b.id);
  const retracted = new Set<number>();
  for (const event of byOrder) {
    if (eventEffect(event.eventType) !== 'retract') continue;
    if (event.retractedEventId !== null) {
      retracted.add(event.retractedEventId);
      continue;
    }
    const kind = RETRACTS[event.eventType];
    const target = byOrder
      .filter(
        (e) =>
          e.eventType === kind &&
          e.subscriptionExternalId === event.subscriptionExternalId &&
          !retracted.has(e.id) &&
          e.id < event.id,
      )
      .at(-1);
    if (target) retracted.add(target.id);
  }
  return byOrder.filter(
    (e) => !retracted.has(e.id) && ['start', 'update', 'cancel'].includes(eventEffect(e.eventType)),
  );
}

function monthlyOf(amount: number, currency: string): { mrr: number; invoiceMrr: number } {
  return { mrr: roundHalfUp(toAccountCurrency(amount, currency)), invoiceMrr: roundHalfUp(amount) };
}

function itemAction(item: ItemFacts, plans: Map<string, PlanFacts>): Action {
  const plan = item.planUuid ? plans.get(item.planUuid) : undefined;
  const monthly = monthlyOf(itemMonthlyAmount(item, plan), item.currency);
  return {
    at: item.start,
    rank: [0, item.eventOrder ?? LAST, 0, item.id],
    memberId: item.subscriptionId,
    apply(state) {
      const adds = addsToCurrent(item) && state.live;
      state.mrr = Math.max(0, (adds ? state.mrr : 0) + monthly.mrr);
      state.invoiceMrr = Math.max(0, (adds ? state.invoiceMrr : 0) + monthly.invoiceMrr);
      // A credit (negative prorated item) does not change the plan the customer is on.
      if (!(adds && item.amount < 0)) {
        state.planUuid = item.planUuid ?? state.planUuid;
        state.quantity = item.quantity;
      }
      state.currency = item.currency;
      state.started = true;
      state.live = true;
      return { kind: 'item', item };
    },
  };
}

function eventAction(event: EventFacts, plans: Map<string, PlanFacts>): Action {
  const effect = eventEffect(event.eventType);
  return {
    at: event.effectiveAt,
    rank: [effect === 'cancel' ? 1 : 0, LAST, 1, event.id],
    memberId: event.subscriptionId ?? 0,
    apply(state) {
      if (effect === 'cancel') return cancel(state) ? { kind: 'event', event } : undefined;
      if (event.amount !== null) {
        const plan = event.planUuid ? plans.get(event.planUuid) : undefined;
        const currency = event.currency ?? ACCOUNT_CURRENCY;
        // Without a known plan the amount is taken as monthly.
        const monthly = monthlyOf((event.amount - event.tax) * (plan ? durationRatio(plan) : 1), currency);
        state.mrr = Math.max(0, monthly.mrr);
        state.invoiceMrr = Math.max(0, monthly.invoiceMrr);
        state.currency = currency;
      }
      state.planUuid = event.planUuid ?? state.planUuid;
      state.quantity = event.quantity ?? state.quantity;
      state.started = true;
      state.live = true;
      return { kind: 'event', event };
    },
  };
}

function cancel(state: ChainState): boolean {
  if (!state.started || !state.live) return false;
  state.live = false;
  state.mrr = 0;
  state.invoiceMrr = 0;
  return true;
}

function cancelAction(at: number, memberId: number): Action {
  return {
    at,
    rank: [1, LAST, 2, 0],
    memberId,
    apply: (state) => (cancel(state) ? { kind: 'cancel' } : undefined),
  };
}

export function compareSteps(
  a: { at: number; rank: Step['rank'] },
  b: { at: number; rank: Step['rank'] },
): number {
  if (a.at !== b.at) return a.at - b.at;
  for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
  return 0;
}

/** The member whose cancellations end the chain: the one that started last (ties: the newest). */
export function latestMember(
  members: SubscriptionFacts[],
  items: ItemFacts[],
  events: EventFacts[],
): SubscriptionFacts {
  const firstStart = new Map<number, number>();
  const note = (id: number | null, at: number) => {
    if (id !== null) firstStart.set(id, Math.min(firstStart.get(id) ?? Infinity, at));
  };
  for (const item of items) note(item.subscriptionId, item.start);
  for (const event of events) note(event.subscriptionId, event.effectiveAt);
  let best = members[0];
  for (const m of members) {
    const a = firstStart.get(m.id) ?? -Infinity;
    const b = firstStart.get(best.id) ?? -Infinity;
    if (a > b || (a === b && m.id > best.id)) best = m;
  }
  return best;
}

/** The steps of one chain (a subscription and those connected into it), oldest first. */
export function chainSteps(
  chainId: number,
  members: SubscriptionFacts[],
  items: ItemFacts[],
  events: EventFacts[],
  plans: Map<string, PlanFacts>,
): Step[] {
  const latest = latestMember(members, items, events);
  const actions: Action[] = [
    ...items.map((item) => itemAction(item, plans)),
    ...events.map((event) => eventAction(event, plans)),
    ...[...new Set(latest.cancellations)].map((at) => cancelAction(at, latest.id)),
  ].sort(compareSteps);
  const state: ChainState = {
    started: false,
    live: false,
    mrr: 0,
    invoiceMrr: 0,
    currency: ACCOUNT_CURRENCY,
    planUuid: null,
    quantity: 1,
  };
  const steps: Step[] = [];
  for (const action of actions) {
    const cause = action.apply(state);
    if (!cause) continue;
    steps.push({
      at: action.at,
      chainId,
      memberId: action.memberId || latest.id,
      mrr: state.mrr,
      invoiceMrr: state.invoiceMrr,
      currency: state.currency,
      live: state.live,
      planUuid: state.planUuid,
      quantity: state.quantity,
      periodEnd: cause.kind === 'item' ? cause.item.end : null,
      cause,
      rank: action.rank,
    });
  }
  return steps;
}
