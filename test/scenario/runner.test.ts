import { BlueprintError } from '../../runtime/scenario/blueprint';
import { runScenarioWith } from '../../runtime/scenario/run';
import type { ScenarioEvent } from '../../runtime/scenario/types';
import { FakeModules, blueprint, mod, testApp, things } from './fixtures';

const app = testApp();
const run = (bp: unknown, fake: FakeModules, opts: Record<string, unknown> = {}) =>
  runScenarioWith(app, bp, { history: false, ...opts }, { executor: fake.executor });

describe('execution model', () => {
  test('bundles flow depth-first: each search result goes all the way down before the next', async () => {
    const fake = new FakeModules({
      listThings: () => things(['a', 'b', 'c']),
      getThing: (p) => [{ id: p.id, detail: `d-${String(p.id)}` }],
      updateThing: (p) => [{ id: p.id, updated: true }],
    });
    const result = await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'getThing', { id: '{{1.id}}' }),
        mod(3, 'updateThing', { id: '{{2.id}}', note: '{{2.detail}}' }),
      ]),
      fake,
    );
    expect(fake.trace()).toEqual([
      'listThings',
      'getThing:a',
      'updateThing:a',
      'getThing:b',
      'updateThing:b',
      'getThing:c',
      'updateThing:c',
    ]);
    expect(fake.calls[2].params).toEqual({ id: 'a', note: 'd-a' });
    expect(result.status).toBe('success');
  });

  test('a search in the middle fans out; operations are one per module execution', async () => {
    const fake = new FakeModules({
      listThings: (p) =>
        p.status === 'parent'
          ? things(['p1', 'p2'])
          : things([`${String(p.status)}-x`, `${String(p.status)}-y`, `${String(p.status)}-z`]),
      updateThing: (p) => [{ id: p.id }],
    });
    const result = await run(
      blueprint([
        mod(1, 'listThings', { status: 'parent' }),
        mod(2, 'listThings', { status: '{{1.id}}' }),
        mod(3, 'updateThing', { id: '{{2.id}}' }),
      ]),
      fake,
    );
    // 1 + 2 searches + 6 updates; module 2 executed twice, emitting 6 bundles.
    expect(result.operations).toBe(9);
    const byId = Object.fromEntries(result.modules.map((m) => [m.id, m]));
    expect(byId['1']).toMatchObject({ operations: 1, bundlesIn: 1, bundlesOut: 2 });
    expect(byId['2']).toMatchObject({ operations: 2, bundlesIn: 2, bundlesOut: 6 });
    expect(byId['3']).toMatchObject({ operations: 6, bundlesIn: 6, bundlesOut: 6 });
    expect(fake.trace().slice(0, 5)).toEqual([
      'listThings',
      'listThings',
      'updateThing:p1-x',
      'updateThing:p1-y',
      'updateThing:p1-z',
    ]);
  });

  test('onProgress counts the first module’s bundles once each has gone all the way through', async () => {
    const fake = new FakeModules({ listThings: () => things(['a', 'b']), updateThing: (p) => [p] });
    const progress: string[] = [];
    await run(blueprint([mod(1, 'listThings'), mod(2, 'updateThing', { id: '{{1.id}}' })]), fake, {
      onProgress: (done: number, total: number) =>
        progress.push(`${done}/${total} after ${fake.calls.length} calls`),
    });
    expect(progress).toEqual(['0/2 after 1 calls', '1/2 after 2 calls', '2/2 after 3 calls']);
  });

  test('a search that finds nothing ends the branch; the run still succeeds', async () => {
    const fake = new FakeModules({ listThings: () => [], updateThing: (p) => [p] });
    const result = await run(
      blueprint([mod(1, 'listThings'), mod(2, 'updateThing', { id: '{{1.id}}' })]),
      fake,
    );
    expect(fake.trace()).toEqual(['listThings']);
    expect(result).toMatchObject({ status: 'success', operations: 1 });
  });

  test('parameters and mapper are merged; __IMTCONN__ never reaches the module', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']), updateThing: (p) => [p] });
    await run(
      blueprint([
        mod(1, 'listThings'),
        { ...mod(2, 'updateThing', { id: '{{1.id}}' }), parameters: { __IMTCONN__: 99, note: 'static' } },
      ]),
      fake,
    );
    expect(fake.calls[1].params).toEqual({ note: 'static', id: 'a' });
  });

  test('an array field mapped with exactly {{…[]}} gets the whole array; other fields get the first element', async () => {
    const fake = new FakeModules({
      listThings: () => things(['a'], () => ({ tags: ['vip', 'gold'] })),
      updateThing: (p) => [p],
    });
    await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'updateThing', { tags: '{{1.tags[]}}', firstTag: '{{1.tags[]}}', note: '{{1.tags[2]}}' }),
      ]),
      fake,
    );
    expect(fake.calls[1].params).toEqual({ tags: ['vip', 'gold'], firstTag: 'vip', note: 'gold' });
  });

  test('erase clears a field (null); ignore leaves it out', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']), updateThing: (p) => [p] });
    await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'updateThing', { id: '{{1.id}}', note: '{{erase}}', firstTag: '{{ignore}}' }),
      ]),
      fake,
    );
    expect(fake.calls[1].params).toEqual({ id: 'a', note: null });
  });

  test('the whole bundle of a module is {{`1`}}; executionId is the run id', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']), echo: (p) => [p] });
    const result = await run(
      blueprint([mod(1, 'listThings'), mod(2, 'echo', { whole: '{{`1`}}', exec: '{{executionId}}' })]),
      fake,
      { runId: 'run-42' },
    );
    expect(result.id).toBe('run-42');
    expect(fake.calls[1].params).toEqual({
      whole: { id: 'a', name: 'Thing a', __IMTINDEX__: 1, __IMTLENGTH__: 1 },
      exec: 'run-42',
    });
  });

  test('an unknown time zone is refused before anything runs', async () => {
    const fake = new FakeModules({ echo: (p) => [p] });
    await expect(run(blueprint([mod(1, 'echo')]), fake, { timezone: 'Mars/Olympus' })).rejects.toThrow(
      'Unknown time zone "Mars/Olympus"',
    );
    expect(fake.calls).toHaveLength(0);
  });

  test('the time zone is settable: it changes dates rendered in a mapper', async () => {
    const bp = blueprint([mod(1, 'echo', { at: '{{formatDate(now; "YYYY-MM-DD HH:mm")}}' })]);
    const now = new Date('2024-06-30T23:30:00Z');
    const utc = new FakeModules({ echo: (p) => [p] });
    const tokyo = new FakeModules({ echo: (p) => [p] });
    await run(bp, utc, { now });
    await run(bp, tokyo, { now, timezone: 'Asia/Tokyo' });
    expect(utc.calls[0].params.at).toBe('2024-06-30 23:30');
    expect(tokyo.calls[0].params.at).toBe('2024-07-01 08:30');
  });
});

