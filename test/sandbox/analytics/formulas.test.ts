/** The key-metric formulas with the reference's worked examples (§b.2 #11–#16) and recorded numbers (§d.3). */
import { dayOf, entryWindowsFor } from './calendar-kit';
import { figures, ltvOf, percent, percentageChange } from '../../../sandbox/analytics/metrics/formulas';
import { emptySums, Totals, type DailyRow } from '../../../sandbox/analytics/metrics/totals';

const row = (iso: string, sums: Partial<DailyRow>): DailyRow => ({
  ...emptySums(),
  day: dayOf(iso),
  ...sums,
});
const MAY = { from: dayOf('2024-05-01'), to: dayOf('2024-05-31') };

describe('key metrics', () => {
  it('#11 ARPA: five customers paying $100, $100, $300, $500, $500 → $300', () => {
    const totals = new Totals([
      row('2024-04-01', { mrr: 150000, customers: 5, new_customers: 5, new_biz: 150000 }),
    ]);
    expect(figures(totals, MAY, 0)).toMatchObject({ mrr: 150000, arr: 1800000, customers: 5, arpa: 30000 });
  });

  it('#12 ASP: 10 new customers in May, 3 × $100 and 7 × $50 → $65', () => {
    const totals = new Totals([
      row('2024-05-10', { mrr: 65000, new_biz: 65000, customers: 10, new_customers: 10 }),
    ]);
    expect(figures(totals, MAY, 0).asp).toBe(6500);
  });

  it('#13 customer churn: 100 at the start, 11 cancel, 1 of them joined that month → 10 %', () => {
    const totals = new Totals([
      row('2024-04-01', { customers: 100 }),
      row('2024-05-03', { customers: 1, new_customers: 1 }),
      row('2024-05-20', { customers: -11, churned: 11, churned_same_month: 1 }),
    ]);
    expect(figures(totals, MAY, 1).customerChurnRate).toBe(10);
  });

  it('#14 net MRR churn: $100 at the start, −$10 churn, −$10 contraction, +$10 expansion → 10 %', () => {
    const totals = new Totals([
      row('2024-04-01', { mrr: 10000, customers: 1 }),
      row('2024-05-10', { mrr: -1000, churn: -1000, customers: 0 }),
      row('2024-05-11', { mrr: -1000, contraction: -1000 }),
      row('2024-05-12', { mrr: 1000, expansion: 1000 }),
    ]);
    expect(figures(totals, MAY, 0)).toMatchObject({ mrrChurnRate: 10, mrr: 9000, churn: -1000 });
  });

  it('#16 LTV: ARPA $100 and 5 % monthly churn → $2,000; 0 without churn', () => {
    expect(ltvOf(10000, 5)).toBe(200000);
    expect(ltvOf(10000, 0)).toBe(0);
  });

  it('recorded numbers: ARPA and LTV floored, rates with two decimals, changes against |previous|', () => {
    expect(Math.floor(383859969 / 585)).toBe(656170);
    expect(ltvOf(656170, 0.56)).toBe(117173214);
    expect(ltvOf(62538, 2.85)).toBe(2194315);
    expect(percent(10, 585)).toBe(1.71);
    expect(percent(1730666 + 770875 - 1559209 - 315000, 68604881)).toBe(0.91);
    expect(percentageChange(1113423, 656170)).toBe(69.69);
    expect(percentageChange(-74.52, -0.17)).toBe(-43735.29);
    expect(percentageChange(0.91, -0.67)).toBe(235.82);
    expect(percentageChange(5, 0)).toBe(0);
  });

  it('entries are dated at the end of each interval, the last clipped to end-date', () => {
    expect(entryWindowsFor('2015-01-01', '2015-02-01', 'month')).toEqual(['2015-01-31', '2015-02-01']);
    expect(entryWindowsFor('2023-07-15', '2023-09-30', 'month')).toEqual([
      '2023-07-31',
      '2023-08-31',
      '2023-09-30',
    ]);
    // Weeks start on Monday: entries fall on Sundays.
    expect(entryWindowsFor('2024-01-01', '2024-01-20', 'week')).toEqual([
      '2024-01-07',
      '2024-01-14',
      '2024-01-20',
    ]);
    expect(entryWindowsFor('2024-02-10', '2024-12-31', 'quarter')).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
    expect(entryWindowsFor('2015-01-01', '2015-01-03', 'day')).toEqual([
      '2015-01-01',
      '2015-01-02',
      '2015-01-03',
    ]);
  });
});
