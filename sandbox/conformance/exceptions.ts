// Deliberate departures from the recordings, each with its reason. Every entry here is also listed in
// docs/decisions.md under "Sandbox fidelity". Keep the table small: a mismatch is normally a bug to fix.

export interface FidelityException {
  /** Cassette path (relative to the recordings root) this applies to; all cassettes when absent. */
  file?: string;
  /** Endpoint template, e.g. `GET /v1/customers/:id`; all endpoints when absent. */
  endpoint?: string;
  /** Only these JSON paths (array indices written `[]`) are excused; the whole exchange when absent. */
  paths?: string[];
  reason: string;
}

/** A key of a customer object, in a single-customer answer and in a list's entries: `.x` or `["x-y"]`. */
const CUSTOMER_OBJECT_PATHS = (suffix: string): string[] => [`$${suffix}`, `$.entries[]${suffix}`];

export const FIDELITY_EXCEPTIONS: FidelityException[] = [
  {
    paths: CUSTOMER_OBJECT_PATHS('.attributes.clearbit'),
    reason:
      'customer objects carry attributes.clearbit in recordings up to Oct 2024 and lack it in every one since ' +
      'Mar 2025 (Clearbit enrichment retired); the newest recordings win',
  },
  {
    paths: [
      ...CUSTOMER_OBJECT_PATHS('.attributes.stripe.coupon'),
      ...CUSTOMER_OBJECT_PATHS('["billing-system-url"]'),
    ],
    reason:
      'Stripe-synced customers carry Stripe attributes and a billing-system URL; the sandbox only has ' +
      'API-created (Custom) data sources, which never get either',
  },
  {
    file: 'ChartMogul_DataSource/API_Interactions/correctly_raises_errors_on_422.yml',
    endpoint: 'POST /v1/data_sources',
    reason:
      'this 2016 recording answers a missing name with 422 {"errors":{…}}; a 2023 recording of the same call ' +
      '(chartmogul-python, reference §3) answers 400 {"code","message","param"}, and the newest wins',
  },
];

/** `$.entries[3].uuid` → `$.entries[].uuid`, so one exception covers every item of a list. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

export function exceptionFor(
  file: string,
  endpoint: string,
  path: string | undefined,
  table: FidelityException[] = FIDELITY_EXCEPTIONS,
): FidelityException | undefined {
  return table.find(
    (rule) =>
      (rule.file === undefined || rule.file === file) &&
      (rule.endpoint === undefined || rule.endpoint === endpoint) &&
      (rule.paths === undefined || (path !== undefined && rule.paths.includes(normalizePath(path)))),
  );
}

/** Why a recorded endpoint is not served (yet): each uncovered endpoint the report lists gets its reason. */
export const UNCOVERED_REASONS: Array<{ endpoint: RegExp; reason: string }> = [
  {
    endpoint: /^GET \/v1\/(metrics\/|activities|customers\/:id\/activities)|^POST \/v1\/activities_export/,
    reason: 'derived analytics, served by the sandbox-analytics work (decisions: Round 2: who owns what)',
  },
];

export function uncoveredReason(endpoint: string): string | undefined {
  return UNCOVERED_REASONS.find((rule) => rule.endpoint.test(endpoint))?.reason;
}
