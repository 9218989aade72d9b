/**
 * The demo data (`seed: 'demo'`): one data source, 50 customers across every status, plans in three
 * intervals, two plan groups, a year of invoices with transactions up to the sandbox's "now", and a few
 * cancellations. Deterministic: names, amounts and dates come from a fixed-seed generator and the clock.
 */
import type { Store } from '../store/context';
import { insertDataSource } from '../store/dataSources';
import { insertCustomer, LEAD_STATUSES } from '../store/customers';
import { insertPlan, insertPlanGroup, type PlanRow } from '../store/plans';
import { insertInvoice, type InvoiceInput } from '../store/invoices';
import { addCancellation, findSubscription } from '../store/subscriptions';
import { rederiveCustomer } from '../analytics';
import { seedCrm } from './crm';
import { seededRandom } from '../lib/random';
import { isoMillis } from '../lib/time';

const COMPANIES = [
  'Acme Analytics',
  'Blue Harbor',
  'Cobalt Labs',
  'Driftwood Studio',
  'Evergreen Health',
  'Fjord Logistics',
  'Granite Works',
  'Helix Bio',
  'Indigo Media',
  'Juniper Foods',
  'Kestrel Air',
  'Lumen Energy',
  'Maple Finance',
  'Nimbus Cloud',
  'Orbit Robotics',
  'Pine Legal',
  'Quartz Retail',
  'Rook Security',
  'Sage Learning',
  'Tidal Travel',
  'Umber Design',
  'Vertex Sports',
  'Willow Care',
  'Xenon Games',
  'Yarrow Farms',
  'Zephyr Motors',
  'Atlas Print',
  'Beacon Realty',
  'Cedar Dental',
  'Delta Freight',
  'Ember Coffee',
  'Falcon Optics',
  'Glacier Water',
  'Harbor Bank',
  'Iris Fashion',
  'Jade Jewelry',
  'Koala Toys',
  'Lotus Yoga',
  'Mosaic Tiles',
  'Nova Pharma',
  'Onyx Audio',
  'Prism Events',
  'Quill Books',
  'Raven Consulting',
  'Summit Gear',
  'Terra Mining',
  'Ultra Fitness',
  'Vista Hotels',
  'Wave Surf',
  'Zen Spa',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'CA', 'AU', 'ES'];
const US_STATES = ['CA', 'NY', 'TX', 'WA', 'MA'];
const DAY = 86_400_000;

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

interface Plans {
  monthly: PlanRow[];
  annual: PlanRow[];
  weekly: PlanRow;
}

function createPlans(store: Store, dataSourceId: number): Plans {
  const plan = (name: string, external_id: string, interval_unit: string, interval_count = 1) =>
    insertPlan(store, { data_source_id: dataSourceId, name, external_id, interval_unit, interval_count });
  const monthly = [
    plan('Starter Monthly', 'starter_monthly', 'month'),
    plan('Pro Monthly', 'pro_monthly', 'month'),
  ];
  const annual = [plan('Starter Annual', 'starter_annual', 'year'), plan('Pro Annual', 'pro_annual', 'year')];
  const weekly = plan('Weekly Pass', 'weekly_pass', 'day', 7);
  insertPlanGroup(store, 'Starter', [monthly[0].id, annual[0].id]);
  insertPlanGroup(store, 'Pro', [monthly[1].id, annual[1].id]);
  return { monthly, annual, weekly };
}

const PRICES: Record<string, number> = {
  starter_monthly: 2900,
  pro_monthly: 9900,
  starter_annual: 29000,
  pro_annual: 99000,
  weekly_pass: 1500,
};

