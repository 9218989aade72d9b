/**
 * Webhook destinations by URL, for a host that embeds the sandbox and gives it hook URLs itself (the
 * runtime's hook registrar: ChartMogul has no API for destinations, so on the real service the user
 * pastes the URL; with the embedded sandbox the hook is registered for them). Same rows as the admin
 * routes' POST and DELETE `/__sandbox/webhooks`, so `GET /__sandbox/webhooks` lists them.
 */
import { sql, type Store } from '../../store/context';
import { destinationUrl } from './admin';
import { addDestination, listDestinations } from './store';

export interface WebhookDestinations {
  /** Adds a destination for `url` unless one has it; true when added. */
  register(url: string): Promise<boolean>;
  /** Removes every destination of `url` and their deliveries; how many were removed. */
  unregister(url: string): Promise<number>;
}

export function webhookDestinations(store: Store): WebhookDestinations {
  const checked = (value: string): string => {
    const url = destinationUrl(value);
    if (!url) throw new Error(`A webhook destination must be an absolute http or https URL: ${value}`);
    return url;
  };
  return {
    register: async (value) => {
      const url = checked(value);
      return store.db.transaction(() => {
        if (listDestinations(store).some((d) => d.url === url)) return false;
        addDestination(store, url);
        return true;
      })();
    },
    unregister: async (value) => {
      const url = checked(value);
      return sql(store.db, 'DELETE FROM analytics_webhook_destinations WHERE url = ?').run(url).changes;
    },
  };
}
