// Creates, through the sandbox's own public API, entities equivalent to those a recording assumed
// already existed, and maps each recorded id to the id the sandbox minted for its twin.
import { SandboxClient } from './client';
import { IdMap, isObject } from './ids';
import { EntityKind, entityIdOf, RecordedWorld, Representation } from './recorded-world';
import { giveActivityHistory, type HistoryOps } from './activity-history';
import { crmRecordBody, eventBody, pick, str, type Json } from './record-bodies';

const TIMESTAMP_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function customAttributes(custom: unknown): Json[] {
  if (!isObject(custom)) return [];
  return Object.entries(custom).map(([key, value]) => ({
    type:
      typeof value === 'boolean'
        ? 'Boolean'
        : typeof value === 'number'
          ? 'Integer'
          : typeof value === 'string' && TIMESTAMP_VALUE.test(value)
            ? 'Timestamp'
            : 'String',
    key,
    value,
  }));
}

export class StateBuilder {
  private readonly building = new Set<string>();
  private readonly ours = new Map<string, Json>();
  private defaultSource: string | undefined;
  private defaultCustomer: string | undefined;
  private serial = 0;
  /** Plans made for recorded events, by `<source uuid> <external id>`. */
  private readonly plans = new Set<string>();

  constructor(
    private readonly client: SandboxClient,
    private readonly world: RecordedWorld,
    private readonly ids: IdMap,
  ) {}

  /** Makes sure the recorded entity has a twin in the sandbox; returns our id (undefined if impossible). */
  async ensure(recordedId: string): Promise<string | undefined> {
    const known = this.ids.get(recordedId);
    if (known !== undefined) return known;
    const kind = this.world.kindOf(recordedId);
    if (!kind || this.building.has(recordedId)) return undefined;
    this.building.add(recordedId);
    try {
      await this.build(kind, recordedId, this.world.representations.get(recordedId) ?? {});
    } finally {
      this.building.delete(recordedId);
    }
    return this.ids.get(recordedId);
  }

  /**
   * Creates one more entity like the recorded one (its own external id, no mapping), so that a list
   * the recording saw continue (`has_more: true`) continues here too.
   */
  async twin(recordedId: string): Promise<void> {
    const kind = this.world.kindOf(recordedId);
    if (!kind) return;
    if (kind === 'activity') return this.twinActivity(recordedId);
    const rep = { ...(this.world.representations.get(recordedId) ?? {}) };
    delete rep.uuid;
    delete rep.external_id;
    // A twin's line items and transactions need their own external ids (unique per data source).
    for (const key of ['line_items', 'transactions']) {
      if (Array.isArray(rep[key])) {
        rep[key] = (rep[key] as Representation[]).map((child) =>
          isObject(child) && str(child.external_id)
            ? { ...child, external_id: this.unique('replay_ext').replace(' ', '_') }
            : child,
        );
      }
    }
    const key = `twin ${this.unique(recordedId)}`;
    const customer = this.world.customerOf.get(recordedId);
    if (customer) this.world.customerOf.set(key, customer);
    await this.build(kind, key, rep);
  }

  /** Learns ids from a response of ours that answers a recorded one (used by the replay too). */
  remember(recorded: unknown, ours: unknown): void {
    this.ids.learn(recorded, ours);
    this.collect(ours);
  }

  private async build(kind: EntityKind, id: string, rep: Representation): Promise<void> {
    switch (kind) {
      case 'data_source':
        return this.link(id, rep, await this.createSource(str(rep.name)));
      case 'customer':
        return this.link(id, rep, await this.createCustomer(rep, id));
      case 'plan':
        return this.link(id, rep, await this.createPlan(rep));
      case 'plan_group':
        return this.link(id, rep, await this.createPlanGroup(id, rep));
      case 'invoice':
        return this.link(id, rep, await this.createInvoice(id, rep));
      case 'line_item':
      case 'transaction': {
        const invoice = this.world.invoiceOf.get(id);
        if (invoice) await this.ensure(invoice);
        return;
      }
      case 'import_subscription':
        return this.createImportSubscription(id, rep);
      case 'metrics_subscription':
        return this.createMetricsSubscription(id, rep);
      case 'activities_export':
        return this.link(id, rep, await this.createExport(rep));
      case 'activity': {
        // Activities are derived: making their customer (with its history) makes them.
        const customer = this.world.customerOf.get(id);
        if (customer) await this.ensure(customer);
        return;
      }
      case 'subscription_event':
        return this.createEvent(id, rep);
      case 'contact':
      case 'note':
      case 'task':
      case 'opportunity':
        return this.link(id, rep, await this.createCrmRecord(kind, id, rep));
    }
  }

