/**
 * The demo data (`seed: 'demo'`): one data source, 50 customers across every status, plans in three
 * intervals, two plan groups, and about two years of billing history up to the sandbox's "now", told as
 * stories (seed/history.ts): upgrades, downgrades, churn, reactivations, a few currencies. Deterministic:
 * names, amounts and dates come from a fixed-seed generator and the clock.
 */
import type { Store } from '../store/context';
import { insertDataSource } from '../store/dataSources';
import { insertCustomer, LEAD_STATUSES } from '../store/customers';
import { insertPlan, insertPlanGroup } from '../store/plans';
import { rederiveCustomer } from '../analytics';
import { seedCrm } from './crm';
import { seededRandom } from '../lib/random';
import { tellStory, type DemoPlans, type Story } from './history';

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
/** Mostly USD, some EUR and GBP (converted at the sandbox's fixed rates). */
const CURRENCIES = ['USD', 'USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP'];

function createPlans(store: Store, dataSourceId: number): DemoPlans {
  const plan = (name: string, external_id: string, interval_unit: string, interval_count = 1) =>
    insertPlan(store, { data_source_id: dataSourceId, name, external_id, interval_unit, interval_count });
  const plans: DemoPlans = {
    starter: plan('Starter Monthly', 'starter_monthly', 'month'),
    pro: plan('Pro Monthly', 'pro_monthly', 'month'),
    starterAnnual: plan('Starter Annual', 'starter_annual', 'year'),
    proAnnual: plan('Pro Annual', 'pro_annual', 'year'),
    weekly: plan('Weekly Pass', 'weekly_pass', 'day', 7),
  };
  insertPlanGroup(store, 'Starter', [plans.starter.id, plans.starterAnnual.id]);
  insertPlanGroup(store, 'Pro', [plans.pro.id, plans.proAnnual.id]);
  return plans;
}

/** The first eight customers are leads; the rest, in order, tell these stories. */
const LEADS = 8;
const STORIES: [Story, number][] = [
  ['steady', 6],
  ['upgrade', 6],
  ['downgrade', 4],
  ['seats', 4],
  ['annual', 4],
  ['reactivated', 4],
  ['weekly', 3],
  ['past_due', 3],
  ['cancelled', 8],
];
const STORY_OF = STORIES.flatMap(([story, count]) => Array<Story>(count).fill(story));

export function seedDemo(store: Store): void {
  const random = seededRandom(20240101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const now = store.clock.now();
  const twoYearsAgo = Date.UTC(new Date(now).getUTCFullYear() - 2, new Date(now).getUTCMonth(), 1);
  store.db.transaction(() => {
    const source = insertDataSource(store, 'Demo Billing');
    const plans = createPlans(store, source.id);
    COMPANIES.forEach((company, i) => {
      const country = pick(COUNTRIES);
      const slug = company.toLowerCase().replace(/[^a-z]+/g, '.');
      const lead = i < LEADS;
      const customer = insertCustomer(store, source.id, `demo_cus_${String(i + 1).padStart(3, '0')}`, {
        name: company,
        company,
        email: `billing@${slug}.example`,
        country,
        state: country === 'US' ? pick(US_STATES) : null,
        city: null,
        lead_created_at: twoYearsAgo + i * DAY,
        lead_status: lead ? LEAD_STATUSES[i % LEAD_STATUSES.length] : 'New Lead',
        tags: i % 3 === 0 ? ['demo', 'priority'] : ['demo'],
        custom: {
          channel: { type: 'String', value: pick(['Ads', 'Referral', 'Organic', 'Partner']), source: 'API' },
        },
      });
      if (lead) return;
      const story = STORY_OF[i - LEADS];
      const currency = story === 'weekly' ? 'USD' : pick(CURRENCIES);
      tellStory({ store, plans, random, now, customer, n: i + 1, currency }, story);
      rederiveCustomer(store, customer.id);
    });
    seedCrm(store, source.id);
  })();
}
