/** The API routes that read derived data (metrics, activities, exports, a customer's metrics-view subscriptions). */
import type { ApiRoutes } from '../../http/routes';
import { registerCustomerSubscriptions } from './subscriptions';
import { registerMetrics } from './metrics';
import { registerActivities } from './activities';
import { registerExports } from './exports';

export { exportFilesRouter } from './exports';

export function registerAnalytics(api: ApiRoutes): void {
  registerCustomerSubscriptions(api);
  registerMetrics(api);
  registerActivities(api);
  registerExports(api);
}
