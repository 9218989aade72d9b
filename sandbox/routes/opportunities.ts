/**
 * Opportunities: list (customer_uuid, owner, pipeline, pipeline_stage, estimated_close_date_on_or_after/
 * before filters), retrieve, create (201; plain-UUID ids, `custom` given as [{key, value}] and answered as a
 * map), update (PATCH), delete (200 `{}`).
 */
import { Input, isEmail, objectBody } from '../http/input';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { isoDate, parseTimestamp } from '../lib/time';
import { findCustomer } from '../store/customers';
import {
  deleteOpportunity,
  findOpportunity,
  insertOpportunity,
  opportunitiesMatching,
  updateOpportunity,
  FORECAST_CATEGORIES,
  OPPORTUNITY_TYPES,
  type OpportunityFields,
  type OpportunityRow,
} from '../store/opportunities';
import { opportunityView } from '../views/crm';
import { invalidParameter } from '../http/errors';
import {
  bodyCustomer,
  entriesList,
  failOnErrors,
  filterById,
  readCustomList,
  requireParams,
  required,
} from './crmInput';

const REQUIRED = [
  'customer_uuid',
  'owner',
  'pipeline',
  'pipeline_stage',
  'estimated_close_date',
  'currency',
  'amount_in_cents',
] as const;

/** `YYYY-MM-DD` (a full timestamp is taken as its UTC date). */
function closeDate(input: Input): string | undefined {
  const ms = input.timestamp('estimated_close_date', { invalid: 'must be a date (YYYY-MM-DD)' });
  return ms === undefined ? undefined : isoDate(ms);
}

function readOpportunityFields(input: Input, existingCustom?: Record<string, unknown>): OpportunityFields {
  const fields: OpportunityFields = {};
  const owner = input.string('owner');
  if (owner !== undefined) {
    if (!isEmail(owner)) input.fail('owner', 'must be the email of a team member');
    else fields.owner = owner;
  }
  for (const key of ['pipeline', 'pipeline_stage'] as const) {
    const v = input.string(key);
    if (v !== undefined) fields[key] = v;
  }
  const close = closeDate(input);
  if (close !== undefined) fields.estimated_close_date = close;
  const currency = input.currency('currency', { invalid: 'must be an ISO 4217 currency code' });
  if (currency !== undefined) fields.currency = currency;
  const amount = input.integer('amount_in_cents', { min: 0 });
  if (amount !== undefined) fields.amount_in_cents = amount;
  const type = input.oneOf('type', OPPORTUNITY_TYPES);
  if (type !== undefined) fields.type = type;
  const forecast = input.oneOf('forecast_category', FORECAST_CATEGORIES);
  if (forecast !== undefined) fields.forecast_category = forecast;
  const likelihood = input.integer('win_likelihood', { min: 0 });
  if (likelihood !== undefined && likelihood > 100) input.fail('win_likelihood', 'must be between 0 and 100');
  else if (likelihood !== undefined) fields.win_likelihood = likelihood;
  const custom = readCustomList(input, existingCustom);
  if (custom !== undefined) fields.custom = custom;
  return fields;
}

/** A close-date filter: a date (or timestamp, taken as its date) compared as YYYY-MM-DD. */
function closeBound(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined) throw invalidParameter(name, 'must be a date (YYYY-MM-DD)');
  return isoDate(ms);
}

export function registerOpportunities(api: ApiRoutes): void {
  const store = api.store;
  const opportunityOf = (uuid: string) => required(findOpportunity(store, uuid), 'Opportunity');
  const view = (row: OpportunityRow) => opportunityView(store, row);

  api.get('/v1/opportunities', (req) => {
    const after = 'estimated_close_date_on_or_after';
    const before = 'estimated_close_date_on_or_before';
    const query = opportunitiesMatching({
      customerId: filterById(req, 'customer_uuid', (u) => findCustomer(store, u)),
      owner: queryString(req, 'owner'),
      pipeline: queryString(req, 'pipeline'),
      pipelineStage: queryString(req, 'pipeline_stage'),
      closeOnOrAfter: closeBound(queryString(req, after), after),
      closeOnOrBefore: closeBound(queryString(req, before), before),
    });
    return { status: 200, body: entriesList(store, req, query, view) };
  });

  api.get('/v1/opportunities/:uuid', (req) => ({
    status: 200,
    body: view(opportunityOf(param(req, 'uuid'))),
  }));

  api.post('/v1/opportunities', (req) => {
    const body = objectBody(req.body);
    requireParams(body, REQUIRED);
    const input = new Input(body);
    const fields = readOpportunityFields(input);
    failOnErrors(input);
    const customer = bodyCustomer(store, body);
    return { status: 201, body: view(insertOpportunity(store, customer.id, fields)) };
  });

  api.patch('/v1/opportunities/:uuid', (req) => {
    const row = opportunityOf(param(req, 'uuid'));
    const input = new Input(objectBody(req.body));
    const fields = readOpportunityFields(input, JSON.parse(row.custom) as Record<string, unknown>);
    failOnErrors(input);
    return { status: 200, body: view(updateOpportunity(store, row, fields)) };
  });

  api.delete('/v1/opportunities/:uuid', (req) => {
    deleteOpportunity(store, opportunityOf(param(req, 'uuid')).id);
    return { status: 200, body: {} };
  });
}
