/** Tasks through chartmogul-node's own methods. */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer } from '../support/billing';

let sb: SdkSandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let customer: any, other: any;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
  const ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Tasks DS' })).uuid;
  customer = await createCustomer(sb, ds, 't1');
  other = await createCustomer(sb, ds, 't2');
});
afterAll(() => sb.sandbox.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

it('creates, retrieves, patches (completes and reopens), lists with filters and destroys tasks', async () => {
  const task = await ChartMogul.Task.create(sb.config, {
    customer_uuid: customer.uuid,
    task_details: 'Call about renewal',
    assignee: 'keith@team.example',
    due_date: '2026-04-30',
  });
  expect(task).toEqual({
    task_uuid: expect.stringMatching(UUID),
    customer_uuid: customer.uuid,
    task_details: 'Call about renewal',
    assignee: 'keith@team.example',
    due_date: '2026-04-30T00:00:00.000Z',
    completed_at: null,
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-01T10:00:00.000Z',
  });
  const done = await ChartMogul.Customer.createTask(sb.config, customer.uuid, {
    task_details: 'Send the deck',
    assignee: 'ana@team.example',
    due_date: '2026-03-15T12:00:00Z',
    completed_at: '2026-03-01T09:00:00Z',
  });
  const later = await ChartMogul.Task.create(sb.config, {
    customer_uuid: other.uuid,
    task_details: 'Quarterly review',
    assignee: 'keith@team.example',
    due_date: '2026-06-30T00:00:00Z',
  });
  expect(await ChartMogul.Task.retrieve(sb.config, done.task_uuid)).toEqual(done);

  const ids = (page: { entries: { task_uuid: string }[] }) => page.entries.map((t) => t.task_uuid);
  expect(ids(await ChartMogul.Task.all(sb.config, {}))).toEqual([
    later.task_uuid,
    done.task_uuid,
    task.task_uuid,
  ]);
  expect(ids(await ChartMogul.Customer.tasks(sb.config, customer.uuid, {}))).toEqual([
    done.task_uuid,
    task.task_uuid,
  ]);
  expect(ids(await ChartMogul.Task.all(sb.config, { assignee: 'keith@team.example' }))).toEqual([
    later.task_uuid,
    task.task_uuid,
  ]);
  expect(ids(await ChartMogul.Task.all(sb.config, { completed: true }))).toEqual([done.task_uuid]);
  expect(ids(await ChartMogul.Task.all(sb.config, { completed: false }))).toEqual([
    later.task_uuid,
    task.task_uuid,
  ]);
  // Bare dates bound whole days: "on or before 2026-04-30" includes a task due that day.
  expect(
    ids(
      await ChartMogul.Task.all(sb.config, {
        due_date_on_or_after: '2026-03-16',
        due_date_on_or_before: '2026-04-30',
      }),
    ),
  ).toEqual([task.task_uuid]);

  const completed = await ChartMogul.Task.patch(sb.config, task.task_uuid, {
    task_details: 'Called about renewal',
    completed_at: '2026-03-01T10:00:00Z',
  });
  expect(completed).toMatchObject({
    task_details: 'Called about renewal',
    completed_at: '2026-03-01T10:00:00.000Z',
  });
  const reopened = await ChartMogul.Task.patch(sb.config, task.task_uuid, { completed_at: null });
  expect(reopened.completed_at).toBeNull();

  expect(await ChartMogul.Task.destroy(sb.config, task.task_uuid)).toEqual({});
  expect(await failure(ChartMogul.Task.retrieve(sb.config, task.task_uuid))).toEqual({
    status: 404,
    body: { error: 'Task not found' },
  });
});

it('refuses bad input in ChartMogul dialects', async () => {
  const base = {
    customer_uuid: customer.uuid,
    task_details: 'x',
    assignee: 'a@team.example',
    due_date: '2026-05-01',
  };
  const { due_date: _, ...noDue } = base;
  expect(await failure(ChartMogul.Task.create(sb.config, noDue))).toEqual({
    status: 400,
    body: { code: 400, message: 'Parameter "due_date" is missing', param: 'due_date' },
  });
  expect(await failure(ChartMogul.Task.create(sb.config, { ...base, customer_uuid: 'cus_gone' }))).toEqual({
    status: 404,
    body: { error: 'Customer not found' },
  });
  expect(await failure(ChartMogul.Task.create(sb.config, { ...base, due_date: 'soon' }))).toMatchObject({
    status: 422,
    body: { code: 422, param: 'due_date' },
  });
  expect(await failure(ChartMogul.Task.create(sb.config, { ...base, assignee: 42 }))).toMatchObject({
    status: 422,
    body: { param: 'assignee' },
  });
  expect((await failure(ChartMogul.Task.all(sb.config, { completed: 'maybe' }))).status).toBe(400);
});
