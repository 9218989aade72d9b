// One object's whole life through the app's modules against the sandbox, driven by a table row:
// create → get → update → list → (its select's RPC offers it and the get module takes the value) →
// delete → get answers 404. Every output is checked against its module's interface and sample.
import { RuntimeError } from '../../../runtime';
import type { AppHarness, Bundle } from './harness';
import { checked } from './checked';

export interface LifecycleCase {
  /** Module ids, and the parameter that names one object (e.g. contact_uuid). */
  create: string;
  get: string;
  update: string;
  list: string;
  remove: string;
  key: string;
  rpc: string;
  /** The object's id in its own output (uuid, task_uuid, id). */
  idField: string;
  createParams: Record<string, unknown>;
  /** What the created object must show. */
  created: Record<string, unknown>;
  updateParams: Record<string, unknown>;
  updated: Record<string, unknown>;
  /** Filters for the list module (besides Limit) that must find the object. */
  listParams: Record<string, unknown>;
  /** Parameters the RPC needs (the form's other values). */
  rpcParams: Record<string, unknown>;
}

export async function runLifecycle(h: AppHarness, c: LifecycleCase): Promise<Bundle> {
  const { action, search } = checked(() => h);
  const created = await action(c.create, c.createParams);
  expect(created).toMatchObject(c.created);
  const id = created[c.idField];
  expect(typeof id === 'string' || typeof id === 'number').toBe(true);
  const one = { [c.key]: id };

  expect(await action(c.get, one)).toEqual(created);
  const updated = await action(c.update, { ...one, ...c.updateParams });
  expect(updated).toMatchObject({ ...c.updated, [c.idField]: id });
  expect(await action(c.get, one)).toMatchObject(c.updated);

  const listed = await search(c.list, { ...c.listParams, limit: 50 });
  expect(listed.map((b) => b[c.idField])).toContain(id);

  const options = await h.rpc(c.rpc, c.rpcParams);
  expect(options.map((o) => o.value)).toContain(id);
  expect(options.every((o) => typeof o.label === 'string' && o.label.trim() !== '')).toBe(true);

  expect(await action(c.remove, one)).toEqual(one);
  const gone = await h.action(c.get, one).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(RuntimeError);
  expect((gone as Error).message).toMatch(/^\[404\]/);
  return updated;
}
