/**
 * Processing a queued bulk JSON import. Plans go first, each on its own. Then every customer is one unit —
 * the customer record (created, or updated when its external id exists in the source), its invoices with
 * their line items and transactions (nested, or flat with `invoice_external_id`), and its subscription
 * events — written in a savepoint of its own: a unit with any invalid record is rolled back whole and
 * reported, so no customer is ever half-written. Records validate exactly as their own endpoints validate.
 */
import { ApiError, fieldErrors } from '../http/errors';
import { isObject, type Body } from '../http/input';
import { rederiveCustomer } from '../analytics';
import type { Store } from '../store/context';
import { findCustomerByIdentity, type CustomerRow } from '../store/customers';
import { findDataSourceById, type DataSourceRow } from '../store/dataSources';
import { insertInvoice, type InvoiceInput } from '../store/invoices';
import { finishJsonImport, type JsonImportRow } from '../store/jsonImports';
import { insertEvent } from '../store/subscriptionEvents';
import { createCustomer, modifyCustomer } from './customers';
import { readEvent } from './eventInput';
import { newSeenIds, readInvoice, withPlanUuid } from './invoiceInput';
import { createPlan } from './plans';

type Errors = Record<string, unknown>;

interface CustomerUnit {
  record?: Body;
  invoices: Body[];
  events: Body[];
}

const list = (payload: Body, key: string): Body[] =>
  Array.isArray(payload[key]) ? (payload[key] as unknown[]).filter(isObject) : [];

/** A refused record's problems as `{field: message}`, whatever dialect its endpoint answers in. */
function problemsOf(err: unknown): Errors {
  if (!(err instanceof ApiError)) throw err;
  const body = err.body as Body;
  if (isObject(body.errors)) return body.errors;
  if (typeof body.param === 'string') return { [body.param]: body.message };
  return { record: body.message ?? body.error ?? `HTTP ${err.status}` };
}

/** Runs `write` in a savepoint: its problems (and nothing of what it wrote) when it fails, else null. */
function attempt(store: Store, write: () => void): Errors | null {
  try {
    store.db.transaction(write)();
    return null;
  } catch (err) {
    return problemsOf(err);
  }
}

/** Flat line items and transactions join their invoice (`invoice_external_id`) in the payload. */
function invoicesWithChildren(payload: Body): { invoices: Body[]; orphans: Errors } {
  const invoices = list(payload, 'invoices').map((inv): Body => ({
    ...inv,
    line_items: Array.isArray(inv.line_items) ? [...inv.line_items] : [],
    transactions: Array.isArray(inv.transactions) ? [...inv.transactions] : [],
  }));
  const byId = new Map(invoices.map((inv) => [String(inv.external_id), inv]));
  const orphans: Errors = {};
  for (const key of ['line_items', 'transactions'] as const) {
    list(payload, key).forEach((child, i) => {
      const invoice = byId.get(String(child.invoice_external_id));
      if (invoice) (invoice[key] as unknown[]).push(child);
      else orphans[`${key}[${i}]`] = { invoice_external_id: 'Invoice not found in this import' };
    });
  }
  return { invoices, orphans };
}

function groupByCustomer(payload: Body, invoices: Body[]): Map<string, CustomerUnit> {
  const units = new Map<string, CustomerUnit>();
  const unit = (key: string) => {
    let found = units.get(key);
    if (!found) units.set(key, (found = { invoices: [], events: [] }));
    return found;
  };
  list(payload, 'customers').forEach((record, i) => {
    unit(typeof record.external_id === 'string' ? record.external_id : `customers[${i}]`).record = record;
  });
  for (const inv of invoices)
    unit(String(inv.customer_external_id ?? 'invoices without customer_external_id')).invoices.push(inv);
  for (const ev of list(payload, 'subscription_events'))
    unit(String(ev.customer_external_id ?? 'events without customer_external_id')).events.push(ev);
  return units;
}

/** One customer and everything of it, all or nothing (the caller runs it in a savepoint). */
function importCustomer(store: Store, source: DataSourceRow, externalId: string, unit: CustomerUnit): void {
  let customer: CustomerRow | undefined = findCustomerByIdentity(store, source.id, externalId);
  if (unit.record && customer) {
    const { external_id: _e, data_source_uuid: _d, ...fields } = unit.record;
    modifyCustomer(store, customer, fields);
  } else if (unit.record) {
    customer = createCustomer(store, { ...unit.record, data_source_uuid: source.uuid });
  }
  if (!customer) throw fieldErrors({ customer_external_id: 'Customer not found' });
  const errors: Errors = {};
  const seen = newSeenIds();
  const valid: InvoiceInput[] = [];
  for (const raw of unit.invoices) {
    const lineItems = (raw.line_items as unknown[]).map((li) =>
      isObject(li) ? withPlanUuid(store, source.id, li) : li,
    );
    const { invoice, errors: found } = readInvoice(store, source.id, { ...raw, line_items: lineItems }, seen);
    for (const [field, message] of Object.entries(found))
      errors[`invoices[${String(raw.external_id)}].${field}`] = message;
    if (invoice) valid.push(invoice);
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors as Record<string, string>);
  for (const invoice of valid) insertInvoice(store, customer, invoice);
  unit.events.forEach((raw, i) => {
    const { fields, errors: found } = readEvent(store, { ...raw, data_source_uuid: source.uuid });
    for (const [field, message] of Object.entries(found))
      errors[`subscription_events[${i}].${field}`] = message;
    if (fields) insertEvent(store, fields);
  });
  if (Object.keys(errors).length > 0) throw fieldErrors(errors as Record<string, string>);
  rederiveCustomer(store, customer.id);
}

/** Processes one queued import and records its outcome; call inside a transaction. */
export function processJsonImport(store: Store, row: JsonImportRow): JsonImportRow {
  const source = findDataSourceById(store, row.data_source_id);
  const payload = JSON.parse(row.payload) as Body;
  const details: Record<string, unknown> = {};
  let imported = 0;
  let failed = 0;
  const record = (key: string, problems: Errors | null) => {
    details[key] = problems ? { status: 'failed', errors: problems } : { status: 'imported' };
    if (problems) failed += 1;
    else imported += 1;
  };
  const plans = list(payload, 'plans');
  if (plans.length > 0) {
    const planErrors: Errors = {};
    plans.forEach((plan, i) => {
      const problems = attempt(
        store,
        () => void createPlan(store, { ...plan, data_source_uuid: source.uuid }),
      );
      if (problems)
        planErrors[typeof plan.external_id === 'string' ? plan.external_id : `plans[${i}]`] = problems;
    });
    record('plans', Object.keys(planErrors).length > 0 ? planErrors : null);
  }
  const { invoices, orphans } = invoicesWithChildren(payload);
  for (const [externalId, unit] of groupByCustomer(payload, invoices))
    record(
      externalId,
      attempt(store, () => importCustomer(store, source, externalId, unit)),
    );
  if (Object.keys(orphans).length > 0) record('unassigned', orphans);
  const status = failed === 0 ? 'completed' : imported === 0 ? 'failed' : 'completed_with_errors';
  return finishJsonImport(store, row, status, details);
}
