/** Cursor pagination over 1,000 customers with the SDK, and the legacy keys on cursor-less first pages. */
import { ChartMogul, startWithSdk, type SdkSandbox } from './support/sdk';

let sb: SdkSandbox;
let dsUuid: string;
const TOTAL = 1000;

beforeAll(async () => {
  sb = await startWithSdk();
  dsUuid = (await ChartMogul.DataSource.create(sb.config, { name: 'Paging DS' })).uuid;
  for (let i = 0; i < TOTAL; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, j) =>
        ChartMogul.Customer.create(sb.config, { data_source_uuid: dsUuid, external_id: `p${i + j}` }),
      ),
    );
  }
});
afterAll(() => sb.sandbox.close());

it('walks 1,000 customers with cursor + has_more, each exactly once', async () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await ChartMogul.Customer.all(sb.config, { per_page: 300, ...(cursor ? { cursor } : {}) });
    pages += 1;
    if (pages === 1) expect(page).toMatchObject({ current_page: 1, total_pages: 5, per_page: 200, page: 1 });
    else expect(Object.keys(page).sort()).toEqual(['cursor', 'entries', 'has_more']);
    expect(page.entries.length).toBeLessThanOrEqual(200);
    seen.push(...page.entries.map((c: { external_id: string }) => c.external_id));
    if (!page.has_more) break;
    cursor = page.cursor;
  }
  expect(pages).toBe(5);
  expect(new Set(seen).size).toBe(TOTAL);
  expect(seen).toHaveLength(TOTAL);
});

it('a cursor keeps its place when customers are added before the walk ends', async () => {
  const first = await ChartMogul.Customer.all(sb.config, { per_page: 10, data_source_uuid: dsUuid });
  await ChartMogul.Customer.create(sb.config, { data_source_uuid: dsUuid, external_id: 'late' });
  const second = await ChartMogul.Customer.all(sb.config, {
    per_page: 10,
    data_source_uuid: dsUuid,
    cursor: first.cursor,
  });
  const firstIds = first.entries.map((c: { uuid: string }) => c.uuid);
  expect(second.entries.some((c: { uuid: string }) => firstIds.includes(c.uuid))).toBe(false);
  expect(second.has_more).toBe(true);
});

it('an empty page has a null cursor; plans use the import-API paging keys', async () => {
  const none = await ChartMogul.Customer.all(sb.config, { external_id: 'nobody' });
  expect(none).toEqual({
    entries: [],
    current_page: 1,
    total_pages: 0,
    has_more: false,
    per_page: 200,
    page: 1,
    cursor: null,
  });
  for (let i = 0; i < 3; i++) {
    await ChartMogul.Plan.create(sb.config, {
      data_source_uuid: dsUuid,
      name: `Plan ${i}`,
      interval_count: 1,
      interval_unit: 'month',
    });
  }
  const first = await ChartMogul.Plan.all(sb.config, { per_page: 2 });
  expect(first).toMatchObject({
    current_page: 1,
    total_pages: 2,
    has_more: true,
    cursor: expect.any(String),
  });
  const second = await ChartMogul.Plan.all(sb.config, { per_page: 2, cursor: first.cursor });
  expect(second).toEqual({
    plans: [expect.objectContaining({ name: 'Plan 0' })],
    cursor: expect.any(String),
    has_more: false,
  });
});

it('rejects a cursor that is not one of ours with a 400', async () => {
  await expect(ChartMogul.Customer.all(sb.config, { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
    status: 400,
  });
});
