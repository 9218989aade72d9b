// Recordings that only read activities and export jobs: the replay derives them again from billing it
// makes for the listed customers (their subscriptions, rises and churns at the recorded dates).
import { parseCassette } from '../../../sandbox/conformance/cassette';
import { endpointOf, probeImplemented } from '../../../sandbox/conformance/endpoints';
import { replayCassette } from '../../../sandbox/conformance/replayer';
import { sandboxClientForSuite } from '../support/sandbox-client';

const CUS = 'cus_23551596-2c7e-11ee-9ea1-2bfe193640c0';
const OTHER = 'cus_23c11cf0-2c7e-11ee-b2cd-fbfd681a34dd';
const DS = 'ds_03cfd2c4-2c7e-11ee-ab23-cb0f008cff46';
const NEXT = 'ff76d95f-0536-4b2e-85cf-cc49a42c8757';

function get(path: string, status: number, body: unknown): string {
  return `- request:
    method: get
    uri: https://api.chartmogul.com${path}
    body: {encoding: UTF-8, string: ''}
  response:
    status: {code: ${status}, message: x}
    body: {encoding: UTF-8, string: '${JSON.stringify(body)}'}
  recorded_at: Fri, 27 Oct 2023 08:58:22 GMT
`;
}

const activity = (uuid: string, customer: string, date: string, type: string, movement: number) => ({
  description: 'purchased the Gold plan',
  'activity-mrr-movement': movement,
  'activity-mrr': Math.max(movement, 0),
  'activity-arr': Math.max(movement, 0) * 12,
  date,
  type,
  currency: 'EUR',
  'subscription-external-id': '1',
  'subscription-set-external-id': '1',
  'plan-external-id': 'gold',
  'customer-name': 'Hooli',
  'customer-uuid': customer,
  'customer-external-id': 'cus_003',
  'billing-connector-uuid': DS,
  uuid,
});

const customerActivity = (id: number, date: string, type: string, movement: number) => ({
  id,
  description: 'x',
  'activity-mrr-movement': movement,
  'activity-mrr': Math.max(movement, 0),
  'activity-arr': 0,
  date,
  type,
  currency: 'EUR',
  'currency-sign': '€',
  'subscription-external-id': '1',
});

const CURSOR = 'MjAyMy0xMC0yN1QwOTowNDo1Ni43MTc4MzIwMDBaJjI2MjU4NjcwODg=';

const YAML =
  '---\nhttp_interactions:\n' +
  get('/v1/activities?per_page=1', 200, {
    entries: [
      activity('561814e1-d7d3-42f3-8936-4689ec0fbb74', OTHER, '2016-01-01T12:00:00+00:00', 'new_biz', 4004),
    ],
    has_more: true,
    per_page: 1,
    cursor: NEXT,
  }) +
  get(`/v1/activities?cursor=${NEXT}&per_page=1`, 200, {
    entries: [
      activity('d868a892-37c7-45e3-ae84-e693181d2344', OTHER, '2016-01-25T00:00:00+00:00', 'new_biz', 768),
    ],
    has_more: true,
    cursor: 'cdc5cf2f-2ee7-4cdf-b19d-e5550f8f30c8',
  }) +
  get(`/v1/customers/${CUS}/activities?per_page=1`, 200, {
    entries: [customerActivity(2625867088, '2017-03-10T00:00:00+00:00', 'churn', -780)],
    has_more: true,
    per_page: 1,
    page: 1,
    cursor: CURSOR,
  }) +
  get(`/v1/customers/${CUS}/activities?cursor=${encodeURIComponent(CURSOR)}&per_page=1`, 200, {
    entries: [customerActivity(2625867087, '2016-02-24T00:00:00+00:00', 'new_biz', 756)],
    cursor: 'MjAyMy0xMC0yN1QwOTowNDo1Ni43MTc4MzIwMDBaJjI2MjU4NjcwODc=',
    has_more: false,
  }) +
  get('/v1/activities_export/44037b8f-4a89-4fc6-8114-2288c71a9518', 200, {
    id: '44037b8f-4a89-4fc6-8114-2288c71a9518',
    status: 'succeeded',
    file_url: 'https://example.com/activities.zip',
    params: {
      kind: 'activities',
      params: {
        end_date: '2020-12-31 00:00:00 +0000',
        start_date: '2020-01-01 00:00:00 +0000',
        activity_type: 'new_biz',
      },
    },
    expires_at: '2021-07-16T13:55:47+00:00',
    created_at: '2021-07-09T13:55:44+00:00',
  });

describe('replaying recorded activities', () => {
  const suite = sandboxClientForSuite();

  it('derives the listed activities again, follows both cursor styles and finishes a recorded export', async () => {
    const parsed = parseCassette('hand/activities.yml', YAML);
    const implemented = await probeImplemented(suite.client, [
      ...new Set(parsed.exchanges.map((e) => endpointOf(e.method, e.path))),
    ]);
    const outcomes = await replayCassette(parsed, { client: suite.client }, implemented);
    expect(outcomes.map((o) => [o.endpoint, o.kind, o.differences])).toEqual([
      ['GET /v1/activities', 'matched', []],
      ['GET /v1/activities', 'matched', []],
      ['GET /v1/customers/:id/activities', 'matched', []],
      ['GET /v1/customers/:id/activities', 'matched', []],
      ['GET /v1/activities_export/:id', 'matched', []],
    ]);
  }, 20_000);
});
