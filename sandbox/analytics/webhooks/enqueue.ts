/** Webhook deliveries for new movements (filled in with the webhook destinations). */
import type { Store } from '../../store/context';
import type { CustomerBilling } from '../rules/facts';
import type { MovementRow } from '../store/write';

export function enqueueDeliveries(store: Store, billing: CustomerBilling, added: MovementRow[]): void {
  void store;
  void billing;
  void added;
}
