/** Opportunities: a pipeline, a stage, an owner, an amount and a forecast for a customer. */
import { deleteRow, insertRow, rowBy, updateColumns, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export const OPPORTUNITY_TYPES = ['recurring', 'one-time'] as const;
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'committed', 'lost', 'won'] as const;

export interface OpportunityRow {
  id: number;
  uuid: string;
  customer_id: number;
  owner: string;
  pipeline: string;
  pipeline_stage: string;
  /** YYYY-MM-DD */
  estimated_close_date: string;
  currency: string;
  amount_in_cents: number;
  type: string;
  forecast_category: string;
  win_likelihood: number | null;
  /** JSON object of custom field values. */
  custom: string;
  created_at: number;
  updated_at: number;
}

export type OpportunityFields = Partial<
  Omit<OpportunityRow, 'id' | 'uuid' | 'customer_id' | 'custom' | 'created_at' | 'updated_at'>
> & { custom?: Record<string, unknown> };

export function findOpportunity(store: Store, uuid: string): OpportunityRow | undefined {
  return rowBy<OpportunityRow>(store.db, 'opportunities', 'uuid', uuid);
}

export function insertOpportunity(
  store: Store,
  customerId: number,
  fields: OpportunityFields,
): OpportunityRow {
  const now = store.clock.now();
  const id = insertRow(store.db, 'opportunities', {
    uuid: store.ids.uuid(),
    customer_id: customerId,
    owner: fields.owner,
    pipeline: fields.pipeline,
    pipeline_stage: fields.pipeline_stage,
    estimated_close_date: fields.estimated_close_date,
    currency: fields.currency,
    amount_in_cents: fields.amount_in_cents,
    type: fields.type ?? 'recurring',
    forecast_category: fields.forecast_category ?? 'pipeline',
    win_likelihood: fields.win_likelihood ?? null,
    custom: JSON.stringify(fields.custom ?? {}),
    created_at: now,
    updated_at: now,
  });
  return rowBy<OpportunityRow>(store.db, 'opportunities', 'id', id)!;
}

export function updateOpportunity(
  store: Store,
  row: OpportunityRow,
  fields: OpportunityFields,
): OpportunityRow {
  const { custom, ...columns } = fields;
  updateColumns(store.db, 'opportunities', row.id, {
    ...columns,
    custom: custom === undefined ? undefined : JSON.stringify(custom),
    updated_at: store.clock.now(),
  });
  return rowBy<OpportunityRow>(store.db, 'opportunities', 'id', row.id)!;
}

export function deleteOpportunity(store: Store, id: number): void {
  deleteRow(store.db, 'opportunities', id);
}

export interface OpportunityFilter {
  customerId?: number;
  owner?: string;
  pipeline?: string;
  pipelineStage?: string;
  closeOnOrAfter?: string;
  closeOnOrBefore?: string;
}

const OPPORTUNITIES: KeysetList<OpportunityRow> = {
  table: 'opportunities',
  order: 'id desc',
  key: 'created_at',
};

export function opportunitiesMatching(filter: OpportunityFilter): KeysetQuery<OpportunityRow> {
  return keysetQuery(OPPORTUNITIES, {
    customer: ['customer_id = @customer', filter.customerId],
    owner: ['owner = @owner', filter.owner],
    pipeline: ['pipeline = @pipeline', filter.pipeline],
    stage: ['pipeline_stage = @stage', filter.pipelineStage],
    closeFrom: ['estimated_close_date >= @closeFrom', filter.closeOnOrAfter],
    closeTo: ['estimated_close_date <= @closeTo', filter.closeOnOrBefore],
  });
}
