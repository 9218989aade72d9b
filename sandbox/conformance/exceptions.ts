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

export const FIDELITY_EXCEPTIONS: FidelityException[] = [];

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
