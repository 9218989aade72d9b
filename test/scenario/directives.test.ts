import { ConnectionError, DataError, DuplicateDataError, RuntimeError } from '../../runtime/errors';
import { runScenarioWith } from '../../runtime/scenario/run';
import { FakeModules, blueprint, mod, testApp, things } from './fixtures';

const app = testApp();
const run = (bp: unknown, fake: FakeModules, opts: Record<string, unknown> = {}) =>
  runScenarioWith(app, bp, { history: false, ...opts }, { executor: fake.executor });

/** list a, b, c → update (fails for b) → echo; `onerror` on the update module. */
function scenario(onerror?: unknown[]) {
  return blueprint([
    mod(1, 'listThings'),
    mod(2, 'updateThing', { id: '{{1.id}}' }, onerror ? { onerror } : {}),
    mod(3, 'echo', { id: '{{2.id}}', resumed: '{{2.resumed}}' }),
  ]);
}

function failingOnB(error: Error = new DataError('b is broken')) {
  return new FakeModules({
    listThings: () => things(['a', 'b', 'c']),
    updateThing: (p) => {
      if (p.id === 'b') throw error;
      return [{ id: p.id }];
    },
    echo: (p) => [p],
  });
}

const directive = (name: string, mapper?: Record<string, unknown>) => ({
  id: 99,
  module: `builtin:${name}`,
  version: 1,
  ...(mapper ? { mapper } : {}),
});

describe('error handler directives', () => {
  test('Ignore drops the failing bundle; the others go on; the run succeeds', async () => {
    const fake = failingOnB();
    const result = await run(scenario([directive('Ignore')]), fake);
    expect(fake.trace()).toEqual([
      'listThings',
      'updateThing:a',
      'echo:a',
      'updateThing:b',
      'updateThing:c',
      'echo:c',
    ]);
    expect(result.status).toBe('success');
    expect(result.modules.find((m) => m.id === '2')?.errors).toEqual([
      { type: 'DataError', message: 'b is broken' },
    ]);
    // The failed execution still costs its operation: 1 + 3 updates + 2 echoes.
    expect(result.operations).toBe(6);
  });

  test('a handler route without a directive acts as Ignore; its modules see the error', async () => {
    const fake = failingOnB();
    const result = await run(
      scenario([
        mod(50, 'echo', { failed: '{{1.id}}', why: '{{2.error.message}}', type: '{{2.error.type}}' }),
      ]),
      fake,
    );
    expect(fake.calls.map((c) => c.params)).toContainEqual({
      failed: 'b',
      why: 'b is broken',
      type: 'DataError',
    });
    expect(fake.trace()).toEqual([
      'listThings',
      'updateThing:a',
      'echo:a',
      'updateThing:b',
      'echo',
      'updateThing:c',
      'echo:c',
    ]);
    expect(result.status).toBe('success');
  });

  test('Resume substitutes the handler’s mapper for the failed output and continues downstream', async () => {
    const fake = failingOnB();
    const result = await run(
      scenario([directive('Resume', { id: '{{1.id}}-substitute', resumed: true })]),
      fake,
    );
    expect(fake.calls.filter((c) => c.moduleId === 'echo').map((c) => c.params)).toEqual([
      { id: 'a' },
      { id: 'b-substitute', resumed: true },
      { id: 'c' },
    ]);
    expect(result.status).toBe('success');
  });

  test('Commit stops the run at once, successfully: later bundles are not processed', async () => {
    const fake = failingOnB();
    const result = await run(scenario([directive('Commit')]), fake);
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a', 'echo:a', 'updateThing:b']);
    expect(result).toMatchObject({ status: 'success', stoppedBy: 'commit' });
  });

  test('Rollback stops the run at once with an error', async () => {
    const fake = failingOnB();
    const result = await run(scenario([directive('Rollback')]), fake);
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a', 'echo:a', 'updateThing:b']);
    expect(result).toMatchObject({ status: 'error', stoppedBy: 'rollback' });
  });

  test('Break stores an incomplete execution with its retry settings; the others go on; warning', async () => {
    const fake = failingOnB(new ConnectionError('Service unavailable'));
    const now = new Date('2026-01-01T10:00:00Z');
    const result = await run(
      scenario([directive('Break', { retry: true, count: '3', interval: '15' })]),
      fake,
      { now },
    );
    expect(fake.trace()).toEqual([
      'listThings',
      'updateThing:a',
      'echo:a',
      'updateThing:b',
      'updateThing:c',
      'echo:c',
    ]);
    expect(result.status).toBe('warning');
    expect(result.incomplete).toHaveLength(1);
    expect(result.incomplete[0]).toMatchObject({
      moduleId: '2',
      bundle: { '1': { id: 'b', name: 'Thing b' } },
      error: { type: 'ConnectionError', message: 'Service unavailable' },
      retry: { enabled: true, count: 3, intervalMinutes: 15 },
      attempts: 0,
      nextAttemptAt: '2026-01-01T10:15:00.000Z',
      status: 'pending',
    });
    expect(typeof result.incomplete[0].id).toBe('string');
  });

  test('Break without retry settings stores an execution that only a manual retry runs', async () => {
    const fake = failingOnB();
    const result = await run(scenario([directive('Break')]), fake);
    expect(result.incomplete[0]).toMatchObject({ retry: { enabled: false }, nextAttemptAt: null });
  });

  test('errors in handler modules are handled like any other module’s', async () => {
    const fake = new FakeModules({
      listThings: () => things(['a']),
      updateThing: () => {
        throw new RuntimeError('boom');
      },
      echo: () => {
        throw new RuntimeError('handler failed too');
      },
    });
    const result = await run(scenario([mod(50, 'echo', {}), directive('Ignore')]), fake);
    expect(result).toMatchObject({ status: 'error', stoppedBy: 'error' });
  });
});

