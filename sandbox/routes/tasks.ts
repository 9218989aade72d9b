/**
 * Tasks: list (customer_uuid, assignee, completed, due_date_on_or_after/before filters), retrieve, create
 * (201), update (PATCH; `completed_at: null` reopens), delete (200 `{}`). The id key is `task_uuid`, a plain
 * UUID, as recorded.
 */
import { Input, isEmail, objectBody } from '../http/input';
import { invalidParameter } from '../http/errors';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { findCustomer } from '../store/customers';
import {
  deleteTask,
  findTask,
  insertTask,
  tasksMatching,
  updateTask,
  type TaskFields,
  type TaskRow,
} from '../store/tasks';
import { taskView } from '../views/crm';
import {
  bodyCustomer,
  dateBound,
  entriesList,
  failOnErrors,
  filterById,
  requireParams,
  required,
} from './crmInput';

function readTaskFields(input: Input): TaskFields {
  const fields: TaskFields = {};
  const details = input.string('task_details');
  if (details !== undefined) fields.task_details = details;
  const assignee = input.string('assignee');
  if (assignee !== undefined) {
    if (!isEmail(assignee)) input.fail('assignee', 'must be the email of a team member');
    else fields.assignee = assignee;
  }
  const due = input.timestamp('due_date');
  if (due !== undefined) fields.due_date = due;
  if (input.body.completed_at === null) fields.completed_at = null;
  const completed = input.timestamp('completed_at');
  if (completed !== undefined) fields.completed_at = completed;
  return fields;
}

function completedFilter(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidParameter('completed', 'must be true or false');
}

export function registerTasks(api: ApiRoutes): void {
  const store = api.store;
  const taskOf = (uuid: string) => required(findTask(store, uuid), 'Task');
  const view = (row: TaskRow) => taskView(store, row);

  api.get('/v1/tasks', (req) => {
    const query = tasksMatching({
      customerId: filterById(req, 'customer_uuid', (u) => findCustomer(store, u)),
      assignee: queryString(req, 'assignee'),
      completed: completedFilter(queryString(req, 'completed')),
      dueOnOrAfter: dateBound(req, 'due_date_on_or_after', 'start'),
      dueOnOrBefore: dateBound(req, 'due_date_on_or_before', 'end'),
    });
    return { status: 200, body: entriesList(store, req, query, view) };
  });

  api.get('/v1/tasks/:uuid', (req) => ({ status: 200, body: view(taskOf(param(req, 'uuid'))) }));

  api.post('/v1/tasks', (req) => {
    const body = objectBody(req.body);
    requireParams(body, ['customer_uuid', 'task_details', 'assignee', 'due_date']);
    const input = new Input(body);
    const fields = readTaskFields(input);
    failOnErrors(input);
    const customer = bodyCustomer(store, body);
    const task = insertTask(
      store,
      customer.id,
      fields as Required<Omit<TaskFields, 'completed_at'>> & TaskFields,
    );
    return { status: 201, body: view(task) };
  });

  api.patch('/v1/tasks/:uuid', (req) => {
    const task = taskOf(param(req, 'uuid'));
    const input = new Input(objectBody(req.body));
    const fields = readTaskFields(input);
    failOnErrors(input);
    return { status: 200, body: view(updateTask(store, task, fields)) };
  });

  api.delete('/v1/tasks/:uuid', (req) => {
    deleteTask(store, taskOf(param(req, 'uuid')).id);
    return { status: 200, body: {} };
  });
}
