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
  | 'metrics_subscription'
  | 'activity'
  | 'activities_export'
  | 'contact'
  | 'note'
  | 'task'
  | 'opportunity'
  | 'subscription_event';

const KIND_BY_PREFIX: Record<string, EntityKind> = {
  ds_: 'data_source',
  cus_: 'customer',
  pl_: 'plan',
  plg_: 'plan_group',
  inv_: 'invoice',
  li_: 'line_item',
  tr_: 'transaction',
  sub_: 'import_subscription',
  con_: 'contact',
  note_: 'note',
};

// Tasks and opportunities carry bare UUIDs (tasks under `task_uuid`); their path says what they are.
const BARE_ID_KINDS: Array<[RegExp, EntityKind]> = [
  [/^\/v1\/tasks(?:\/|$)/, 'task'],
  [/^\/v1\/opportunities(?:\/|$)/, 'opportunity'],
];

/** Kinds listed newest first whose recordings page through several of them. */
const NEWEST_FIRST_KINDS = new Set<EntityKind>([
  'contact',
  'note',
  'task',
  'opportunity',
  'subscription_event',
]);

/** A subscription event object: integer `id` (the key its id is known by, as text) and an event type. */
function isEvent(value: Record<string, unknown>): boolean {
  return typeof value.id === 'number' && typeof value.event_type === 'string';
}

export function listedNewestFirst(kind: EntityKind | undefined): boolean {
  return kind !== undefined && NEWEST_FIRST_KINDS.has(kind);
}

/** The id an object answers with: `uuid`, or a task's `task_uuid`. */
export function entityIdOf(value: Record<string, unknown>): unknown {
  return value.uuid ?? value.task_uuid;
}

// A customer's metrics-API subscriptions carry bare UUIDs; the path says what they are.
const METRICS_SUBSCRIPTIONS = /^\/v1\/customers\/(cus_[^/]+)\/subscriptions$/;
const CUSTOMER_CHILDREN = /^\/v1\/(?:import\/)?customers\/(cus_[^/]+)\/(?:invoices|subscriptions)$/;
const CUSTOMER_IN_SOURCE = /^\/v1\/data_sources\/(ds_[^/]+)\/customers\/(cus_[^/]+)/;
const CUSTOMER_ATTRIBUTES = /^\/v1\/customers\/(cus_[^/]+)\/attributes(?:\/(tags|custom))?$/;
const CUSTOMER_SUBSCRIPTION_LINKS = /^\/v1\/customers\/(cus_[^/]+)\/(?:dis)?connect_subscriptions$/;
const PLAN_GROUP_PLANS = /^\/v1\/plan_groups\/(plg_[^/]+)\/plans$/;
// Activities: the account's list names each one's customer, a customer's list has it in the path.
const ACTIVITIES = /^\/v1\/(?:customers\/(cus_[^/]+)\/)?activities$/;
const ACTIVITIES_EXPORT = /^\/v1\/activities_export\/([^/]+)$/;

export type Representation = Record<string, unknown>;

export class RecordedWorld {
  readonly kinds = new Map<string, EntityKind>();
  readonly representations = new Map<string, Representation>();
  /** Invoice or subscription id → the customer it belongs to. */
  readonly customerOf = new Map<string, string>();
  /** Line item or transaction id → its invoice. */
  readonly invoiceOf = new Map<string, string>();
  readonly plansOfGroup = new Map<string, string[]>();
  /** Customer → the tags and custom attributes it had before the cassette's first attribute call. */
  readonly attributesOf = new Map<string, { tags: string[]; custom: Record<string, unknown> }>();
  /** Customer → its data source, where only a path or a request body tells. */
  readonly sourceOf = new Map<string, string>();
  /** Customer → its external id, where only the events listed for it tell. */
  readonly externalIdOf = new Map<string, string>();
  /** Customer → identities merged into it (the ones a recorded unmerge splits off again). */
  readonly mergedIdentities = new Map<string, Array<{ source: string; externalId: string }>>();
  /** Customer → the activities the recording listed for it (the state builder derives them again). */
  readonly activitiesOf = new Map<string, Representation[]>();
  /** Ids the recorded account already held when the cassette started, in order of first mention. */
  readonly preexisting: string[] = [];

