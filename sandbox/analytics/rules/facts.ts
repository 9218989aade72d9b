/**
 * The billing facts of one customer, as the derivation reads them (analytics/store/read.ts builds them from
 * the tables; the tests build them by hand). Everything here is plain data: the rules in this folder are pure
 * functions from these facts to subscriptions, MRR histories and movements, with no database and no clock
 * other than the `now` they are given.
 */

export type IntervalUnit = 'day' | 'month' | 'year';

export interface PlanFacts {
  uuid: string;
  externalId: string;
  name: string;
  intervalUnit: IntervalUnit;
  intervalCount: number;
}

/** A subscription identity (one per customer and subscription_external_id), as stored by the billing side. */
export interface SubscriptionFacts {
  id: number;
  /** The import API's `sub_…` uuid. */
  uuid: string;
  /** The metrics API's plain uuid. */
  metricsUuid: string;
  externalId: string;
  setExternalId: string | null;
  /** The subscription it was connected into (the chain's first), or null. */
  connectedTo: number | null;
  /** Cancellation timestamps (epoch ms), any order, duplicates allowed. */
  cancellations: number[];
}

/** A subscription (or trial) line item of a live invoice. */
export interface ItemFacts {
  /** The line item's row id: creation order breaks ties (ChartMogul: "in the order they were created"). */
  id: number;
  subscriptionId: number;
  kind: 'subscription' | 'trial';
  planUuid: string | null;
  start: number;
  end: number;
  amount: number;
  tax: number;
  quantity: number;
  currency: string;
  prorated: boolean;
  /** `differential` (the default), `differential_mrr` or `full`. */
  prorationType: string | null;
  eventOrder: number | null;
  /** Dates of the invoice's successful payments (webhooks: a movement is "real time" only with one). */
  paidAt: number[];
}

export type EventEffect = 'start' | 'update' | 'cancel' | 'retract' | 'none';

/** A subscription event (POST /v1/subscription_events), reduced to what it does to MRR. */
export interface EventFacts {
  id: number;
  eventType: string;
  subscriptionExternalId: string;
  /** The subscription identity it belongs to, when one exists. */
  subscriptionId: number | null;
  effectiveAt: number;
  eventAt: number;
  planUuid: string | null;
  amount: number | null;
  tax: number;
  quantity: number | null;
  currency: string | null;
  retractedEventId: number | null;
}

export interface CustomerBilling {
  customerId: number;
  /** The lead status the customer keeps while it has never paid. */
  leadStatus: string;
  plans: Map<string, PlanFacts>;
  subscriptions: SubscriptionFacts[];
  items: ItemFacts[];
  events: EventFacts[];
  /** The latest invoice has a failed payment and no successful one (Past Due, docs/decisions.md). */
  latestInvoicePastDue: boolean;
}
