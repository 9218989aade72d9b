// Request bodies that recreate a recorded entity from its recorded representation (the state builder's
// pure half): which recorded fields each create endpoint takes, and defaults for what the recording lacks.
import { isObject } from './ids';
import type { EntityKind, Representation } from './recorded-world';

export type Json = Record<string, unknown>;

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Copies the listed keys whose values are set (not null, not empty strings). */
export function pick(source: Representation, keys: string[], keepEmpty = false): Json {
  const out: Json = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== null && value !== undefined && (keepEmpty || value !== '')) out[key] = value;
  }
  return out;
}

/** A subscription event like the recorded one, for our source and customer. */
export function eventBody(rep: Representation, source: string, customerExternalId: unknown): Json {
  const fields = pick(rep, [
    'subscription_set_external_id',
    'subscription_external_id',
    'plan_external_id',
    'event_date',
    'effective_date',
    'event_type',
    'quantity',
    'currency',
    'amount_in_cents',
    'tax_amount_in_cents',
  ]);
  return { ...fields, data_source_uuid: source, customer_external_id: customerExternalId };
}

const REPLAY_USER = 'replay@team.example';

/** `[path, body]` creating a contact, note, task or opportunity like the recorded one (customer added later). */
export function crmRecordBody(kind: EntityKind, rep: Representation, source: string): [string, Json] {
  const custom = isObject(rep.custom)
    ? Object.entries(rep.custom).map(([key, value]) => ({ key, value }))
    : undefined;
  switch (kind) {
    case 'contact': {
      const fields = [
        'first_name',
        'last_name',
        'title',
        'email',
        'phone',
        'linked_in',
        'twitter',
        'notes',
        'position',
      ];
      return ['/v1/contacts', { ...pick(rep, fields), data_source_uuid: source, custom }];
    }
    case 'note':
      return [
        '/v1/customer_notes',
        { ...pick(rep, ['type', 'text', 'call_duration', 'created_at']), type: rep.type ?? 'note' },
      ];
    case 'task':
      return [
        '/v1/tasks',
        {
          task_details: str(rep.task_details) ?? 'Replay task',
          assignee: REPLAY_USER,
          due_date: str(rep.due_date) ?? '2025-01-01T00:00:00Z',
          ...pick(rep, ['completed_at']),
        },
      ];
    default: {
      const fields = [
        'pipeline',
        'pipeline_stage',
        'estimated_close_date',
        'currency',
        'amount_in_cents',
        'type',
      ];
      const defaults = {
        owner: REPLAY_USER,
        pipeline: 'Replay',
        pipeline_stage: 'Discovery',
        estimated_close_date: '2025-01-01',
      };
      return [
        '/v1/opportunities',
        {
          ...defaults,
          currency: 'USD',
          amount_in_cents: 1000,
          ...pick(rep, [...fields, 'forecast_category', 'win_likelihood']),
          custom,
        },
      ];
    }
  }
}