describe('filters', () => {
  test('a filter drops bundles entering its module (AND inside a group, OR between groups)', async () => {
    const fake = new FakeModules({
      listThings: () => [
        { id: 'a', status: 'active', mrr: 100 },
        { id: 'b', status: 'active', mrr: 5 },
        { id: 'c', status: 'lead', mrr: 0 },
        { id: 'd', status: 'past_due', mrr: 0 },
      ],
      updateThing: (p) => [p],
    });
    const filter = {
      name: 'big active or past due',
      conditions: [
        [
          { a: '{{1.status}}', o: 'text:equal', b: 'active' },
          { a: '{{1.mrr}}', o: 'number:greater', b: '10' },
        ],
        [{ a: '{{1.status}}', o: 'text:equal:ci', b: 'PAST_DUE' }],
      ],
    };
    const result = await run(
      blueprint([mod(1, 'listThings'), mod(2, 'updateThing', { id: '{{1.id}}' }, { filter })]),
      fake,
    );
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a', 'updateThing:d']);
    expect(result.modules.find((m) => m.id === '2')).toMatchObject({ operations: 2, bundlesIn: 2 });
  });

  test('unary operators ignore b; an unknown operator is rejected before anything runs', async () => {
    const fake = new FakeModules({
      listThings: () => [{ id: 'a', email: 'x@y.z' }, { id: 'b' }],
      updateThing: (p) => [p],
    });
    await run(
      blueprint([
        mod(1, 'listThings'),
        mod(
          2,
          'updateThing',
          { id: '{{1.id}}' },
          { filter: { conditions: [[{ a: '{{1.email}}', o: 'exist' }]] } },
        ),
      ]),
      fake,
    );
    expect(fake.trace()).toEqual(['listThings', 'updateThing:a']);

    const never = new FakeModules({});
    const bad = blueprint([
      mod(1, 'listThings'),
      mod(2, 'updateThing', {}, { filter: { conditions: [[{ a: '1', o: 'text:similar', b: '1' }]] } }),
    ]);
    await expect(run(bad, never)).rejects.toThrow(/module 2 .*unknown filter operator "text:similar"/);
    expect(never.calls).toHaveLength(0);
  });
});

