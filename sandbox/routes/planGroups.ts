/**
 * Plan groups: list, retrieve, create (200, not 201, as recorded), update (200), delete (204) and the plans
 * in a group. Validation errors use the Rails-style dialect with error_details.
 */
import { param, type ApiRoutes } from '../http/routes';
import { notFound, railsErrors } from '../http/errors';
import { objectBody, type Body } from '../http/input';
import { importPageBody, readPageRequest } from '../http/pagination';
import type { Store } from '../store/context';
import { countRows, keysetPage } from '../store/keyset';
import {
  allPlanGroups,
  deletePlanGroup,
  findPlan,
  findPlanGroup,
  insertPlanGroup,
  renamePlanGroup,
  setPlanGroupPlans,
  type PlanGroupRow,
} from '../store/plans';
import { planGroupView } from '../views/billing';
import { planPage } from './plans';

type Detail = { param: string; code: string; message: string };

function requireGroup(store: Store, uuid: string): PlanGroupRow {
  const row = findPlanGroup(store, uuid);
  if (!row) throw notFound('Plan group');
  return row;
}

/** Validates name and plans; on create both are required, on update each is optional. */
function readGroup(store: Store, body: Body, required: boolean): { name?: string; planIds?: number[] } {
  const details: Detail[] = [];
  const result: { name?: string; planIds?: number[] } = {};
  if (body.name !== undefined || required) {
    if (typeof body.name !== 'string' || body.name.trim() === '')
      details.push({ param: 'name', code: 'blank', message: "Name can't be blank" });
    else result.name = body.name;
  }
  if (body.plans !== undefined || required) {
    const plans = body.plans;
    if (!Array.isArray(plans) || plans.length === 0) {
      details.push({ param: 'plan_ids', code: 'blank', message: "Plan ids can't be blank" });
    } else {
      const ids: number[] = [];
      for (const uuid of plans) {
        const plan = typeof uuid === 'string' ? findPlan(store, uuid) : undefined;
        if (!plan) {
          details.push({
            param: 'plan_ids',
            code: 'invalid',
            message: `Plan ${String(uuid)} does not exist`,
          });
          break;
        }
        ids.push(plan.id);
      }
      result.planIds = ids;
    }
  }
  if (details.length > 0) throw railsErrors(details);
  return result;
}

export function registerPlanGroups(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/plan_groups', (req) => {
    const request = readPageRequest(req.query as Record<string, unknown>);
    const query = allPlanGroups();
    const page = keysetPage(store, query, request);
    const groups = page.items.map((r) => planGroupView(store, r));
    return {
      status: 200,
      body: importPageBody('plan_groups', groups, page, request, () => countRows(store, query)),
    };
  });

  api.get('/v1/plan_groups/:uuid', (req) => ({
    status: 200,
    body: planGroupView(store, requireGroup(store, param(req, 'uuid'))),
  }));

  api.get('/v1/plan_groups/:uuid/plans', (req) => {
    const group = requireGroup(store, param(req, 'uuid'));
    return { status: 200, body: planPage(store, req, { groupId: group.id }) };
  });

  api.post('/v1/plan_groups', (req) => {
    const { name, planIds } = readGroup(store, objectBody(req.body), true);
    return {
      status: 200,
      body: planGroupView(store, insertPlanGroup(store, name as string, planIds as number[])),
    };
  });

  api.patch('/v1/plan_groups/:uuid', (req) => {
    const group = requireGroup(store, param(req, 'uuid'));
    const { name, planIds } = readGroup(store, objectBody(req.body), false);
    if (name !== undefined) renamePlanGroup(store, group.id, name);
    if (planIds !== undefined) setPlanGroupPlans(store, group.id, planIds);
    return { status: 200, body: planGroupView(store, requireGroup(store, group.uuid)) };
  });

  api.delete('/v1/plan_groups/:uuid', (req) => {
    deletePlanGroup(store, requireGroup(store, param(req, 'uuid')).id);
    return { status: 204 };
  });
}