  constructor(cassette: Cassette, isCovered: (exchange: Exchange) => boolean) {
    for (const exchange of cassette.exchanges) this.index(exchange);
    const seen = new Set<string>();
    const found: string[] = [];
    for (const exchange of cassette.exchanges) {
      const usable = exchange.status >= 200 && exchange.status < 300 && isCovered(exchange);
      const note = (id: string): void => {
        if (!seen.has(id) && usable && this.kinds.has(id)) found.push(id);
      };
      for (const id of idsInRequest(exchange.path, exchange.query, exchange.requestBody)) {
        note(id);
        seen.add(id);
      }
      // Reads show existing state; a write creates what it answers with, except the `entries` it
      // looked up (the by-email attribute calls answer with the customers they found).
      const body = exchange.responseBody;
      const reads = exchange.method === 'GET' || exchange.method === 'DELETE';
      const shown = reads
        ? idsIn(body)
        : isObject(body) && Array.isArray(body.entries)
          ? idsIn(body.entries)
          : [];
      shown.forEach(note);
      idsIn(body).forEach((id) => seen.add(id));
    }
    // Invoices, line items and subscriptions of a customer the cassette makes itself came from its own writes.
    const parentOf = (id: string): string | undefined => this.customerOf.get(id) ?? this.invoiceOf.get(id);
    const existed = (id: string): boolean => {
      const parent = parentOf(id);
      return parent === undefined || (found.includes(parent) && existed(parent));
    };
    // CRM lists are newest first: the entry a recording lists first must be made last to come first here.
    const kept = found.filter(existed);
    const crm = (id: string) => listedNewestFirst(this.kinds.get(id));
    this.preexisting.push(...kept.filter((id) => !crm(id)), ...kept.filter(crm).reverse());
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
    const bareKind = BARE_ID_KINDS.find(([pattern]) => pattern.test(exchange.path))?.[1];
    for (const id of idsInRequest(exchange.path, exchange.query, exchange.requestBody)) {
      prefixed(id);
      if (bareKind && !idPrefix(id) && exchange.path.endsWith(id)) this.kinds.set(id, bareKind);
    }

    const inSource = CUSTOMER_IN_SOURCE.exec(exchange.path);
    if (inSource) this.sourceOf.set(inSource[2]!, inSource[1]!);
    this.learnFromRequest(exchange);
    this.learnAttributes(exchange);
    this.learnActivities(exchange);

    const customer = CUSTOMER_CHILDREN.exec(exchange.path)?.[1];
    const metrics = METRICS_SUBSCRIPTIONS.test(exchange.path);
    const group = PLAN_GROUP_PLANS.exec(exchange.path)?.[1];
    const eventsOf =
      exchange.path === '/v1/subscription_events' ? queryValue(exchange, 'customer_uuid') : undefined;
    const visit = (value: unknown, depth: number): void => {
      if (Array.isArray(value)) return value.forEach((item) => visit(item, depth));
      if (!isObject(value)) return prefixed(String(value));
      if (isEvent(value)) this.indexEvent(value, eventsOf);
      const uuid = entityIdOf(value);
      if (isEntityId(uuid)) {
        prefixed(uuid);
        if (metrics && depth === 1 && !idPrefix(uuid)) this.kinds.set(uuid, 'metrics_subscription');
        if (bareKind && !idPrefix(uuid) && depth <= 2) this.kinds.set(uuid, bareKind);
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

  /**
   * What a customer's attributes were before the first attribute call, worked back from that call:
   * a read shows them; an addition's answer less what it added; a removal's answer plus what it
   * removed; an update's answer names every custom key that already existed (typed by its value).
   */
  private learnAttributes(exchange: Exchange): void {
    const match = CUSTOMER_ATTRIBUTES.exec(exchange.path);
    if (!match || exchange.status >= 300 || this.attributesOf.has(match[1]!)) return;
    const which = match[2];
    const answer = isObject(exchange.responseBody) ? exchange.responseBody : {};
    const asked = isObject(exchange.requestBody) ? exchange.requestBody : {};
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const custom = isObject(answer.custom) ? { ...answer.custom } : {};
    const before = { tags: strings(answer.tags), custom: {} as Record<string, unknown> };
    if (which === undefined) before.custom = custom;
    if (which === 'tags' && exchange.method === 'POST')
      before.tags = before.tags.filter((t) => !strings(asked.tags).includes(t));
    if (which === 'tags' && exchange.method === 'DELETE')
      before.tags = [...new Set([...before.tags, ...strings(asked.tags)])];
    if (which === 'custom' && exchange.method === 'PUT') before.custom = custom;
    if (which === 'custom' && exchange.method === 'POST') {
      const added = (Array.isArray(asked.custom) ? asked.custom : []).map((a) =>
        isObject(a) ? a.key : undefined,
      );
      before.custom = Object.fromEntries(Object.entries(custom).filter(([k]) => !added.includes(k)));
    }
    if (which === 'custom' && exchange.method === 'DELETE') {
      before.custom = Object.fromEntries(strings(asked.custom).map((k) => [k, 'removed by the recording']));
    }
    this.attributesOf.set(match[1]!, before);
  }

  /** Facts about existing customers that only a request states: connections and unmerges. */
  private learnFromRequest(exchange: Exchange): void {
    if (exchange.status >= 300 || !isObject(exchange.requestBody)) return;
    const body = exchange.requestBody;
    const linked = CUSTOMER_SUBSCRIPTION_LINKS.exec(exchange.path)?.[1];
    const first = Array.isArray(body.subscriptions) ? body.subscriptions.find(isObject) : undefined;
    if (linked && first && isEntityId(first.data_source_uuid) && !this.sourceOf.has(linked)) {
      this.sourceOf.set(linked, first.data_source_uuid);
    }
    if (exchange.path === '/v1/customers/unmerges') {
      const { customer_uuid: customer, data_source_uuid: source, external_id: externalId } = body;
      if (isEntityId(customer) && isEntityId(source) && typeof externalId === 'string') {
        const identities = this.mergedIdentities.get(customer) ?? [];
        identities.push({ source, externalId });
        this.mergedIdentities.set(customer, identities);
      }
    }
  }

  /** Who had which activities, and the customer and data source each activity names. */
  private learnActivities(exchange: Exchange): void {
    const job = ACTIVITIES_EXPORT.exec(exchange.path)?.[1];
    if (job && isEntityId(job) && isObject(exchange.responseBody)) {
      this.kinds.set(job, 'activities_export');
      this.remember(job, exchange.responseBody);
    }
    const match = ACTIVITIES.exec(exchange.path);
    const body = exchange.responseBody;
    if (!match || exchange.method !== 'GET' || exchange.status !== 200 || !isObject(body)) return;
    for (const entry of Array.isArray(body.entries) ? body.entries : []) {
      if (!isObject(entry)) continue;
      const customer = isEntityId(entry['customer-uuid']) ? entry['customer-uuid'] : match[1];
      if (!customer) continue;
      const known = this.activitiesOf.get(customer) ?? [];
      const key = (a: Representation) => `${String(a.uuid ?? a.id)} ${String(a.date)}`;
      if (!known.some((a) => key(a) === key(entry))) known.push(entry);
      this.activitiesOf.set(customer, known);
      if (isEntityId(entry.uuid) && !idPrefix(entry.uuid)) {
        this.kinds.set(entry.uuid, 'activity');
        this.customerOf.set(entry.uuid, customer);
      }
      if (isEntityId(entry['billing-connector-uuid']) && !this.sourceOf.has(customer))
        this.sourceOf.set(customer, entry['billing-connector-uuid']);
      if (typeof entry['customer-name'] === 'string')
        this.remember(customer, { name: entry['customer-name'], external_id: entry['customer-external-id'] });
    }
  }

  /** An event's kind and representation; listed under a customer filter, it tells that customer's identity. */
  private indexEvent(value: Record<string, unknown>, customer: string | undefined): void {
    const id = String(value.id);
    this.kinds.set(id, 'subscription_event');
    this.remember(id, value);
    if (!customer) return;
    this.customerOf.set(id, customer);
    if (isEntityId(value.data_source_uuid) && !this.sourceOf.has(customer))
      this.sourceOf.set(customer, value.data_source_uuid);
    if (typeof value.customer_external_id === 'string')
      this.externalIdOf.set(customer, value.customer_external_id);
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
    else if (isObject(value)) {
      if (isEvent(value) && !found.includes(String(value.id))) found.push(String(value.id));
      Object.values(value).forEach(walk);
    } else if (isEntityId(value) && !found.includes(value)) found.push(value);
  };
  walk(body);
  return found;
}

function queryValue(exchange: Exchange, name: string): string | undefined {
  const value = exchange.query.find(([key]) => key === name)?.[1];
  return isEntityId(value) ? value : undefined;
}