describe('errors while evaluating', () => {
  const badJson = new FakeModules({
    listThings: () => [
      { id: 'a', payload: '{"ok":true}' },
      { id: 'b', payload: '{broken' },
    ],
    updateThing: (p) => [p],
  });

  test('a filter that fails to evaluate is its module’s error and goes to its handler', async () => {
    const filter = { conditions: [[{ a: '{{parseJSON(1.payload).ok}}', o: 'boolean:equal', b: 'true' }]] };
    const result = await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'updateThing', { id: '{{1.id}}' }, { filter, onerror: [directive('Ignore')] }),
      ]),
      badJson,
    );
    expect(badJson.trace()).toEqual(['listThings', 'updateThing:a']);
    expect(result.status).toBe('success');
    expect(result.modules.find((m) => m.id === '2')?.errors).toEqual([
      { type: 'ImlError', message: expect.stringContaining('parseJSON') },
    ]);
  });

  test('a Resume whose substitute fails to evaluate stops the run with an error', async () => {
    const fake = failingOnB();
    const result = await run(scenario([directive('Resume', { id: '{{parseJSON(1.name)}}' })]), fake);
    expect(result).toMatchObject({ status: 'error', stoppedBy: 'error' });
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a', 'echo:a', 'updateThing:b']);
  });
});

describe('errors without a handler (Make’s defaults)', () => {
  test('an unhandled error stops the run with status error (rollback)', async () => {
    const fake = failingOnB(new RuntimeError('boom'));
    const result = await run(scenario(), fake);
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a', 'echo:a', 'updateThing:b']);
    expect(result).toMatchObject({ status: 'error', stoppedBy: 'error' });
  });

  test('a DuplicateDataError is a warning and does not interrupt the run', async () => {
    const fake = failingOnB(new DuplicateDataError('already exists'));
    const result = await run(scenario(), fake);
    expect(fake.trace()).toEqual([
      'listThings',
      'updateThing:a',
      'echo:a',
      'updateThing:b',
      'updateThing:c',
      'echo:c',
    ]);
    expect(result.status).toBe('warning');
  });

  test('a ConnectionError on the first module ends the run with a warning', async () => {
    const fake = new FakeModules({
      listThings: () => {
        throw new ConnectionError('503');
      },
    });
    const result = await run(scenario(), fake);
    expect(result).toMatchObject({ status: 'warning', operations: 1 });
  });
});

