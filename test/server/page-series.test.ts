/**
 * Which outputs the inspector charts (runtime/server/public/js/series.js, browser code run in a child
 * node process): dated numbers, as bundles or as the list in one bundle; points summed (or counted)
 * per day when a day has several; anything else is no series.
 */
import { inPageModule, js } from './page-module';

const seriesOf = (outputs: unknown[]) =>
  inPageModule<{ dateKey: string; numberKeys: string[]; perDay: boolean } | null>(
    'series.js',
    `(() => { const s = m.seriesOf(${js(outputs)}); return s && { dateKey: s.dateKey, numberKeys: s.numberKeys, perDay: s.perDay }; })()`,
  );
const dataOf = (outputs: unknown[], field: string) =>
  inPageModule<unknown>('series.js', `m.seriesData(m.seriesOf(${js(outputs)}), ${js(field)})`);

const monthly = [
  { date: '2025-02-28', mrr: 20, __IMTINDEX__: 2 },
  { date: '2025-01-31', mrr: 10, __IMTINDEX__: 1 },
];

test('bundles with a date and numbers are a series; Make’s bundle counters are not its numbers', () => {
  expect(seriesOf(monthly)).toEqual({ dateKey: 'date', numberKeys: ['mrr'], perDay: false });
  expect(dataOf(monthly, 'mrr')).toEqual({
    type: 'line',
    labels: ['2025-01-31', '2025-02-28'],
    label: 'mrr',
    data: [10, 20],
  });
});

test("the list in a single bundle is a series too (a metrics reply's entries)", () => {
  expect(seriesOf([{ entries: monthly, summary: { current: 1 } }])).toEqual({
    dateKey: 'date',
    numberKeys: ['mrr'],
    perDay: false,
  });
});

test('times of day, or a date twice, make points per day: summed, or counted', () => {
  const moves = [
    { at: '2025-05-01T09:00:00Z', amount: 5 },
    { at: '2025-05-01T10:00:00Z', amount: 7 },
    { at: '2025-05-03T10:00:00+02:00', amount: -2 },
  ];
  expect(seriesOf(moves)).toEqual({ dateKey: 'at', numberKeys: ['amount'], perDay: true });
  expect(dataOf(moves, 'amount')).toEqual(
    expect.objectContaining({ type: 'bar', labels: ['2025-05-01', '2025-05-03'], data: [12, -2] }),
  );
  expect(dataOf(moves, '__count__')).toEqual(
    expect.objectContaining({ label: 'bundles per day', data: [2, 1] }),
  );
});

test('no series: one point, no date, no number, a date that is not one, mixed types', () => {
  expect(seriesOf([{ date: '2025-01-01', n: 1 }])).toBeNull();
  expect(seriesOf([{ n: 1 }, { n: 2 }])).toBeNull();
  expect(
    seriesOf([
      { date: '2025-01-01', s: 'x' },
      { date: '2025-01-02', s: 'y' },
    ]),
  ).toBeNull();
  expect(
    seriesOf([
      { date: 'soon', n: 1 },
      { date: 'later', n: 2 },
    ]),
  ).toBeNull();
  expect(
    seriesOf([
      { date: '2025-01-01', n: 1 },
      { date: '2025-01-02', n: '2' },
    ]),
  ).toBeNull();
});
