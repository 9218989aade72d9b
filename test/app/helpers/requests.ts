// Every module's dry-run case: minimal valid parameters and the request ChartMogul documents for them —
// [parameters, method, path with query, JSON body]. A module that sends several requests lists them all.
// null in parameters is Make's erase (an array becomes []).
import { SEED_REQUESTS } from './requests-seed';
import { CUSTOMER_REQUESTS } from './requests-customers';
import { CRM_REQUESTS } from './requests-crm';
import { BILLING_REQUESTS } from './requests-billing';
import { ANALYTICS_REQUESTS } from './requests-analytics';
import { TRIGGER_REQUESTS } from './requests-triggers';

export type Request = [method: string, url: string, body?: unknown];
export type RequestCase =
  | [parameters: Record<string, unknown>, method: string, url: string, body?: unknown]
  | { parameters: Record<string, unknown>; requests: Request[] };

export const REQUESTS: Record<string, RequestCase> = {
  ...SEED_REQUESTS,
  ...CUSTOMER_REQUESTS,
  ...CRM_REQUESTS,
  ...BILLING_REQUESTS,
  ...ANALYTICS_REQUESTS,
  ...TRIGGER_REQUESTS,
};

/** The requests a case expects, whichever form it is written in. */
export function expectedRequests(c: RequestCase): {
  parameters: Record<string, unknown>;
  requests: Request[];
} {
  if (!Array.isArray(c)) return c;
  const [parameters, method, url, body] = c;
  return { parameters, requests: [[method, url, body]] };
}
