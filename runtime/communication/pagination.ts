/**
 * Pagination (make-format.md §4.4), written once for modules, RPCs and streaming: page 1 is the
 * request itself; later pages apply the `pagination` directives with `pagination.page` = 2, 3, …
 * and see the previous page's body, headers, temp and iterate.container. Stops when the condition is
 * false, a page yields no items, the limit is reached, or one of Make's caps is hit; a next page that
 * would repeat the previous request exactly (the API returned the same cursor) is a loop and fails.
 */
import { RuntimeError } from '../errors';
import type { JsonObject } from '../types/app';
import { paginationDirectives, Directives, Prepared } from './render';
import type { Evaluate, Scope } from './scope';

/** Make's caps per module execution; `false` turns them off (streaming, benchmarks). */
export interface Caps {
  maxRequests: number;
  maxPages: number;
  maxRecords: number;
}

export const MAKE_CAPS: Caps = { maxRequests: 100, maxPages: 50, maxRecords: 3200 };

export interface Counters {
  /** Requests sent in this module execution (all requests of the chain). */
  requests: number;
}

export interface PageIO {
  prepare(d: Directives): Prepared;
  /** Sends the request and leaves its response in the scope; false when nothing was sent (dry run). */
  fetch(p: Prepared): Promise<boolean>;
  /** The current page's outputs (iterate/output), and how many items its container held. */
  read(): { items: unknown[]; containerSize: number };
  /** A cap ended the listing early. */
  onCap?(which: keyof Caps, value: number): void;
}

export interface PaginateArgs {
  first: Directives;
  pagination?: JsonObject;
  limit?: number;
  caps: Caps | false;
  counters: Counters;
  scope: Scope;
  ev: Evaluate;
  io: PageIO;
}

/** Yields each page's outputs (already cut to the limit and the record cap). */
export async function* paginate(a: PaginateArgs): AsyncGenerator<unknown[]> {
  const { caps, counters, scope, io } = a;
  let directives = a.first;
  let previous: string | undefined;
  let records = 0;
  for (let page = 1; ; page++) {
    const prepared = io.prepare(directives);
    if (previous !== undefined && prepared.signature === previous) {
      throw new RuntimeError(
        `Pagination loop: page ${page} would repeat the previous request (${prepared.outgoing.method} ${pathOf(prepared.outgoing.url)}); the API returned the same cursor again.`,
      );
    }
    if (caps && counters.requests >= caps.maxRequests) return io.onCap?.('maxRequests', caps.maxRequests);
    if (!(await io.fetch(prepared))) return;
    const { items, containerSize } = io.read();
    let room = Infinity;
    if (a.limit !== undefined) room = a.limit - records;
    if (caps) room = Math.min(room, caps.maxRecords - records);
    const out = items.length > room ? items.slice(0, Math.max(0, room)) : items;
    records += out.length;
    yield out;
    if (!a.pagination) return;
    if (a.limit !== undefined && records >= a.limit) return;
    if (caps && records >= caps.maxRecords) return io.onCap?.('maxRecords', caps.maxRecords);
    if (containerSize === 0) return;
    if ('condition' in a.pagination && !a.ev(a.pagination.condition, scope)) return;
    if (caps && page - 1 >= caps.maxPages) return io.onCap?.('maxPages', caps.maxPages);
    scope.pagination = { page: page + 1 };
    directives = paginationDirectives(a.first, a.pagination, scope, a.ev);
    previous = prepared.signature;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}
