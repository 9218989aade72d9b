/** Hand-built billing facts for the pure derivation's tests: a plan table, subscriptions and their items. */
import type {
  CustomerBilling,
  EventFacts,
  IntervalUnit,
  ItemFacts,
  PlanFacts,
  SubscriptionFacts,
} from '../../../sandbox/analytics/rules/facts';

export const at = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

export function plan(name: string, intervalUnit: IntervalUnit = 'month', intervalCount = 1): PlanFacts {
  return { uuid: `pl_${name}`, externalId: name.toLowerCase(), name, intervalUnit, intervalCount };
}

/** A customer's facts under construction: add subscriptions, items, cancellations and events, then `build()`. */
export class Billing {
  private readonly plans = new Map<string, PlanFacts>();
  private readonly subs: SubscriptionFacts[] = [];
  private readonly items: ItemFacts[] = [];
  private readonly events: EventFacts[] = [];
  private nextId = 1;
  pastDue = false;

  constructor(readonly leadStatus = 'New Lead') {}

  subscription(externalId: string, extra: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
    const existing = this.subs.find((s) => s.externalId === externalId);
    if (existing) return existing;
    const id = this.subs.length + 1;
    const sub: SubscriptionFacts = {
      id,
      uuid: `sub_${externalId}`,
      metricsUuid: `m-${externalId}`,
      externalId,
      setExternalId: null,
      connectedTo: null,
      cancellations: [],
      ...extra,
    };
    this.subs.push(sub);
    return sub;
  }

  /** A subscription line item; dates as `YYYY-MM-DD` or ISO. */
  item(
    sub: string,
    p: PlanFacts,
    start: string,
    end: string,
    amount: number,
    extra: Partial<ItemFacts> = {},
  ): this {
    this.plans.set(p.uuid, p);
    this.items.push({
      id: this.nextId++,
      subscriptionId: this.subscription(sub).id,
      kind: 'subscription',
      planUuid: p.uuid,
      start: at(start),
      end: at(end),
      amount,
      tax: 0,
      quantity: 1,
      currency: 'USD',
      prorated: false,
      prorationType: null,
      eventOrder: null,
      paidAt: [],
      ...extra,
    });
    return this;
  }

  cancel(sub: string, when: string): this {
    this.subscription(sub).cancellations.push(at(when));
    return this;
  }

  event(sub: string, eventType: string, effective: string, extra: Partial<EventFacts> = {}): this {
    if (extra.planUuid) this.plans.set(extra.planUuid, plan(extra.planUuid.replace(/^pl_/, '')));
    this.events.push({
      id: this.nextId++,
      eventType,
      subscriptionExternalId: sub,
      subscriptionId: this.subscription(sub).id,
      effectiveAt: at(effective),
      eventAt: at(effective),
      planUuid: null,
      amount: null,
      tax: 0,
      quantity: null,
      currency: 'USD',
      retractedEventId: null,
      ...extra,
    });
    return this;
  }

  usePlan(p: PlanFacts): this {
    this.plans.set(p.uuid, p);
    return this;
  }

  build(): CustomerBilling {
    return {
      customerId: 1,
      leadStatus: this.leadStatus,
      plans: this.plans,
      subscriptions: this.subs,
      items: this.items,
      events: this.events,
      latestInvoicePastDue: this.pastDue,
    };
  }
}