export function seedDemo(store: Store): void {
  const random = seededRandom(20240101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const now = store.clock.now();
  const thisMonth = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
  store.db.transaction(() => {
    const source = insertDataSource(store, 'Demo Billing');
    const plans = createPlans(store, source.id);
    COMPANIES.forEach((company, i) => {
      const country = pick(COUNTRIES);
      const slug = company.toLowerCase().replace(/[^a-z]+/g, '.');
      // 0-7 leads, 8-41 paying, 42-44 past due, 45-49 cancelled.
      const kind = i < 8 ? 'lead' : i < 42 ? 'active' : i < 45 ? 'past_due' : 'cancelled';
      const customer = insertCustomer(store, source.id, `demo_cus_${String(i + 1).padStart(3, '0')}`, {
        name: company,
        company,
        email: `billing@${slug}.example`,
        country,
        state: country === 'US' ? pick(US_STATES) : null,
        city: null,
        lead_created_at: addMonths(thisMonth, -13) + i * DAY,
        lead_status: kind === 'lead' ? LEAD_STATUSES[i % LEAD_STATUSES.length] : 'New Lead',
        tags: i % 3 === 0 ? ['demo', 'priority'] : ['demo'],
        custom: {
          channel: { type: 'String', value: pick(['Ads', 'Referral', 'Organic', 'Partner']), source: 'API' },
        },
      });
      if (kind === 'lead') return;
      const plan = i % 10 === 9 ? plans.weekly : i % 4 === 0 ? pick(plans.annual) : pick(plans.monthly);
      const startMonth = -Math.floor(random() * 12);
      const periods = periodsFor(
        plan,
        addMonths(thisMonth, startMonth) + Math.floor(random() * 20) * DAY,
        now,
      );
      const subExternalId = `demo_sub_${i + 1}`;
      periods.forEach(([start, end], n) => {
        const last = n === periods.length - 1;
        const failed = kind === 'past_due' && last;
        const invoice: InvoiceInput = {
          external_id: `demo_inv_${i + 1}_${n + 1}`,
          date: start,
          due_date: start + 14 * DAY,
          currency: 'USD',
          line_items: [lineItem(plan, subExternalId, start, end, `demo_li_${i + 1}_${n + 1}`)],
          transactions: [
            transaction(`demo_tr_${i + 1}_${n + 1}`, start + DAY, failed ? 'failed' : 'successful'),
          ],
        };
        insertInvoice(store, customer, invoice);
      });
      if (kind === 'cancelled') {
        const sub = findSubscription(store, subscriptionUuid(store, customer.id));
        const lastStart = periods[periods.length - 1][0];
        if (sub) addCancellation(store, sub, Math.min(lastStart + 10 * DAY, now));
      }
      rederiveCustomer(store, customer.id);
    });
    seedCrm(store, source.id);
  })();
}

/** Consecutive service periods of the plan from `start` until the one that contains `now`. */
function periodsFor(plan: PlanRow, start: number, now: number): [number, number][] {
  const next = (ms: number) =>
    plan.interval_unit === 'year'
      ? addMonths(ms, 12)
      : plan.interval_unit === 'month'
        ? addMonths(ms, plan.interval_count)
        : ms + plan.interval_count * DAY;
  const periods: [number, number][] = [];
  let from = Math.min(start, now - DAY);
  // Weekly plans get their last eight weeks only, to keep the data small.
  if (plan.interval_unit === 'day') from = Math.max(from, now - 8 * 7 * DAY);
  while (from <= now && periods.length < 60) {
    const to = next(from);
    periods.push([from, to]);
    from = to;
  }
  return periods;
}

function lineItem(
  plan: PlanRow,
  subExternalId: string,
  start: number,
  end: number,
  externalId: string,
): InvoiceInput['line_items'][number] {
  const amount = PRICES[plan.external_id] ?? 1000;
  const tax = Math.round(amount * 0.1);
  return {
    type: 'subscription',
    external_id: externalId,
    amount_in_cents: amount,
    quantity: 1,
    tax_amount_in_cents: tax,
    output: {
      external_id: externalId,
      type: 'subscription',
      subscription_external_id: subExternalId,
      prorated: false,
      proration_type: null,
      service_period_start: isoMillis(start),
      service_period_end: isoMillis(end),
      plan_uuid: plan.uuid,
      amount_in_cents: amount,
      quantity: 1,
      discount_code: '',
      discount_amount_in_cents: 0,
      tax_amount_in_cents: tax,
      transaction_fees_in_cents: 0,
      account_code: '',
      transaction_fees_currency: null,
      discount_description: null,
      event_order: null,
    },
    subscription: {
      external_id: subExternalId,
      set_external_id: null,
      plan_uuid: plan.uuid,
      service_period_start: start,
      service_period_end: end,
      cancelled_at: null,
    },
  };
}

function transaction(
  externalId: string,
  date: number,
  result: 'successful' | 'failed',
): InvoiceInput['transactions'][number] {
  return {
    external_id: externalId,
    type: 'payment',
    result,
    date,
    output: {
      external_id: externalId,
      amount_in_cents: null,
      type: 'payment',
      date: isoMillis(date),
      result,
      transaction_fees_in_cents: null,
      transaction_fees_currency: null,
    },
  };
}

function subscriptionUuid(store: Store, customerId: number): string {
  return (
    store.db
      .prepare('SELECT uuid FROM subscriptions WHERE customer_id = ? ORDER BY id LIMIT 1')
      .get(customerId) as { uuid: string }
  ).uuid;
}