describe('error handler routes with modules and routers', () => {
  /** update fails for b (already exists) and c (connection lost); a–c are findable with getThing. */
  function service() {
    return new FakeModules({
      listThings: () => things(['a', 'b', 'c']),
      updateThing: (p) => {
        if (p.id === 'b') throw new DuplicateDataError('[422] b already exists');
        if (p.id === 'c') throw new ConnectionError('reply lost');
        return [{ id: p.id }];
      },
      getThing: (p) => (p.id === 'none' ? [] : [{ id: p.id, found: true }]),
      echo: (p) => [p],
    });
  }
  const errorIs = (type: string, o = 'text:equal') => ({
    name: type,
    conditions: [[{ a: '{{2.error.type}}', o, b: type }]],
  });
  const routerHandler = [
    {
      id: 40,
      module: 'builtin:BasicRouter',
      routes: [
        {
          flow: [
            mod(41, 'getThing', { id: '{{1.id}}' }, { filter: errorIs('DuplicateDataError') }),
            { id: 42, module: 'builtin:Resume', mapper: { id: '{{41.id}}', resumed: '{{41.found}}' } },
          ],
        },
        {
          flow: [
            {
              id: 43,
              module: 'builtin:Break',
              filter: errorIs('DuplicateDataError', 'text:notequal'),
              mapper: { retry: true, count: '3', interval: '5' },
            },
          ],
        },
      ],
    },
  ];

  test('a Router in a handler: each route ends in its own directive, the first one the bundle reaches decides', async () => {
    const fake = service();
    const result = await run(scenario(routerHandler), fake);
    // b: the search supplies what echo needs (Resume); c: stored for a retry (Break).
    expect(fake.trace()).toEqual([
      'listThings',
      'updateThing:a',
      'echo:a',
      'updateThing:b',
      'getThing:b',
      'echo:b',
      'updateThing:c',
    ]);
    expect(fake.calls.find((c) => c.moduleId === 'echo' && c.params.id === 'b')?.params).toEqual({
      id: 'b',
      resumed: true,
    });
    expect(result.incomplete).toEqual([
      expect.objectContaining({
        moduleId: '2',
        bundle: expect.objectContaining({ '1': expect.objectContaining({ id: 'c' }) }),
      }),
    ]);
    expect(result.status).toBe('warning');
    // The router and the search are modules with their counts; directives are not.
    expect(result.modules.map((m) => m.id)).toEqual(['1', '2', '40', '41', '3']);
  });

  test('a directive the bundle never reaches (the module before it emitted nothing) is Ignore', async () => {
    const fake = service();
    const handler = [mod(50, 'getThing', { id: 'none' }), directive('Break')];
    const result = await run(scenario(handler), fake);
    expect(result.incomplete).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('a directive inside a handler route must end it; in the main flow there is none', async () => {
    const inside = scenario([
      { id: 40, module: 'builtin:BasicRouter', routes: [{ flow: [directive('Resume'), mod(41, 'echo')] }] },
    ]);
    await expect(run(inside, service())).rejects.toThrow(
      'module 2 (app#chartmogul-x1y2z3:updateThing): error handler directive builtin:Resume must end the handler route',
    );
    const outside = blueprint([
      mod(1, 'listThings'),
      { id: 40, module: 'builtin:BasicRouter', routes: [{ flow: [directive('Ignore')] }] },
    ]);
    await expect(run(outside, service())).rejects.toThrow('(directives belong in "onerror")');
  });
});
