/** Ping and account. */
import type { ApiRoutes } from '../http/routes';
import { ACCOUNT, accountId } from '../lib/account';

export function registerAccount(api: ApiRoutes): void {
  api.get('/v1/ping', () => ({ status: 200, body: { data: 'pong!' } }));
  api.get('/v1/account', () => ({ status: 200, body: { id: accountId(api.store), ...ACCOUNT } }));
}
