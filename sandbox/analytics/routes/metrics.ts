/** `GET /v1/metrics/{all,mrr,arr,arpa,asp,customer-count,customer-churn-rate,mrr-churn-rate,ltv}`. */
import type { ApiRoutes } from '../../http/routes';
import { dayOf } from '../rules/calendar';
import { readMetricsRequest } from '../metrics/request';
import { metricsSources } from '../metrics/source';
import { METRICS, metricsBody } from '../metrics/respond';

export function registerMetrics(api: ApiRoutes): void {
  const store = api.store;
  for (const metric of METRICS) {
    api.get(`/v1/metrics/${metric}`, (req) => {
      const request = readMetricsRequest(req.query as Record<string, unknown>, metric);
      const now = store.clock.now();
      const sources = metricsSources(store, request.selection, now);
      return { status: 200, body: metricsBody(metric, request, sources, dayOf(now)) };
    });
  }
}