describe('router', () => {
  test('every route whose filter passes runs, in route order, for each bundle', async () => {
    const fake = new FakeModules({
      listThings: () => [
        { id: 'a', status: 'active' },
        { id: 'b', status: 'lead' },
      ],
      updateThing: (p) => [p],
      echo: (p) => [p],
    });
    const router = {
      id: 2,
      module: 'builtin:BasicRouter',
      version: 1,
      mapper: null,
      routes: [
        {
          flow: [
            mod(
              3,
              'updateThing',
              { id: '{{1.id}}', note: 'active route' },
              { filter: { conditions: [[{ a: '{{1.status}}', o: 'text:equal', b: 'active' }]] } },
            ),
          ],
        },
        {
          flow: [
            mod(
              4,
              'updateThing',
              { id: '{{1.id}}', note: 'lead route' },
              { filter: { conditions: [[{ a: '{{1.status}}', o: 'text:equal', b: 'lead' }]] } },
            ),
          ],
        },
        { flow: [mod(5, 'echo', { id: '{{1.id}}' })] },
      ],
    };
    const result = await run(blueprint([mod(1, 'listThings'), router]), fake);
    expect(
      fake.calls.map((c) => `${c.moduleId}:${String(c.params.id)}:${String(c.params.note ?? '')}`),
    ).toEqual([
      'listThings:undefined:',
      'updateThing:a:active route',
      'echo:a:',
      'updateThing:b:lead route',
      'echo:b:',
    ]);
    // The router itself costs no operation.
    expect(result.operations).toBe(5);
    expect(result.modules.find((m) => m.id === '2')).toMatchObject({ operations: 0, bundlesIn: 2 });
  });
});

