// Replays each cassette against the sandbox, in order, as the recorded test ran it: state the
// recording assumed is created first, recorded ids are rewritten to ours, and every answer is
// compared with the recorded one by status and shape.
import { Cassette, Exchange } from './cassette';
import { SandboxClient } from './client';
import { endpointOf } from './endpoints';
import { exceptionFor, FidelityException, FIDELITY_EXCEPTIONS, normalizePath } from './exceptions';
import { IdMap, idsInRequest, isObject } from './ids';
import { entityIdOf, listedNewestFirst, RecordedWorld } from './recorded-world';
import { compareShape, NonJsonBody, ShapeDifference } from './shape';
import { StateBuilder } from './state-builder';

export type OutcomeKind = 'matched' | 'mismatch' | 'uncovered' | 'excepted' | 'superseded';

export interface Outcome {
  file: string;
  exchange: Exchange;
  endpoint: string;
  kind: OutcomeKind;
  differences: ShapeDifference[];
  note?: string;
}

export interface ReplayTarget {
  client: SandboxClient;
  /** A sandbox that answers every request with `status` (fault injection), for recorded outages. */
  faulted?(status: number): Promise<SandboxClient | undefined>;
}

const INVALID_KEY = 'replay-invalid-key';
const FAULT_STATUSES = new Set([500, 502, 503, 504]);

const succeeded = (exchange: Exchange): boolean => exchange.status >= 200 && exchange.status < 300;

const POLLS = 3;
const POLL_MS = 1_100;

/** Ours still says `pending` where the recording shows the job done. */
function stillRunning(exchange: Exchange, ours: unknown): boolean {
  const recorded = exchange.responseBody;
  return (
    exchange.method === 'GET' &&
    isObject(recorded) &&
    isObject(ours) &&
    ours.status === 'pending' &&
    typeof recorded.status === 'string' &&
    recorded.status !== 'pending'
  );
}

/**
 * For each list a cassette pages through and whose last recorded page still said `has_more: true`,
 * the recorded entry to twin so that our list continues there too.
 */
function continuingLists(cassette: Cassette, implemented: Set<string>): string[] {
  const seen = new Map<string, { ids: string[]; more: boolean }>();
  for (const exchange of cassette.exchanges) {
    const endpoint = endpointOf(exchange.method, exchange.path);
    const body = exchange.responseBody;
    if (exchange.method !== 'GET' || !succeeded(exchange) || !implemented.has(endpoint) || !isObject(body))
      continue;
    const entries = (Object.values(body).find(Array.isArray) as unknown[] | undefined) ?? [];
    const list = seen.get(endpoint) ?? { ids: [], more: false };
    for (const entry of entries) {
      const id = isObject(entry) ? entityIdOf(entry) : undefined;
      if (typeof id === 'string' && !list.ids.includes(id)) list.ids.push(id);
    }
    list.more = body.has_more === true;
    seen.set(endpoint, list);
  }
  return [...seen.values()]
    .filter((list) => list.more && list.ids.length > 0)
    .map((list) => list.ids.at(-1)!);
}

export async function replayCassette(
  cassette: Cassette,
  target: ReplayTarget,
  implemented: Set<string>,
  exceptions: FidelityException[] = FIDELITY_EXCEPTIONS,
): Promise<Outcome[]> {
  const { client } = target;
  await client.reset();
  const isCovered = (exchange: Exchange): boolean =>
    implemented.has(endpointOf(exchange.method, exchange.path));
  const world = new RecordedWorld(cassette, isCovered);
  const ids = new IdMap();
  const builder = new StateBuilder(client, world, ids);

  let setupProblem: string | undefined;
  try {
    // A twin continues a list past its last recorded entry: in a newest-first list it must be the oldest.
    const twins = continuingLists(cassette, implemented);
    const oldest = twins.filter((id) => listedNewestFirst(world.kindOf(id)));
    for (const recorded of oldest) await builder.twin(recorded);
    for (const id of world.preexisting) await builder.ensure(id);
    for (const recorded of twins.filter((id) => !oldest.includes(id))) await builder.twin(recorded);
  } catch (error) {
    setupProblem = `could not create the state the recording assumes: ${(error as Error).message}`;
  }

  const outcomes: Outcome[] = [];
  for (const exchange of cassette.exchanges) {
    const endpoint = endpointOf(exchange.method, exchange.path);
    const base = { file: cassette.file, exchange, endpoint };
    if (!implemented.has(endpoint)) {
      outcomes.push({ ...base, kind: 'uncovered', differences: [] });
      continue;
    }
    const excused = exceptionFor(
      cassette.file,
      endpoint,
      undefined,
      exceptions.filter((e) => !e.paths),
    );
    if (excused) {
      outcomes.push({ ...base, kind: 'excepted', differences: [], note: excused.reason });
      continue;
    }
    outcomes.push(
      await replayExchange(exchange, base, target, world, ids, builder, exceptions, setupProblem),
    );
  }
  return outcomes;
}

