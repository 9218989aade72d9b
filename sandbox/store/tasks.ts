/** Tasks on a customer: details, an assignee (a team member's email), a due date, completion. */
import { deleteRow, insertRow, rowBy, updateColumns, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export interface TaskRow {
  id: number;
  uuid: string;
  customer_id: number;
  task_details: string;
  assignee: string;
  due_date: number;
  completed_at: number | null;
  created_at: number;
  updated_at: number;
}

export type TaskFields = Partial<Pick<TaskRow, 'task_details' | 'assignee' | 'due_date' | 'completed_at'>>;

export function findTask(store: Store, uuid: string): TaskRow | undefined {
  return rowBy<TaskRow>(store.db, 'tasks', 'uuid', uuid);
}

export function insertTask(
  store: Store,
  customerId: number,
  fields: Required<Omit<TaskFields, 'completed_at'>> & TaskFields,
): TaskRow {
  const now = store.clock.now();
  const id = insertRow(store.db, 'tasks', {
    uuid: store.ids.uuid(),
    customer_id: customerId,
    task_details: fields.task_details,
    assignee: fields.assignee,
    due_date: fields.due_date,
    completed_at: fields.completed_at ?? null,
    created_at: now,
    updated_at: now,
  });
  return rowBy<TaskRow>(store.db, 'tasks', 'id', id)!;
}

export function updateTask(store: Store, task: TaskRow, fields: TaskFields): TaskRow {
  updateColumns(store.db, 'tasks', task.id, { ...fields, updated_at: store.clock.now() });
  return rowBy<TaskRow>(store.db, 'tasks', 'id', task.id)!;
}

export function deleteTask(store: Store, id: number): void {
  deleteRow(store.db, 'tasks', id);
}

export interface TaskFilter {
  customerId?: number;
  assignee?: string;
  completed?: boolean;
  dueOnOrAfter?: number;
  dueOnOrBefore?: number;
}

const TASKS: KeysetList<TaskRow> = { table: 'tasks', order: 'id desc', key: 'created_at' };

export function tasksMatching(filter: TaskFilter): KeysetQuery<TaskRow> {
  return keysetQuery(TASKS, {
    customer: ['customer_id = @customer', filter.customerId],
    assignee: ['assignee = @assignee', filter.assignee],
    completed: [
      '(completed_at IS NOT NULL) = @completed',
      filter.completed === undefined ? undefined : Number(filter.completed),
    ],
    dueFrom: ['due_date >= @dueFrom', filter.dueOnOrAfter],
    dueTo: ['due_date <= @dueTo', filter.dueOnOrBefore],
  });
}