describe('built-ins', () => {
  test('BasicFeeder iterates an array: objects keep their fields, primitives become {value}; 1-based index', async () => {
    const fake = new FakeModules({
      listThings: () => [{ id: 'a', items: [{ sku: 'x' }, { sku: 'y' }], tags: ['t1', 't2', 't3'] }],
      echo: (p) => [p],
    });
    const result = await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'builtin:BasicFeeder', { array: '{{1.items}}' }),
        mod(3, 'echo', { sku: '{{2.sku}}', i: '{{2.__IMTINDEX__}}', n: '{{2.__IMTLENGTH__}}' }),
        mod(4, 'builtin:BasicFeeder', { array: '{{1.tags}}' }),
        mod(5, 'echo', { tag: '{{4.value}}', sku: '{{2.sku}}' }),
      ]),
      fake,
    );
    expect(fake.calls.slice(1).map((c) => c.params)).toEqual([
      { sku: 'x', i: 1, n: 2 },
      { tag: 't1', sku: 'x' },
      { tag: 't2', sku: 'x' },
      { tag: 't3', sku: 'x' },
      { sku: 'y', i: 2, n: 2 },
      { tag: 't1', sku: 'y' },
      { tag: 't2', sku: 'y' },
      { tag: 't3', sku: 'y' },
    ]);
    const byId = Object.fromEntries(result.modules.map((m) => [m.id, m]));
    expect(byId['2']).toMatchObject({ operations: 1, bundlesOut: 2 });
    expect(byId['4']).toMatchObject({ operations: 2, bundlesOut: 6 });
  });

  test('an empty or missing array makes the iterator emit nothing', async () => {
    const fake = new FakeModules({
      listThings: () => [{ id: 'a', items: [] }, { id: 'b' }],
      echo: (p) => [p],
    });
    const result = await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'builtin:BasicFeeder', { array: '{{1.items}}' }),
        mod(3, 'echo', { x: '{{2.value}}' }),
      ]),
      fake,
    );
    expect(fake.trace()).toEqual(['listThings']);
    expect(result.modules.find((m) => m.id === '2')).toMatchObject({ operations: 2, bundlesOut: 0 });
  });

  test('BasicAggregator collects what its feeder’s bundles produced into one bundle, then the flow goes on', async () => {
    const fake = new FakeModules({
      listThings: () => [
        {
          id: 'a',
          items: [
            { sku: 'x', qty: 1 },
            { sku: 'y', qty: 2 },
            { sku: 'z', qty: 0 },
          ],
        },
        { id: 'b', items: [{ sku: 'q', qty: 0 }] },
      ],
      getThing: (p) => [{ id: p.id, price: 10 }],
      echo: (p) => [p],
    });
    const result = await run(
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'builtin:BasicFeeder', { array: '{{1.items}}' }),
        mod(
          3,
          'getThing',
          { id: '{{2.sku}}' },
          { filter: { conditions: [[{ a: '{{2.qty}}', o: 'number:greater', b: '0' }]] } },
        ),
        {
          ...mod(4, 'builtin:BasicAggregator', { sku: '{{3.id}}', qty: '{{2.qty}}' }),
          parameters: { feeder: 2 },
        },
        mod(5, 'echo', { owner: '{{1.id}}', lines: '{{4.array}}', count: '{{4.__IMTAGGLENGTH__}}' }),
      ]),
      fake,
    );
    // Thing b's only item is filtered out: its aggregator receives nothing and emits nothing.
    expect(fake.calls.filter((c) => c.moduleId === 'echo').map((c) => c.params)).toEqual([
      {
        owner: 'a',
        lines: [
          { sku: 'x', qty: 1 },
          { sku: 'y', qty: 2 },
        ],
        count: 2,
      },
    ]);
    expect(result.modules.find((m) => m.id === '4')).toMatchObject({
      operations: 1,
      bundlesIn: 2,
      bundlesOut: 1,
    });
  });

  test('an aggregator without mapped fields collects the feeder’s whole bundles', async () => {
    const fake = new FakeModules({ listThings: () => things(['a', 'b']), echo: (p) => [p] });
    await run(
      blueprint([
        mod(1, 'listThings'),
        { ...mod(2, 'builtin:BasicAggregator'), parameters: { feeder: 1 } },
        mod(3, 'echo', { ids: '{{map(2.array; id)}}' }),
      ]),
      fake,
    );
    expect(fake.calls.map((c) => c.params)).toEqual([{}, { ids: ['a', 'b'] }]);
  });

  test('SetVariable2 outputs {name: value}; ParseJSON gives a bundle per object (one per element of an array)', async () => {
    const fake = new FakeModules({ echo: (p) => [p] });
    const result = await run(
      blueprint([
        mod(1, 'util:SetVariable2', { name: 'payload', scope: 'roundtrip', value: '[{"n":1},{"n":2}]' }),
        mod(2, 'json:ParseJSON', { json: '{{1.payload}}' }),
        mod(3, 'echo', { n: '{{2.n}}' }),
      ]),
      fake,
    );
    expect(fake.calls.map((c) => c.params)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(result.operations).toBe(4);
  });

  test('ParseJSON of invalid text is a DataError that an error handler can catch', async () => {
    const fake = new FakeModules({ echo: (p) => [p] });
    const result = await run(
      blueprint([
        mod(1, 'util:SetVariable2', { name: 'text', value: '{not json' }),
        mod(
          2,
          'json:ParseJSON',
          { json: '{{1.text}}' },
          {
            onerror: [
              mod(3, 'echo', { type: '{{2.error.type}}' }),
              { id: 4, module: 'builtin:Ignore', version: 1 },
            ],
          },
        ),
      ]),
      fake,
    );
    expect(fake.calls.map((c) => c.params)).toEqual([{ type: 'DataError' }]);
    expect(result.status).toBe('success');
  });
});