  /** A write that must succeed; every object it returns is remembered as ours. */
  private async write(method: string, path: string, body: unknown): Promise<Json> {
    const response = (await this.client.must(method, path, body)) as Json;
    this.collect(response);
    return response;
  }

  private async read(path: string): Promise<Json> {
    const response = (await this.client.must('GET', path)) as Json;
    this.collect(response);
    return response;
  }

  private collect(ours: unknown): void {
    if (Array.isArray(ours)) return ours.forEach((item) => this.collect(item));
    if (!isObject(ours)) return;
    const id = entityIdOf(ours);
    if (typeof id === 'string') this.ours.set(id, ours);
    Object.values(ours).forEach((child) => this.collect(child));
  }

  private link(recordedId: string, rep: Representation, ours: Json): void {
    this.remember(rep, ours);
    const id = entityIdOf(ours);
    if (typeof id === 'string') this.ids.set(recordedId, id);
  }

  private unique(base: string): string {
    this.serial += 1;
    return `${base} ${this.serial}`;
  }

  private async createSource(name?: string): Promise<Json> {
    const body = await this.write('POST', '/v1/data_sources', { name: this.unique(name ?? 'Replay source') });
    return body as Json;
  }

  private async sourceFor(recordedSource: unknown): Promise<string> {
    if (typeof recordedSource === 'string') {
      const ours = await this.ensure(recordedSource);
      if (ours) return ours;
    }
    if (!this.defaultSource) this.defaultSource = (await this.createSource()).uuid as string;
    return this.defaultSource;
  }

  private async customerFor(recordedCustomer: unknown): Promise<string> {
    if (typeof recordedCustomer === 'string') {
      const ours = await this.ensure(recordedCustomer);
      if (ours) return ours;
    }
    if (!this.defaultCustomer) this.defaultCustomer = (await this.createCustomer({})).uuid as string;
    return this.defaultCustomer;
  }

  private async createCustomer(rep: Representation, id?: string): Promise<Json> {
    const attributes =
      (id && this.world.attributesOf.get(id)) || (isObject(rep.attributes) ? rep.attributes : {});
    const body: Json = {
      // Empty strings are kept: the recorded customer had them, and "" differs from null in shape.
      ...pick(
        rep,
        ['name', 'email', 'company', 'country', 'state', 'city', 'zip', 'website_url', 'owner'],
        true,
      ),
      ...pick(rep, ['lead_created_at', 'free_trial_started_at']),
      data_source_uuid: await this.sourceFor(rep.data_source_uuid ?? (id && this.world.sourceOf.get(id))),
      external_id:
        str(rep.external_id) ??
        (id && this.world.externalIdOf.get(id)) ??
        this.unique('replay_customer').replace(' ', '_'),
      attributes: {
        tags: Array.isArray(attributes.tags) ? attributes.tags : [],
        custom: customAttributes(attributes.custom),
      },
    };
    const customer = (await this.write('POST', '/v1/customers', body)) as Json;
    const identities = (id && this.world.mergedIdentities.get(id)) || [];
    const activities = (id && this.world.activitiesOf.get(id)) || [];
    const paying = str(rep.status) && rep.status !== 'New Lead' && rep.status !== 'Working Lead';
    if (activities.length) await giveActivityHistory(this.historyOps(), customer, activities);
    else if (paying) await this.giveSubscription(customer, rep);
    for (const identity of identities) await this.mergeIdentity(customer, identity);
    const changed = paying || identities.length || activities.length;
    return changed ? await this.read(`/v1/customers/${String(customer.uuid)}`) : customer;
  }