async function replayExchange(
  exchange: Exchange,
  base: { file: string; exchange: Exchange; endpoint: string },
  target: ReplayTarget,
  world: RecordedWorld,
  ids: IdMap,
  builder: StateBuilder,
  exceptions: FidelityException[],
  setupProblem: string | undefined,
): Promise<Outcome> {
  const named = idsInRequest(exchange.path, exchange.query, exchange.requestBody);
  if (succeeded(exchange)) {
    for (const id of named) await builder.ensure(id).catch(() => undefined);
    // An id made by a request the sandbox does not implement cannot be reproduced: not our fault.
    const orphan = named.find((id) => !ids.has(id) && !world.kindOf(id));
    if (orphan) {
      return {
        ...base,
        kind: 'uncovered',
        differences: [],
        note: `needs ${orphan}, made by an uncovered request`,
      };
    }
  }

  let client: SandboxClient | undefined = target.client;
  if (FAULT_STATUSES.has(exchange.status) && exchange.responseBody instanceof NonJsonBody) {
    client = target.faulted ? await target.faulted(exchange.status) : undefined;
    if (!client)
      return { ...base, kind: 'uncovered', differences: [], note: 'recorded outage; no faulted sandbox' };
  }

  const send = () =>
    client.request(
      exchange.method,
      ids.rewritePath(exchange.path),
      ids.rewriteQuery(exchange.query),
      ids.rewriteBody(exchange.requestBody),
      exchange.status === 401 ? { apiKey: INVALID_KEY } : {},
    );
  let response = await send();
  // An asynchronous job (activities export) recorded as finished: the recorded client polled until it was.
  for (let poll = 0; poll < POLLS && stillRunning(exchange, response.body); poll++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    response = await send();
  }

  const differences: ShapeDifference[] =
    response.status !== exchange.status
      ? [
          {
            path: 'status',
            problem: `expected ${exchange.status}, got ${response.status}: ${JSON.stringify(response.body)?.slice(0, 300)}`,
          },
        ]
      : compareShape(exchange.responseBody, response.body);
  if (response.status === exchange.status) builder.remember(exchange.responseBody, response.body);

  const remaining = differences.filter((d) => !exceptionFor(base.file, base.endpoint, d.path, exceptions));
  if (remaining.length === 0 && differences.length > 0) {
    const reasons = differences.map(
      (d) => `${d.path}: ${exceptionFor(base.file, base.endpoint, d.path, exceptions)!.reason}`,
    );
    return { ...base, kind: 'excepted', differences, note: [...new Set(reasons)].join('; ') };
  }
  if (remaining.length === 0) return { ...base, kind: 'matched', differences };
  return {
    ...base,
    kind: 'mismatch',
    differences: remaining,
    ...(setupProblem ? { note: setupProblem } : {}),
  };
}

/**
 * Where recordings of one endpoint disagree across years, the newest wins: a mismatch of an older
 * recording is superseded when the newest recording of the same endpoint and status differs from
 * the older one at that very path, and our answer to the newest one matched there.
 */
export function applyNewestWins(outcomes: Outcome[]): Outcome[] {
  const newest = new Map<string, Outcome>();
  const keyOf = (o: Outcome): string => `${o.endpoint} ${o.exchange.status}`;
  for (const outcome of outcomes) {
    if (outcome.kind === 'uncovered') continue;
    const current = newest.get(keyOf(outcome));
    if (!current || outcome.exchange.recordedAt > current.exchange.recordedAt)
      newest.set(keyOf(outcome), outcome);
  }
  return outcomes.map((outcome) => {
    const latest = newest.get(keyOf(outcome));
    if (outcome.kind !== 'mismatch' || !latest || latest === outcome) return outcome;
    if (latest.exchange.recordedAt.getTime() - outcome.exchange.recordedAt.getTime() < 86_400_000)
      return outcome;
    const disagreements = new Set(
      compareShape(outcome.exchange.responseBody, latest.exchange.responseBody).map((d) =>
        normalizePath(d.path),
      ),
    );
    if (outcome.exchange.status !== latest.exchange.status) return outcome;
    const latestMisses = new Set(latest.differences.map((d) => normalizePath(d.path)));
    const stands = outcome.differences.filter(
      (d) => !disagreements.has(normalizePath(d.path)) || latestMisses.has(normalizePath(d.path)),
    );
    if (stands.length === outcome.differences.length) return outcome;
    if (stands.length > 0) return { ...outcome, differences: stands };
    const paths = [...new Set(outcome.differences.map((d) => d.path))].join(', ');
    return {
      ...outcome,
      kind: 'superseded',
      note: `newer recording ${latest.file} differs at ${paths} and wins`,
    };
  });
}