describe('blueprint checks', () => {
  test('a module the app does not have fails before anything runs, naming it', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']) });
    const bp = blueprint([mod(1, 'listThings'), mod(2, 'deleteEverything'), mod(3, 'http:ActionSendData')]);
    const err = await run(bp, fake).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlueprintError);
    expect((err as BlueprintError).problems).toEqual([
      'module 2 (app#chartmogul-x1y2z3:deleteEverything): this app has no module "deleteEverything"',
      'module 3 (http:ActionSendData): unknown module "http:ActionSendData"',
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  test('a module after a Router in the same flow fails the blueprint (a Router ends its flow)', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']), echo: (p) => [p] });
    const router = { id: 2, module: 'builtin:BasicRouter', routes: [{ flow: [mod(3, 'echo')] }] };
    const err = (await run(blueprint([mod(1, 'listThings'), router, mod(4, 'echo')]), fake).catch(
      (e: unknown) => e,
    )) as BlueprintError;
    expect(err).toBeInstanceOf(BlueprintError);
    expect(err.problems).toEqual([
      'flow: module 4 (app#chartmogul-x1y2z3:echo) follows the Router (module 2) and would never run; a Router ends its flow, so move it into one of the routes',
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  test('app#<name>:<module> resolves whatever the app name’s suffix; a JSON string is accepted', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']) });
    const bp = { flow: [{ id: 1, module: 'app#chartmogul-9zz:listThings', parameters: {}, mapper: {} }] };
    const result = await run(JSON.stringify(bp), fake);
    expect(result).toMatchObject({ status: 'success', operations: 1 });
  });

  test('a template that does not compile fails the blueprint before anything runs, with module, field and position', async () => {
    const fake = new FakeModules({ listThings: () => things(['a']) });
    const bp = blueprint([
      mod(1, 'listThings'),
      mod(
        2,
        'updateThing',
        { id: '{{1.id', note: '{{noSuchFunction(1.id)}}' },
        { filter: { conditions: [[{ a: '{{1.id +}}', o: 'exist' }]] } },
      ),
    ]);
    const err = (await run(bp, fake).catch((e: unknown) => e)) as BlueprintError;
    expect(err).toBeInstanceOf(BlueprintError);
    expect(err.problems).toHaveLength(3);
    expect(err.problems[0]).toMatch(
      /^module 2 \(app#chartmogul-x1y2z3:updateThing\) mapper "id": .*\(at 1:\d+\)/,
    );
    expect(err.problems[1]).toMatch(/^module 2 .* mapper "note": .*noSuchFunction/);
    expect(err.problems[2]).toMatch(/^module 2 .* filter "a": /);
    expect(fake.calls).toHaveLength(0);
  });

  test('malformed blueprints are reported', async () => {
    const fake = new FakeModules({});
    await expect(run({ nope: 1 }, fake)).rejects.toThrow('expected an object with a "flow" array');
    await expect(run('{', fake)).rejects.toThrow(/not valid JSON/);
    await expect(run(blueprint([mod(1, 'echo'), mod(1, 'echo')]), fake)).rejects.toThrow(/duplicate id 1/);
    await expect(
      run(blueprint([{ ...mod(1, 'builtin:BasicAggregator'), parameters: { feeder: 7 } }]), fake),
    ).rejects.toThrow(/feeder/);
    await expect(run(blueprint([mod(1, 'builtin:Break')]), fake)).rejects.toThrow(
      /directives belong in "onerror"/,
    );
  });
});

describe('events', () => {
  test('module:start, bundle, module:end per execution, run:end last', async () => {
    const fake = new FakeModules({
      listThings: () => things(['a', 'b']),
      updateThing: (p) => [{ id: p.id }],
    });
    const events: ScenarioEvent[] = [];
    const result = await run(
      blueprint([mod(1, 'listThings'), mod(2, 'updateThing', { id: '{{1.id}}' })]),
      fake,
      { onEvent: (e: ScenarioEvent) => events.push(e) },
    );
    expect(events.map((e) => (e.type === 'run:end' ? e.type : `${e.type}:${e.moduleId}`))).toEqual([
      'module:start:1',
      'bundle:1',
      'bundle:1',
      'module:end:1',
      'module:start:2',
      'bundle:2',
      'module:end:2',
      'module:start:2',
      'bundle:2',
      'module:end:2',
      'run:end',
    ]);
    expect(events[5]).toEqual({ type: 'bundle', moduleId: '2', input: { id: 'a' }, output: { id: 'a' } });
    expect(events[events.length - 1]).toEqual({ type: 'run:end', run: result });
  });
});