  private readonly plansByExternalId = new Map<string, string>();

  private historyOps(): HistoryOps {
    return {
      write: (method, path, body) => this.write(method, path, body),
      read: (path) => this.read(path),
      unique: (base) => this.unique(base),
      plan: async (externalId, source) => {
        const key = `${source} ${externalId ?? ''}`;
        let uuid = this.plansByExternalId.get(key);
        if (!uuid) {
          const plan = await this.createPlan(externalId ? { external_id: externalId } : {}, source);
          this.plansByExternalId.set(key, (uuid = plan.uuid as string));
        }
        return uuid;
      },
    };
  }

  /** An export job asked with the recorded job's parameters. */
  private async createExport(rep: Representation): Promise<Json> {
    const params = isObject(rep.params) && isObject(rep.params.params) ? rep.params.params : {};
    const body: Json = {};
    for (const [ours, recorded] of [
      ['start-date', 'start_date'],
      ['end-date', 'end_date'],
      ['type', 'activity_type'],
    ]) {
      if (str(params[recorded])) body[ours] = params[recorded];
    }
    return this.write('POST', '/v1/activities_export', body);
  }

  /** One more activity after the recorded ones (a list the recording saw continue): a new customer's new_biz. */
  private async twinActivity(recordedId: string): Promise<void> {
    const rep = this.world.representations.get(recordedId) ?? {};
    const customer = await this.createCustomer({});
    const later = new Date(Date.parse(String(rep.date ?? '2016-01-01T00:00:00Z')) + 86_400_000).toISOString();
    await giveActivityHistory(this.historyOps(), customer, [{ ...rep, type: 'new_biz', date: later }]);
  }

  /** A customer that held another identity: made as its own customer, then merged in. */
  private async mergeIdentity(
    customer: Json,
    identity: { source: string; externalId: string },
  ): Promise<void> {
    const other = await this.write('POST', '/v1/customers', {
      data_source_uuid: await this.sourceFor(identity.source),
      external_id: identity.externalId,
      name: str(customer.name) ?? 'Merged customer',
    });
    await this.write('POST', '/v1/customers/merges', {
      from: { customer_uuid: other.uuid },
      into: { customer_uuid: customer.uuid },
    });
  }

