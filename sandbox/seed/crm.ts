/**
 * The CRM part of the demo data: contacts, notes and calls, tasks and opportunities for some of the demo
 * customers (every third), dated relative to the sandbox's clock. Deterministic: a fixed clock gives the
 * same records and ids on every run.
 */
import type { Store } from '../store/context';
import { sql } from '../store/context';
import { ACCOUNT_USER, userLabel } from '../lib/account';
import { isoDate } from '../lib/time';
import { insertContact } from '../store/contacts';
import { insertNote } from '../store/notes';
import { insertTask } from '../store/tasks';
import { insertOpportunity } from '../store/opportunities';

const DAY = 86_400_000;
const FIRST_NAMES = ['Ada', 'Bruno', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];
const LAST_NAMES = ['Novak', 'Silva', 'Meyer', 'Okafor', 'Larsen', 'Rossi', 'Tanaka', 'Dubois', 'Kowalski'];
const TEAM = ['sam@sandbox.example', 'riley@sandbox.example', ACCOUNT_USER.email];
const STAGES = ['Discovery', 'Evaluation', 'Proposal', 'Negotiation'];

interface DemoCustomer {
  id: number;
  data_source_id: number;
  name: string;
  email: string;
  status: string;
}

function personAt(i: number): { first: string; last: string } {
  return { first: FIRST_NAMES[i % FIRST_NAMES.length], last: LAST_NAMES[(i * 7) % LAST_NAMES.length] };
}

function seedCustomer(store: Store, customer: DemoCustomer, i: number, now: number): void {
  const domain = customer.email.slice(customer.email.indexOf('@') + 1);
  const people = i % 2 === 0 ? [personAt(i), personAt(i + 3)] : [personAt(i)];
  people.forEach((person, n) =>
    insertContact(store, customer.id, customer.data_source_id, {
      external_id: `demo_con_${i + 1}_${n + 1}`,
      first_name: person.first,
      last_name: person.last,
      title: n === 0 ? 'Head of Finance' : 'Engineering Lead',
      email: `${person.first.toLowerCase()}.${person.last.toLowerCase()}@${domain}`,
      custom: { decision_maker: n === 0 },
    }),
  );
  const owner = TEAM[i % TEAM.length];
  insertNote(store, customer.id, {
    type: 'note',
    text: `Kick-off with ${people[0].first}: wants monthly invoices.`,
    call_duration: 0,
    author_email: owner,
    author: userLabel(owner),
    created_at: now - (30 + i) * DAY,
  });
  insertNote(store, customer.id, {
    type: 'call',
    text: 'Quarterly check-in call.',
    call_duration: 900 + 60 * (i % 10),
    author_email: owner,
    author: userLabel(owner),
    created_at: now - (5 + (i % 7)) * DAY,
  });
  insertTask(store, customer.id, {
    task_details: `Send ${customer.name} the renewal quote`,
    assignee: owner,
    due_date: now + (7 + (i % 14)) * DAY,
  });
  insertTask(store, customer.id, {
    task_details: 'Confirm billing contact',
    assignee: TEAM[(i + 1) % TEAM.length],
    due_date: now - 10 * DAY,
    completed_at: now - 12 * DAY,
  });
  const lead = customer.status.endsWith('Lead');
  insertOpportunity(store, customer.id, {
    owner,
    pipeline: lead ? 'New Business' : 'Expansion',
    pipeline_stage: STAGES[i % STAGES.length],
    estimated_close_date: isoDate(now + (20 + 5 * (i % 9)) * DAY),
    currency: 'USD',
    amount_in_cents: (lead ? 120_000 : 48_000) + 1_000 * (i % 10),
    type: lead ? 'recurring' : 'one-time',
    forecast_category: i % 4 === 0 ? 'committed' : 'pipeline',
    win_likelihood: 20 + 10 * (i % 7),
    custom: { source: i % 2 === 0 ? 'inbound' : 'outbound' },
  });
}

/** Adds CRM records to every third customer of the demo data source. */
export function seedCrm(store: Store, dataSourceId: number): void {
  const customers = sql(
    store.db,
    'SELECT id, data_source_id, name, email, status FROM customers WHERE data_source_id = ? ORDER BY id',
  ).all(dataSourceId) as DemoCustomer[];
  const now = store.clock.now();
  customers.forEach((customer, i) => {
    if (i % 3 === 0) seedCustomer(store, customer, i, now);
  });
}
