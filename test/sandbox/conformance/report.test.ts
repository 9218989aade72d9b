import type { Exchange } from '../../../sandbox/conformance/cassette';
import { exceptionFor, normalizePath } from '../../../sandbox/conformance/exceptions';
import { formatReport, summarize } from '../../../sandbox/conformance/report';
import { applyNewestWins, Outcome } from '../../../sandbox/conformance/replayer';

function exchange(changes: Partial<Exchange>): Exchange {
  return {
    index: 0,
    method: 'GET',
    path: '/v1/data_sources/ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34',
    query: [],
    requestBody: undefined,
    status: 200,
    responseBody: {},
    recordedAt: new Date('2025-12-02T09:32:26Z'),
    ...changes,
  };
}

function outcome(
  file: string,
  kind: Outcome['kind'],
  changes: Partial<Exchange>,
  differences: Outcome['differences'] = [],
): Outcome {
  const ex = exchange(changes);
  const endpoint = `${ex.method} ${ex.path.replace(/ds_[0-9a-f-]+/, ':id')}`;
  return { file, exchange: ex, endpoint, kind, differences };
}

describe('applyNewestWins', () => {
  const newestBody = { uuid: 'ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34', status: 'idle' };
  const oldBody = {
    uuid: 'ds_0d7d4a96-2a5d-11e6-b7a8-2f4c8e0b6d7b',
    status: 'idle',
    import_details: { x: 1 },
  };

  it('supersedes an older mismatch where the newest recording of the endpoint disagrees with it', () => {
    const newest = outcome('new.yml', 'matched', { responseBody: newestBody });
    const older = outcome(
      'old.yml',
      'mismatch',
      { responseBody: oldBody, recordedAt: new Date('2017-01-03T00:00:00Z') },
      [{ path: '$.import_details', problem: 'missing key' }],
    );
    const [, judged] = applyNewestWins([newest, older]);
    expect(judged!.kind).toBe('superseded');
    expect(judged!.note).toContain('new.yml');
  });

  it('keeps an older mismatch the newest recording agrees with', () => {
    const newest = outcome('new.yml', 'mismatch', { responseBody: oldBody }, [
      { path: '$.import_details', problem: 'missing key' },
    ]);
    const older = outcome(
      'old.yml',
      'mismatch',
      { responseBody: oldBody, recordedAt: new Date('2017-01-03T00:00:00Z') },
      [{ path: '$.import_details', problem: 'missing key' }],
    );
    expect(applyNewestWins([newest, older]).map((o) => o.kind)).toEqual(['mismatch', 'mismatch']);
  });

  it('never lets a recording of another status or endpoint decide', () => {
    const newest = outcome('new.yml', 'matched', { responseBody: newestBody, status: 404 });
    const older = outcome(
      'old.yml',
      'mismatch',
      { responseBody: oldBody, recordedAt: new Date('2017-01-03T00:00:00Z') },
      [{ path: '$.import_details', problem: 'missing key' }],
    );
    expect(applyNewestWins([newest, older])[1]!.kind).toBe('mismatch');
  });
});

describe('report', () => {
  const outcomes: Outcome[] = [
    outcome('a.yml', 'matched', {}),
    outcome('a.yml', 'mismatch', { index: 1 }, [
      { path: '$.status', problem: 'missing key (recorded string "idle")' },
    ]),
    outcome('b.yml', 'uncovered', { method: 'GET', path: '/v1/contacts' }),
    outcome('c.yml', 'uncovered', { method: 'GET', path: '/v1/contacts' }),
    outcome('c.yml', 'uncovered', { method: 'POST', path: '/v1/tasks' }),
  ];

  it('counts found, covered, matched and groups the uncovered by endpoint, most first', () => {
    expect(summarize(3, outcomes)).toMatchObject({
      cassettes: 3,
      exchanges: 5,
      covered: 2,
      matched: 1,
      mismatched: 1,
      uncoveredByEndpoint: [
        ['GET /v1/contacts', 2],
        ['POST /v1/tasks', 1],
      ],
    });
  });

  it('prints each mismatch with its file, exchange and JSON path', () => {
    const text = formatReport(3, outcomes);
    expect(text).toContain('covered (endpoint implemented): 2 of 5');
    expect(text).toContain('a.yml #2 GET /v1/data_sources/ds_d0b59f2a-cf61-11f0-95c7-c7391c16ed34');
    expect(text).toContain('$.status: missing key (recorded string "idle")');
    expect(text).toMatch(/2 {2}GET \/v1\/contacts/);
    expect(text).toContain('without a written reason: 2');
  });

  it('gives each uncovered analytics endpoint its written reason', () => {
    const text = formatReport(1, [outcome('m.yml', 'uncovered', { method: 'GET', path: '/v1/metrics/mrr' })]);
    expect(text).toMatch(
      /1 {2}GET \/v1\/metrics\/mrr {2}\(derived analytics, served by the sandbox-analytics work/,
    );
    expect(text).toContain('without a written reason: 0');
  });
});

describe('exceptions table lookup', () => {
  const table = [{ endpoint: 'GET /v1/plans', paths: ['$.plans[].uuid'], reason: 'because' }];
  it('matches by endpoint and normalized JSON path only', () => {
    expect(normalizePath('$.plans[12].uuid')).toBe('$.plans[].uuid');
    expect(exceptionFor('x.yml', 'GET /v1/plans', '$.plans[3].uuid', table)?.reason).toBe('because');
    expect(exceptionFor('x.yml', 'GET /v1/plans', '$.plans[3].name', table)).toBeUndefined();
    expect(exceptionFor('x.yml', 'GET /v1/customers', '$.plans[3].uuid', table)).toBeUndefined();
  });
});
