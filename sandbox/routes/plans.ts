/** Plans: list (data_source_uuid, external_id, system filters), retrieve, create (201), update (202), delete (204). */
import type { Request } from 'express';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { fieldErrors, notFound } from '../http/errors';
import { Input, objectBody, type Body } from '../http/input';
import { importPageBody, readPageRequest } from '../http/pagination';
import { externalIdTaken, type Store } from '../store/context';
import { countRows, keysetPage } from '../store/keyset';
import { findDataSource } from '../store/dataSources';
import {
  deletePlan,
  findPlan,
  insertPlan,
  plansMatching,
  updatePlan,
  INTERVAL_UNITS,
  type PlanFilter,
  type PlanRow,
} from '../store/plans';
import { planView } from '../views/billing';
import { rederiveSubscribersOf } from '../analytics';

const MESSAGES = {
  name: 'A unique name is required for each plan.',
  interval_count: 'is not a number',
  interval_unit: "Only 'day', 'month' or 'year' are valid values for interval_unit.",
  data_source_uuid: 'A valid data source UUID is required for each plan.',
  duplicate: 'A plan with this identifier already exists in our system.',
};

export function requirePlan(store: Store, uuid: string): PlanRow {
  const row = findPlan(store, uuid);
  if (!row) throw notFound('Plan');
  return row;
}

/** Plans in the import-API page dialect: current_page/total_pages only on a first page without cursor. */
export function planPage(store: Store, req: Request, filter: PlanFilter): Record<string, unknown> {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const query = plansMatching(filter);
  const page = keysetPage(store, query, request);
  const plans = page.items.map((r) => planView(store, r));
  return importPageBody('plans', plans, page, request, () => countRows(store, query));
}

function readPlanShape(input: Input, required: boolean) {
  const name = input.string('name', {
    required: required ? MESSAGES.name : undefined,
    invalid: MESSAGES.name,
  });
  const interval_count = input.integer('interval_count', {
    required: required ? MESSAGES.interval_count : undefined,
    min: 1,
    invalid: MESSAGES.interval_count,
  });
  const interval_unit = input.oneOf('interval_unit', INTERVAL_UNITS, {
    required: required ? MESSAGES.interval_unit : undefined,
    invalid: MESSAGES.interval_unit,
  });
  return { name, interval_count, interval_unit };
}

/** Creates a plan from a request body (also a bulk import's plan record); field errors: 422 dialect B. */
export function createPlan(store: Store, body: Body): PlanRow {
  const input = new Input(body);
  const dsUuid = input.string('data_source_uuid', { required: MESSAGES.data_source_uuid });
  const source = dsUuid !== undefined ? findDataSource(store, dsUuid) : undefined;
  if (dsUuid !== undefined && !source) input.fail('data_source_uuid', MESSAGES.data_source_uuid);
  const shape = readPlanShape(input, true);
  const externalId = input.string('external_id');
  if (source && externalId !== undefined && externalIdTaken(store, 'plans', source.id, externalId))
    input.fail('external_id', MESSAGES.duplicate);
  if (!input.ok || !source || !shape.name || !shape.interval_count || !shape.interval_unit)
    throw fieldErrors(input.errors);
  return insertPlan(store, {
    data_source_id: source.id,
    name: shape.name,
    interval_count: shape.interval_count,
    interval_unit: shape.interval_unit,
    external_id: externalId,
  });
}

export function registerPlans(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/plans', (req) => {
    const dsUuid = queryString(req, 'data_source_uuid');
    const filter: PlanFilter = {
      dataSourceId: dsUuid !== undefined ? (findDataSource(store, dsUuid)?.id ?? -1) : undefined,
      externalId: queryString(req, 'external_id'),
      system: queryString(req, 'system'),
    };
    return { status: 200, body: planPage(store, req, filter) };
  });

  api.get('/v1/plans/:uuid', (req) => ({
    status: 200,
    body: planView(store, requirePlan(store, param(req, 'uuid'))),
  }));

  api.post('/v1/plans', (req) => ({
    status: 201,
    body: planView(store, createPlan(store, objectBody(req.body))),
  }));

  api.patch('/v1/plans/:uuid', (req) => {
    const plan = requirePlan(store, param(req, 'uuid'));
    const input = new Input(objectBody(req.body));
    const shape = readPlanShape(input, false);
    if (!input.ok) throw fieldErrors(input.errors);
    updatePlan(store, plan.id, shape);
    // Its interval sets its subscribers' MRR and its name their activities' descriptions.
    rederiveSubscribersOf(store, plan);
    return { status: 202, body: planView(store, requirePlan(store, plan.uuid)) };
  });

  api.delete('/v1/plans/:uuid', (req) => {
    const plan = requirePlan(store, param(req, 'uuid'));
    deletePlan(store, plan.id);
    rederiveSubscribersOf(store, plan);
    return { status: 204 };
  });
}
