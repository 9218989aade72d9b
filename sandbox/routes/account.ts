/** Ping and account (`?include=` adds the settings the derivation follows, sandbox/analytics/account.ts). */
import { queryString, type ApiRoutes } from '../http/routes';
import { ACCOUNT, accountId } from '../lib/account';
import { accountIncludes } from '../analytics/account';

export function registerAccount(api: ApiRoutes): void {
  api.get('/v1/ping', () => ({ status: 200, body: { data: 'pong!' } }));
  api.get('/v1/account', (req) => ({
    status: 200,
    body: { id: accountId(api.store), ...ACCOUNT, ...accountIncludes(queryString(req, 'include')) },
  }));
}
