// Dry-run cases of the metrics and activities modules: hyphenated query keys and YYYY-MM-DD dates, as
// ChartMogul's Metrics API takes them.
import type { RequestCase } from './requests';

const period = { start_date: '2025-01-01', end_date: '2025-03-31', interval: 'month' };
const query = 'start-date=2025-01-01&end-date=2025-03-31&interval=month';

export const ANALYTICS_REQUESTS: Record<string, RequestCase> = {
  getKeyMetrics: [
    { ...period, geo: ['US', 'GB'], plan_names: ['Gold Monthly', 'Silver'] },
    'GET',
    `/v1/metrics/all?${query}&geo=US%2CGB&plans=Gold%20Monthly%2CSilver`,
  ],
  getMetric: [
    { metric: 'customer-count', ...period, filters: "currency~ANY~'USD'" },
    'GET',
    `/v1/metrics/customer-count?${query}&filters=currency~ANY~'USD'`,
  ],
  listActivities: [
    { start_date: '2025-01-01', type: 'churn', order: '-date', limit: 500 },
    'GET',
    '/v1/activities?start-date=2025-01-01&type=churn&order=-date&per_page=200',
  ],
  listCustomerActivities: [{ customer_uuid: 'cus_1' }, 'GET', '/v1/customers/cus_1/activities?per_page=10'],
  exportActivities: {
    parameters: { start_date: '2020-01-01', end_date: '2020-12-31', type: 'new_biz' },
    requests: [
      [
        'POST',
        '/v1/activities_export',
        { 'start-date': '2020-01-01', 'end-date': '2020-12-31', type: 'new_biz' },
      ],
      ['GET', '/v1/activities_export/'], // the id comes from the first answer, which a dry run has not
    ],
  },
  getActivitiesExport: [{ export_id: 'exp_1' }, 'GET', '/v1/activities_export/exp_1'],
};
