/**
 * Counters behind `GET /__sandbox/stats`: requests per route template (every request that reached a route,
 * rejected or not) and committed writes per concrete path.
 */
export class Stats {
  private requests = new Map<string, number>();
  private writes = new Map<string, number>();

  countRequest(template: string): void {
    this.requests.set(template, (this.requests.get(template) ?? 0) + 1);
  }

  countWrite(path: string): void {
    this.writes.set(path, (this.writes.get(path) ?? 0) + 1);
  }

  reset(): void {
    this.requests.clear();
    this.writes.clear();
  }

  toJSON(): { requests: Record<string, number>; writes: Record<string, number> } {
    return { requests: Object.fromEntries(this.requests), writes: Object.fromEntries(this.writes) };
  }
}
