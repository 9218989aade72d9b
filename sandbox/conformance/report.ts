// The replay's summary: how much of the recorded traffic the sandbox covers, what matched, every
// mismatch with its file and JSON path, and the uncovered endpoints, most recorded first.
import type { Outcome } from './replayer';
import { uncoveredReason } from './exceptions';

export interface ReplaySummary {
  cassettes: number;
  exchanges: number;
  covered: number;
  matched: number;
  mismatched: number;
  excepted: number;
  superseded: number;
  uncoveredByEndpoint: Array<[string, number]>;
}

export function summarize(cassettes: number, outcomes: Outcome[]): ReplaySummary {
  const count = (kind: Outcome['kind']): number => outcomes.filter((o) => o.kind === kind).length;
  const uncovered = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.kind !== 'uncovered') continue;
    // An implemented endpoint that needs what an unimplemented one made is listed apart.
    const key = outcome.note ? `${outcome.endpoint} [blocked: ${outcome.note}]` : outcome.endpoint;
    uncovered.set(key, (uncovered.get(key) ?? 0) + 1);
  }
  return {
    cassettes,
    exchanges: outcomes.length,
    covered: outcomes.length - count('uncovered'),
    matched: count('matched'),
    mismatched: count('mismatch'),
    excepted: count('excepted'),
    superseded: count('superseded'),
    uncoveredByEndpoint: [...uncovered].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}

function where(outcome: Outcome): string {
  const { exchange } = outcome;
  return `${outcome.file} #${exchange.index + 1} ${exchange.method} ${exchange.path} (recorded ${exchange.recordedAt
    .toISOString()
    .slice(0, 10)}, ${exchange.status})`;
}

export function formatReport(cassettes: number, outcomes: Outcome[]): string {
  const s = summarize(cassettes, outcomes);
  const lines: string[] = [
    'ChartMogul recordings replayed against the sandbox',
    `  recordings found: ${s.exchanges} exchanges in ${s.cassettes} cassettes`,
    `  covered (endpoint implemented): ${s.covered} of ${s.exchanges}`,
    `  matched: ${s.matched} of ${s.covered} covered` +
      (s.superseded ? `; ${s.superseded} superseded by newer recordings` : '') +
      (s.excepted ? `; ${s.excepted} excepted` : ''),
    `  mismatched: ${s.mismatched}`,
  ];
  const mismatches = outcomes.filter((o) => o.kind === 'mismatch');
  if (mismatches.length) {
    lines.push('', 'Mismatches:');
    for (const outcome of mismatches) {
      lines.push(`  ${where(outcome)}`);
      if (outcome.note) lines.push(`    note: ${outcome.note}`);
      for (const difference of outcome.differences)
        lines.push(`    ${difference.path}: ${difference.problem}`);
    }
  }
  const notable = outcomes.filter((o) => o.kind === 'superseded' || o.kind === 'excepted');
  if (notable.length) {
    lines.push('', 'Superseded or excepted (see docs/decisions.md, "Sandbox fidelity"):');
    for (const outcome of notable) lines.push(`  ${where(outcome)}: ${outcome.note ?? outcome.kind}`);
  }
  if (s.uncoveredByEndpoint.length) {
    lines.push('', `Uncovered, by endpoint (${s.exchanges - s.covered} exchanges):`);
    for (const [endpoint, n] of s.uncoveredByEndpoint) {
      const reason = uncoveredReason(endpoint);
      lines.push(`  ${String(n).padStart(4)}  ${endpoint}${reason ? `  (${reason})` : ''}`);
    }
    const unreasoned = s.uncoveredByEndpoint.filter(([endpoint]) => !uncoveredReason(endpoint));
    lines.push(`  without a written reason: ${unreasoned.length}`);
  }
  return lines.join('\n');
}