  /** Paying customers in a recording get an invoice with a subscription, so their derived fields fill. */
  private async giveSubscription(customer: Json, rep: Representation): Promise<void> {
    const plan = await this.createPlan({ data_source_uuid: undefined }, customer.data_source_uuid as string);
    const since = str(rep['customer-since']) ?? '2016-01-01T12:00:00Z';
    const start = new Date(since);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const subscription = this.unique('replay_sub').replace(' ', '_');
    await this.write('POST', `/v1/import/customers/${String(customer.uuid)}/invoices`, {
      invoices: [
        {
          external_id: this.unique('replay_inv').replace(' ', '_'),
          date: start.toISOString(),
          currency: str(rep.currency) ?? 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: subscription,
              plan_uuid: plan.uuid,
              service_period_start: start.toISOString(),
              service_period_end: end.toISOString(),
              amount_in_cents: 1000,
              quantity: 1,
            },
          ],
          // Past Due in the sandbox: the latest invoice has a failed payment and no successful one.
          transactions: [
            {
              type: 'payment',
              date: start.toISOString(),
              result: rep.status === 'Past Due' ? 'failed' : 'successful',
            },
          ],
        },
      ],
    });
    if (rep.status === 'Cancelled') {
      const list = (await this.read(`/v1/import/customers/${String(customer.uuid)}/subscriptions`)) as Json;
      const subs = Array.isArray(list.subscriptions) ? (list.subscriptions as Json[]) : [];
      const ours = subs.find((s) => s.external_id === subscription);
      if (ours)
        await this.write('PATCH', `/v1/import/subscriptions/${String(ours.uuid)}`, {
          cancelled_at: end.toISOString(),
        });
    }
  }

  private async createPlan(rep: Representation, source?: string): Promise<Json> {
    const body: Json = {
      name: str(rep.name) ?? 'Replay plan',
      interval_count: typeof rep.interval_count === 'number' ? rep.interval_count : 1,
      interval_unit: str(rep.interval_unit) ?? 'month',
      data_source_uuid: source ?? (await this.sourceFor(rep.data_source_uuid)),
      ...pick(rep, ['external_id']),
    };
    return (await this.write('POST', '/v1/plans', body)) as Json;
  }

  private async createPlanGroup(id: string, rep: Representation): Promise<Json> {
    const plans: string[] = [];
    for (const recorded of this.world.plansOfGroup.get(id) ?? []) {
      const ours = await this.ensure(recorded);
      if (ours) plans.push(ours);
    }
    const wanted = typeof rep.plans_count === 'number' ? rep.plans_count : 1;
    while (plans.length < Math.max(wanted, 1)) plans.push((await this.createPlan({})).uuid as string);
    const body = { name: str(rep.name) ?? 'Replay plan group', plans };
    return (await this.write('POST', '/v1/plan_groups', body)) as Json;
  }

  private async invoiceBody(rep: Representation, customer: string): Promise<Json> {
    const source =
      (this.ours.get(customer)?.data_source_uuid as string | undefined) ?? (await this.sourceFor(undefined));
    const lineItems: Json[] = [];
    for (const item of Array.isArray(rep.line_items) ? (rep.line_items as Representation[]) : []) {
      const line = pick(item, [
        'type',
        'subscription_external_id',
        'subscription_set_external_id',
        'service_period_start',
        'service_period_end',
        'amount_in_cents',
        'quantity',
        'discount_code',
        'discount_amount_in_cents',
        'tax_amount_in_cents',
        'transaction_fees_in_cents',
        'transaction_fees_currency',
        'prorated',
        'proration_type',
        'description',
        'account_code',
        'external_id',
        'discount_description',
        'event_order',
      ]);
      if (line.type === 'subscription') {
        const recorded = typeof item.plan_uuid === 'string' ? item.plan_uuid : undefined;
        const plan =
          recorded && this.ours.has(recorded) ? recorded : recorded ? await this.ensure(recorded) : undefined;
        line.plan_uuid = plan ?? (await this.createPlan({}, source)).uuid;
      }
      lineItems.push(line);
    }
    // An invoice the recording never showed still needs a line: a one-time charge.
    if (lineItems.length === 0)
      lineItems.push({ type: 'one_time', amount_in_cents: 1000, description: 'Replay charge' });
    const transactions = (Array.isArray(rep.transactions) ? (rep.transactions as Representation[]) : []).map(
      (t) => pick(t, ['type', 'date', 'result', 'external_id', 'amount_in_cents']),
    );
    return {
      ...pick(rep, ['date', 'due_date', 'currency', 'customer_external_id']),
      external_id: str(rep.external_id) ?? this.unique('replay_inv').replace(' ', '_'),
      line_items: lineItems,
      transactions,
    };
  }

  private async createInvoice(id: string, rep: Representation): Promise<Json> {
    const customer = await this.customerFor(this.world.customerOf.get(id) ?? rep.customer_uuid);
    const invoice = await this.invoiceBody(
      { currency: 'USD', date: '2016-01-01T00:00:00Z', ...rep },
      customer,
    );
    const created = (await this.write('POST', `/v1/import/customers/${customer}/invoices`, {
      invoices: [invoice],
    })) as Json;
    const invoices = Array.isArray(created.invoices) ? (created.invoices as Json[]) : [];
    return invoices[0] ?? {};
  }

  private async subscriptionInvoice(customer: string, line: Json): Promise<void> {
    const invoice = await this.invoiceBody(
      { currency: 'USD', date: line.service_period_start, line_items: [line] },
      customer,
    );
    await this.write('POST', `/v1/import/customers/${customer}/invoices`, { invoices: [invoice] });
  }

  private async createImportSubscription(id: string, rep: Representation): Promise<void> {
    const customer = await this.customerFor(this.world.customerOf.get(id) ?? rep.customer_uuid);
    const external = str(rep.external_id) ?? this.unique('replay_sub').replace(' ', '_');
    await this.subscriptionInvoice(customer, {
      type: 'subscription',
      subscription_external_id: external,
      plan_uuid: rep.plan_uuid,
      service_period_start: '2016-01-01T00:00:00Z',
      service_period_end: '2016-02-01T00:00:00Z',
      amount_in_cents: 1000,
    });
    const list = (await this.read(`/v1/import/customers/${customer}/subscriptions`)) as Json;
    const ours = (Array.isArray(list.subscriptions) ? (list.subscriptions as Json[]) : []).find(
      (s) => s.external_id === external,
    );
    if (!ours) return;
    const dates = Array.isArray(rep.cancellation_dates) ? rep.cancellation_dates : [];
    const final = dates.length
      ? ((await this.write('PATCH', `/v1/import/subscriptions/${String(ours.uuid)}`, {
          cancellation_dates: dates,
        })) as Json)
      : ours;
    this.link(id, rep, final);
  }

  /** An event of the recorded customer, in its data source, on a plan with the recorded external id. */
  private async createEvent(id: string, rep: Representation): Promise<void> {
    const customer = this.ours.get(await this.customerFor(this.world.customerOf.get(id))) ?? {};
    const source = customer.data_source_uuid as string;
    const plan = str(rep.plan_external_id);
    const planKey = `${source} ${plan}`;
    if (plan && !this.plans.has(planKey)) {
      await this.createPlan({ name: plan, external_id: plan }, source);
      this.plans.add(planKey);
    }
    const ours = await this.write('POST', '/v1/subscription_events', {
      subscription_event: eventBody(rep, source, customer.external_id),
    });
    this.remember(rep, ours);
  }

  /** A contact, note, task or opportunity of the recorded customer, with the recorded fields. */
  private async createCrmRecord(kind: EntityKind, id: string, rep: Representation): Promise<Json> {
    const customer = await this.customerFor(this.world.customerOf.get(id) ?? rep.customer_uuid);
    const source =
      (this.ours.get(customer)?.data_source_uuid as string | undefined) ??
      (await this.sourceFor(rep.data_source_uuid));
    const [path, body] = crmRecordBody(kind, rep, source);
    return (await this.write('POST', path, { ...body, customer_uuid: customer })) as Json;
  }

  private async createMetricsSubscription(id: string, rep: Representation): Promise<void> {
    const customer = await this.customerFor(this.world.customerOf.get(id));
    const source = this.ours.get(customer)?.data_source_uuid as string | undefined;
    const plan = await this.createPlan(
      {
        name: rep.plan,
        interval_unit: rep['billing-cycle'],
        interval_count: rep['billing-cycle-count'],
      },
      source ?? (await this.sourceFor(undefined)),
    );
    const external = str(rep.external_id) ?? this.unique('replay_sub').replace(' ', '_');
    await this.subscriptionInvoice(customer, {
      type: 'subscription',
      subscription_external_id: external,
      plan_uuid: plan.uuid,
      service_period_start: str(rep['start-date']) ?? '2016-01-01T00:00:00Z',
      service_period_end: str(rep['end-date']) ?? '2016-02-01T00:00:00Z',
      amount_in_cents: 1000,
      quantity: typeof rep.quantity === 'number' ? rep.quantity : 1,
    });
    const list = (await this.read(`/v1/customers/${customer}/subscriptions`)) as Json;
    const ours = (Array.isArray(list.entries) ? (list.entries as Json[]) : []).find(
      (s) => s.external_id === external,
    );
    if (ours) this.link(id, rep, ours);
  }
}
