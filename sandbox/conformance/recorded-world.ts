// What a cassette tells about the account it was recorded against: every entity it mentions, its
// recorded representation, its parent, and which entities existed before the cassette ran.
import { Cassette, Exchange } from './cassette';
import { idPrefix, idsInRequest, isEntityId, isObject } from './ids';

export type EntityKind =
  | 'data_source'
  | 'customer'
  | 'plan'
  | 'plan_group'
  | 'invoice'
  | 'line_item'
  | 'transaction'
  | 'import_subscription'
  | 'metrics_subscription';

const KIND_BY_PREFIX: Record<string, EntityKind> = {
  ds_: 'data_source',
  cus_: 'customer',
  pl_: 'plan',
  plg_: 'plan_group',
  inv_: 'invoice',
  li_: 'line_item',
  tr_: 'transaction',
  sub_: 'import_subscription',
};

// A customer's metrics-API subscriptions carry bare UUIDs; the path says what they are.
const METRICS_SUBSCRIPTIONS = /^\/v1\/customers\/(cus_[^/]+)\/subscriptions$/;
const CUSTOMER_CHILDREN = /^\/v1\/(?:import\/)?customers\/(cus_[^/]+)\/(?:invoices|subscriptions)$/;
const PLAN_GROUP_PLANS = /^\/v1\/plan_groups\/(plg_[^/]+)\/plans$/;

export type Representation = Record<string, unknown>;

export class RecordedWorld {
  readonly kinds = new Map<string, EntityKind>();
  readonly representations = new Map<string, Representation>();
  /** Invoice or subscription id → the customer it belongs to. */
  readonly customerOf = new Map<string, string>();
  /** Line item or transaction id → its invoice. */
  readonly invoiceOf = new Map<string, string>();
  readonly plansOfGroup = new Map<string, string[]>();
  /** Ids the recorded account already held when the cassette started, in order of first mention. */
  readonly preexisting: string[] = [];

  constructor(cassette: Cassette, isCovered: (exchange: Exchange) => boolean) {
    for (const exchange of cassette.exchanges) this.index(exchange);
    const seen = new Set<string>();
    for (const exchange of cassette.exchanges) {
      const succeeded = exchange.status >= 200 && exchange.status < 300;
      const covered = isCovered(exchange);
      for (const id of idsInRequest(exchange.path, exchange.query, exchange.requestBody)) {
        if (!seen.has(id) && succeeded && covered && this.kinds.has(id)) this.preexisting.push(id);
        seen.add(id);
      }
      const readsState = exchange.method === 'GET' || exchange.method === 'DELETE';
      for (const id of idsIn(exchange.responseBody)) {
        if (!seen.has(id) && readsState && succeeded && covered && this.kinds.has(id))
          this.preexisting.push(id);
        seen.add(id);
      }
    }
  }

  kindOf(id: string): EntityKind | undefined {
    return this.kinds.get(id);
  }

  private index(exchange: Exchange): void {
    const prefixed = (id: string): void => {
      const prefix = idPrefix(id);
      const kind = prefix ? KIND_BY_PREFIX[prefix] : undefined;
      if (kind) this.kinds.set(id, kind);
    };
    for (const id of idsInRequest(exchange.path, exchange.query, exchange.requestBody)) prefixed(id);

    const customer = CUSTOMER_CHILDREN.exec(exchange.path)?.[1];
    const metrics = METRICS_SUBSCRIPTIONS.test(exchange.path);
    const group = PLAN_GROUP_PLANS.exec(exchange.path)?.[1];
    const visit = (value: unknown, depth: number): void => {
      if (Array.isArray(value)) return value.forEach((item) => visit(item, depth));
      if (!isObject(value)) return prefixed(String(value));
      const uuid = value.uuid;
      if (isEntityId(uuid)) {
        prefixed(uuid);
        if (metrics && depth === 1 && !idPrefix(uuid)) this.kinds.set(uuid, 'metrics_subscription');
        this.remember(uuid, value);
        if (customer && depth === 1) this.customerOf.set(uuid, customer);
        if (isEntityId(value.customer_uuid)) this.customerOf.set(uuid, value.customer_uuid);
        if (idPrefix(uuid) === 'inv_') {
          for (const child of [value.line_items, value.transactions].flat()) {
            if (isObject(child) && isEntityId(child.uuid)) this.invoiceOf.set(child.uuid, uuid);
          }
        }
        if (group && idPrefix(uuid) === 'pl_' && depth === 1) {
          const plans = this.plansOfGroup.get(group) ?? [];
          if (!plans.includes(uuid)) plans.push(uuid);
          this.plansOfGroup.set(group, plans);
        }
      }
      for (const child of Object.values(value)) visit(child, depth + 1);
    };
    visit(exchange.responseBody, 0);
  }

  /** Keep the fullest recorded representation of each entity. */
  private remember(id: string, value: Representation): void {
    const known = this.representations.get(id);
    if (!known || Object.keys(value).length > Object.keys(known).length) this.representations.set(id, value);
  }
}

function idsIn(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
    else if (isEntityId(value) && !found.includes(value)) found.push(value);
  };
  walk(body);
  return found;
}
