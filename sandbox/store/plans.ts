/** Plans and plan groups. Lists are newest first, as the recordings show. */
import { sql, totalRows, type Store } from './context';
import type { PageRequest } from '../http/pagination';

export const INTERVAL_UNITS = ['day', 'month', 'year'] as const;

export interface PlanRow {
  id: number;
  uuid: string;
  data_source_id: number;
  external_id: string;
  name: string;
  interval_count: number;
  interval_unit: string;
  created_at: number;
}

export interface PlanGroupRow {
  id: number;
  uuid: string;
  name: string;
  created_at: number;
}

export function findPlan(store: Store, uuid: string): PlanRow | undefined {
  return sql(store.db, 'SELECT * FROM plans WHERE uuid = ?').get(uuid) as PlanRow | undefined;
}

export function planExternalIdTaken(store: Store, dataSourceId: number, externalId: string): boolean {
  return (
    sql(store.db, 'SELECT 1 FROM plans WHERE data_source_id = ? AND external_id = ?').get(
      dataSourceId,
      externalId,
    ) !== undefined
  );
}

export function insertPlan(
  store: Store,
  fields: {
    data_source_id: number;
    name: string;
    interval_count: number;
    interval_unit: string;
    external_id?: string;
  },
): PlanRow {
  // Without an external id ChartMogul uses the uuid's suffix as the external id.
  const suffix = store.ids.uuid();
  const row = {
    ...fields,
    uuid: `pl_${suffix}`,
    external_id: fields.external_id ?? suffix,
    created_at: store.clock.now(),
  };
  const { lastInsertRowid } = sql(
    store.db,
    `INSERT INTO plans(uuid, data_source_id, external_id, name, interval_count, interval_unit, created_at)
     VALUES (@uuid, @data_source_id, @external_id, @name, @interval_count, @interval_unit, @created_at)`,
  ).run(row);
  return { id: Number(lastInsertRowid), ...row };
}

export function updatePlan(
  store: Store,
  id: number,
  fields: Partial<Pick<PlanRow, 'name' | 'interval_count' | 'interval_unit'>>,
): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) sql(store.db, `UPDATE plans SET ${key} = ? WHERE id = ?`).run(value, id);
  }
}

export function deletePlan(store: Store, id: number): void {
  sql(store.db, 'DELETE FROM plans WHERE id = ?').run(id);
}

export interface PlanFilter {
  dataSourceId?: number;
  externalId?: string;
  system?: string;
  groupId?: number;
}

function planWhere(filter: PlanFilter): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.dataSourceId !== undefined) {
    conditions.push('data_source_id = @ds');
    params.ds = filter.dataSourceId;
  }
  if (filter.externalId !== undefined) {
    conditions.push('external_id = @ext');
    params.ext = filter.externalId;
  }
  if (filter.system !== undefined) {
    conditions.push('data_source_id IN (SELECT id FROM data_sources WHERE system = @system)');
    params.system = filter.system;
  }
  if (filter.groupId !== undefined) {
    conditions.push('id IN (SELECT plan_id FROM plan_group_plans WHERE group_id = @group)');
    params.group = filter.groupId;
  }
  return { conditions, params };
}

export function pagePlans(store: Store, filter: PlanFilter, page: PageRequest): PlanRow[] {
  const { conditions, params } = planWhere(filter);
  if (page.after) {
    conditions.push('id < @afterId');
    params.afterId = page.after.id;
  }
  params.limit = page.perPage + 1;
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  return sql(store.db, `SELECT * FROM plans ${where} ORDER BY id DESC LIMIT @limit`).all(params) as PlanRow[];
}

export function countPlans(store: Store, filter: PlanFilter): number {
  const { conditions, params } = planWhere(filter);
  if (conditions.length === 0) return totalRows(store.db, 'plans');
  return (
    sql(store.db, `SELECT COUNT(*) AS n FROM plans WHERE ${conditions.join(' AND ')}`).get(params) as {
      n: number;
    }
  ).n;
}

export function findPlanGroup(store: Store, uuid: string): PlanGroupRow | undefined {
  return sql(store.db, 'SELECT * FROM plan_groups WHERE uuid = ?').get(uuid) as PlanGroupRow | undefined;
}

export function planGroupSize(store: Store, groupId: number): number {
  return (
    sql(store.db, 'SELECT COUNT(*) AS n FROM plan_group_plans WHERE group_id = ?').get(groupId) as {
      n: number;
    }
  ).n;
}

export function insertPlanGroup(store: Store, name: string, planIds: number[]): PlanGroupRow {
  const row = { uuid: store.ids.prefixed('plg'), name, created_at: store.clock.now() };
  const { lastInsertRowid } = sql(
    store.db,
    'INSERT INTO plan_groups(uuid, name, created_at) VALUES (@uuid, @name, @created_at)',
  ).run(row);
  const id = Number(lastInsertRowid);
  setPlanGroupPlans(store, id, planIds);
  return { id, ...row };
}

export function renamePlanGroup(store: Store, id: number, name: string): void {
  sql(store.db, 'UPDATE plan_groups SET name = ? WHERE id = ?').run(name, id);
}

export function setPlanGroupPlans(store: Store, groupId: number, planIds: number[]): void {
  sql(store.db, 'DELETE FROM plan_group_plans WHERE group_id = ?').run(groupId);
  const add = sql(store.db, 'INSERT OR IGNORE INTO plan_group_plans(group_id, plan_id) VALUES (?, ?)');
  for (const planId of planIds) add.run(groupId, planId);
}

export function deletePlanGroup(store: Store, id: number): void {
  sql(store.db, 'DELETE FROM plan_groups WHERE id = ?').run(id);
}

export function pagePlanGroups(store: Store, page: PageRequest): PlanGroupRow[] {
  const after = page.after ? 'WHERE id < @afterId' : '';
  return sql(store.db, `SELECT * FROM plan_groups ${after} ORDER BY id DESC LIMIT @limit`).all({
    limit: page.perPage + 1,
    ...(page.after ? { afterId: page.after.id } : {}),
  }) as PlanGroupRow[];
}

export function countPlanGroups(store: Store): number {
  return totalRows(store.db, 'plan_groups');
}
