/** The API routes that read derived data (metrics, activities, exports, a customer's metrics-view subscriptions). */
import type { ApiRoutes } from '../../http/routes';
import { registerCustomerSubscriptions } from './subscriptions';

export function registerAnalytics(api: ApiRoutes): void {
  registerCustomerSubscriptions(api);
}
