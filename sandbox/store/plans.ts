/** Plans and plan groups. Lists are newest first, as the recordings show. */
import { sql, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

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

const PLANS: KeysetList<PlanRow> = { table: 'plans', order: 'id desc', key: 'created_at' };
const PLAN_GROUPS: KeysetList<PlanGroupRow> = { table: 'plan_groups', order: 'id desc', key: 'created_at' };

export function plansMatching(filter: PlanFilter): KeysetQuery<PlanRow> {
  return keysetQuery(PLANS, {
    ds: ['data_source_id = @ds', filter.dataSourceId],
    ext: ['external_id = @ext', filter.externalId],
    system: ['data_source_id IN (SELECT id FROM data_sources WHERE system = @system)', filter.system],
    group: ['id IN (SELECT plan_id FROM plan_group_plans WHERE group_id = @group)', filter.groupId],
  });
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

export function allPlanGroups(): KeysetQuery<PlanGroupRow> {
  return keysetQuery(PLAN_GROUPS);
}
