import { RuntimeError } from '../../runtime/errors';
import { parseInterval, scheduleScenarioWith } from '../../runtime/scenario/schedule';
import type { ScenarioRun } from '../../runtime/scenario/types';
import { FakeModules, blueprint, mod, testApp, things } from './fixtures';

const app = testApp();

/** A promise the test resolves by hand, to hold a module mid-execution. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const nextTick = () => new Promise((r) => setImmediate(r));

describe('interval scheduling', () => {
  test('intervals parse like Make’s settings; nonsense is rejected', () => {
    expect(parseInterval('15m')).toBe(900_000);
    expect(parseInterval(' 2 h ')).toBe(7_200_000);
    // Issue 16: spaces on both sides of the optional unit backtracked quadratically (minutes here).
    expect(() => parseInterval(`1${' '.repeat(300_000)}x`)).toThrow(/Invalid interval/);
    expect(parseInterval('15')).toBe(900_000);
    expect(parseInterval('2h')).toBe(7_200_000);
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('250ms')).toBe(250);
    expect(parseInterval('1d')).toBe(86_400_000);
    expect(() => parseInterval('soon')).toThrow('Invalid interval "soon"');
    expect(() => parseInterval('0m')).toThrow();
  });

  test('runs repeat; a run never overlaps the previous one, however long it takes', async () => {
    let active = 0;
    let maxActive = 0;
    const fake = new FakeModules({
      listThings: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        // Longer than the 1 ms interval: the next run must wait for this one.
        await new Promise((r) => setTimeout(r, 15));
        active -= 1;
        return things(['a']);
      },
    });
    const runs: ScenarioRun[] = [];
    const schedule = scheduleScenarioWith(
      app,
      blueprint([mod(1, 'listThings')]),
      { every: '1ms', history: false, onEvent: (e) => e.type === 'run:end' && runs.push(e.run) },
      { executor: fake.executor },
    );
    while (runs.length < 4) await new Promise((r) => setTimeout(r, 5));
    await schedule.stop();
    expect(maxActive).toBe(1);
    // The runs before stop() completed; the last one may have been stopped before its bundle started.
    expect(runs.slice(0, 3).map((r) => r.status)).toEqual(['success', 'success', 'success']);
  });

  test('stop() lets the trigger bundle in flight finish its path, then no other bundle starts', async () => {
    const held = gate();
    let updating!: () => void;
    const updateStarted = new Promise<void>((r) => (updating = r));
    const fake = new FakeModules({
      listThings: () => things(['a', 'b', 'c']),
      getThing: (p) => [{ id: p.id }],
      updateThing: async (p) => {
        updating();
        await held.opened;
        return [{ id: p.id }];
      },
    });
    const runs: ScenarioRun[] = [];
    const schedule = scheduleScenarioWith(
      app,
      blueprint([
        mod(1, 'listThings'),
        mod(2, 'getThing', { id: '{{1.id}}' }),
        mod(3, 'updateThing', { id: '{{2.id}}' }),
      ]),
      { every: '15m', history: false, onEvent: (e) => e.type === 'run:end' && runs.push(e.run) },
      { executor: fake.executor },
    );
    await updateStarted; // bundle "a" is in flight, inside updateThing
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await nextTick();
    expect(stopped).toBe(false); // stop waits for the bundle in flight
    held.open();
    await stopping;
    expect(fake.trace()).toEqual(['listThings', 'getThing:a', 'updateThing:a']);
    expect(runs).toHaveLength(1);
    // What was left is one incomplete execution a retry finishes the run with (nothing was in flight).
    expect(runs[0]).toMatchObject({ status: 'interrupted', stoppedBy: 'abort' });
    expect(runs[0].incomplete).toEqual([
      expect.objectContaining({
        moduleId: '1',
        bundle: {},
        error: expect.objectContaining({ type: 'ExecutionInterruptedError' }),
        outcome: 'failed',
      }),
    ]);
  });

  test('the schedule deactivates itself after maxErrors consecutive failed runs', async () => {
    const fake = new FakeModules({
      listThings: () => {
        throw new RuntimeError('down');
      },
    });
    const reasons: string[] = [];
    let count = 0;
    const schedule = scheduleScenarioWith(
      app,
      blueprint([mod(1, 'listThings')], { metadata: { scenario: { maxErrors: 2 } } }),
      {
        every: '1ms',
        history: false,
        onEvent: (e) => e.type === 'run:end' && (count += 1),
        onDeactivate: (r) => reasons.push(r),
      },
      { executor: fake.executor },
    );
    await schedule.done;
    expect(count).toBe(2);
    expect(reasons).toEqual(['2 consecutive runs failed']);
  });

  test('a bad blueprint fails when scheduling, not at the first tick', () => {
    expect(() =>
      scheduleScenarioWith(
        app,
        blueprint([mod(1, 'nope')]),
        { every: '15m' },
        { executor: new FakeModules({}).executor },
      ),
    ).toThrow(/no module "nope"/);
  });
});
