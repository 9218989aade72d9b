/** The sandbox's notion of "now": the real time, or a fixed instant (`clock` option). */
export interface Clock {
  now(): number;
  readonly fixed: boolean;
}

export function createClock(iso?: string): Clock {
  if (iso === undefined) return { now: () => Date.now(), fixed: false };
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`Invalid clock "${iso}": expected an ISO 8601 timestamp`);
  return { now: () => ms, fixed: true };
}
