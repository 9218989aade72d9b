/**
 * The derivation's rules, one test each, with the worked examples of reference/chartmogul-analytics.md
 * (§b.2, numbered as there) and the numbers they publish; recorded numbers where a recording gives one.
 */
import { deriveCustomer } from '../../../sandbox/analytics/rules/derive';
import { durationRatio, prorateFactor } from '../../../sandbox/analytics/rules/mrr';
import { toAccountCurrency, isConvertible, roundHalfUp } from '../../../sandbox/analytics/rules/money';
import { at, Billing, plan } from './facts';

const FAR = at('2100-01-01');

function movements(b: Billing, now = FAR) {
  return deriveCustomer(b.build(), now).movements.map((m) => [
    new Date(m.at).toISOString().slice(0, 16),
    m.type,
    m.amount,
    m.mrrAfter,
  ]);
}

describe('the MRR formula (§b)', () => {
  it('#1 $90 for a 3-month plan is $30 a month', () => {
    const b = new Billing().item('s', plan('Quarterly', 'month', 3), '2020-01-01', '2020-04-01', 9000);
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(3000);
  });

  it('#2 4 × Gold annual charged $2,000 is $166.67 of new business', () => {
    const b = new Billing().item('gold', plan('Gold', 'year'), '2019-01-01', '2020-01-01', 200000, {
      quantity: 4,
    });
    expect(movements(b)).toEqual([['2019-01-01T00:00', 'new_biz', 16667, 16667]]);
  });

  it('a 7-day plan: 1000 for a 31-day period is 4348 a month (30.4375 days a month, recorded)', () => {
    const weekly = plan('Weekly', 'day', 7);
    expect(durationRatio(weekly)).toBeCloseTo(30.4375 / 7);
    const b = new Billing().item('s', weekly, '2016-01-01T12:00:00Z', '2016-02-01T12:00:00Z', 1000);
    const derived = deriveCustomer(b.build(), FAR);
    expect(derived.mrr).toBe(4348);
    expect(derived.mrr * 12).toBe(52176);
  });

  it('the plan interval, not the service period, sets the ratio (a 30-day period on a monthly plan)', () => {
    const b = new Billing().item('s', plan('M'), '2017-05-01', '2017-05-31', 10000);
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(10000);
  });

  it('tax is excluded; quantity and discounts do not enter the formula', () => {
    const b = new Billing().item('s', plan('M'), '2024-01-01', '2024-02-01', 11000, {
      tax: 1000,
      quantity: 11,
    });
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(10000);
  });

  it('#9 a prorated extra seat: 2500 × 31/16 = 4844 added to 5000 from 2016-03-16', () => {
    const bronze = plan('Bronze');
    expect(prorateFactor(bronze, at('2016-03-16'), at('2016-04-01'))).toBe(31 / 16);
    const b = new Billing()
      .item('s', bronze, '2016-01-01', '2016-02-01', 5000)
      .item('s', bronze, '2016-03-16', '2016-04-01', 2500, {
        prorated: true,
        proration_type: 'differential',
      } as never);
    expect(movements(b)).toEqual([
      ['2016-01-01T00:00', 'new_biz', 5000, 5000],
      ['2016-03-16T00:00', 'expansion', 4844, 9844],
    ]);
  });

  it('#10 a prorated item: (5000 − 900) × 30/21 = 5857', () => {
    const b = new Billing().item('s', plan('P'), '2022-11-10', '2022-12-01', 5000, {
      tax: 900,
      prorated: true,
      prorationType: 'differential',
    });
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(5857);
  });

  it('#8 a mid-cycle upgrade as a prorated charge and credit ends at $250 from June 16', () => {
    const bronze = plan('Bronze');
    const gold = plan('Gold');
    const b = new Billing()
      .item('jl_subid_01', bronze, '2019-06-01', '2019-07-01', 10000)
      .item('jl_subid_01', gold, '2019-06-16', '2019-07-01', 12500, { prorated: true })
      .item('jl_subid_01', bronze, '2019-06-16', '2019-07-01', -5000, { prorated: true });
    expect(movements(b)).toEqual([
      ['2019-06-01T00:00', 'new_biz', 10000, 10000],
      ['2019-06-16T00:00', 'expansion', 25000, 35000],
      ['2019-06-16T00:00', 'contraction', -10000, 25000],
    ]);
    const sub = deriveCustomer(b.build(), FAR).subscriptions[0];
    expect(sub).toMatchObject({ mrr: 25000, planUuid: gold.uuid });
  });

  it('a prorated item with proration_type full states the whole new MRR', () => {
    const b = new Billing()
      .item('s', plan('M'), '2022-11-01', '2022-12-01', 5000)
      .item('s', plan('M'), '2022-11-16', '2022-12-01', 3000, { prorated: true, prorationType: 'full' });
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(6000);
  });

  it('a subscription never falls below $0 (a credit larger than the MRR)', () => {
    const b = new Billing()
      .item('s', plan('M'), '2022-11-01', '2022-12-01', 1000)
      .item('s', plan('M'), '2022-11-16', '2022-12-01', -5000, { prorated: true });
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(0);
  });

  it('trial items keep the subscription at $0: the customer stays a lead until it pays', () => {
    const b = new Billing('Working Lead').item('s', plan('M'), '2024-01-01', '2024-01-15', 0, {
      kind: 'trial',
    });
    expect(deriveCustomer(b.build(), FAR)).toMatchObject({ status: 'Working Lead', mrr: 0, since: null });
    b.item('s', plan('M'), '2024-01-15', '2024-02-15', 2000);
    expect(deriveCustomer(b.build(), FAR)).toMatchObject({
      status: 'Active',
      mrr: 2000,
      since: at('2024-01-15'),
    });
  });
});

describe('currencies (§a.7)', () => {
  it('converts at the fixed rate, so a renewal at the same foreign price creates no movement', () => {
    const b = new Billing()
      .item('s', plan('M'), '2024-01-01', '2024-02-01', 10000, { currency: 'EUR' })
      .item('s', plan('M'), '2024-02-01', '2024-03-01', 10000, { currency: 'EUR' });
    const expected = roundHalfUp(toAccountCurrency(10000, 'EUR'));
    expect(expected).toBe(10945);
    expect(movements(b)).toEqual([['2024-01-01T00:00', 'new_biz', expected, expected]]);
  });

  it('knows the currencies of the recordings and refuses one without a rate', () => {
    for (const c of ['USD', 'EUR', 'JPY', 'PLN', 'GBP']) expect(isConvertible(c)).toBe(true);
    expect(isConvertible('XAU')).toBe(false);
    expect(() => toAccountCurrency(100, 'XAU')).toThrow(/XAU is not supported/);
  });
});

describe('movements (§c)', () => {
  it('#2–#6 new business, expansion, contraction, churn and reactivation (Syncalytics)', () => {
    const gold = plan('Gold', 'year');
    const silver = plan('Silver');
    const b = new Billing()
      .item('gold', gold, '2019-01-01', '2020-01-01', 200000, { quantity: 4 })
      .item('silver', silver, '2019-03-01', '2019-04-01', 6000, { quantity: 2 })
      .cancel('silver', '2019-03-15')
      .cancel('gold', '2020-01-01')
      .item('gold-monthly', plan('Gold monthly'), '2020-06-01', '2020-07-01', 15000, { quantity: 3 });
    expect(movements(b)).toEqual([
      ['2019-01-01T00:00', 'new_biz', 16667, 16667],
      ['2019-03-01T00:00', 'expansion', 6000, 22667],
      ['2019-03-15T00:00', 'contraction', -6000, 16667],
      ['2020-01-01T00:00', 'churn', -16667, 0],
      ['2020-06-01T00:00', 'reactivation', 15000, 15000],
    ]);
  });

  it('#7 Bronze $100 → Gold $250 at the next period: $150 of expansion, total $250', () => {
    const b = new Billing()
      .item('jl_subid_01', plan('Bronze'), '2019-01-01', '2019-02-01', 10000)
      .item('jl_subid_01', plan('Gold'), '2019-02-01', '2019-03-01', 25000);
    const derived = deriveCustomer(b.build(), FAR);
    expect(derived.mrr).toBe(25000);
    expect(derived.movements[1]).toMatchObject({
      type: 'expansion',
      amount: 15000,
      description: 'switched plan from Bronze to Gold',
    });
  });

  it('a renewal at the same price, or a gap between periods, is no movement', () => {
    const b = new Billing()
      .item('s', plan('M'), '2024-01-01', '2024-02-01', 1000)
      .item('s', plan('M'), '2024-02-01', '2024-03-01', 1000)
      .item('s', plan('M'), '2024-06-01', '2024-07-01', 1000);
    expect(movements(b)).toHaveLength(1);
  });

  it('descriptions: purchased, upgraded, downgraded, cancelled, reactivated', () => {
    const m = plan('Pro');
    const b = new Billing()
      .item('s', m, '2024-01-01', '2024-02-01', 1000)
      .item('s', m, '2024-02-01', '2024-03-01', 2000, { quantity: 2 })
      .item('s', m, '2024-03-01', '2024-04-01', 1500)
      .cancel('s', '2024-03-20')
      .item('s', m, '2024-05-01', '2024-06-01', 1500);
    expect(deriveCustomer(b.build(), FAR).movements.map((x) => x.description)).toEqual([
      'purchased the Pro plan',
      'upgraded their Pro plan',
      'downgraded their Pro plan',
      'cancelled their Pro plan',
      'reactivated their Pro plan',
    ]);
  });

  it('two subscriptions bought at once are two new_biz movements (4004 then 8009 recorded)', () => {
    const b = new Billing()
      .item('one', plan('Test Plan1'), '2016-01-01T12:00:00Z', '2016-02-01T12:00:00Z', 4004)
      .item('two', plan('Test Plan2'), '2016-01-01T12:00:00Z', '2016-02-01T12:00:00Z', 4005);
    expect(movements(b)).toEqual([
      ['2016-01-01T12:00', 'new_biz', 4004, 4004],
      ['2016-01-01T12:00', 'new_biz', 4005, 8009],
    ]);
  });

  it('Smart Activity Classification: 60 minutes after new_biz and reactivation, 60 minutes before churn', () => {
    const b = new Billing()
      .item('a', plan('A'), '2024-01-01T10:00:00Z', '2024-02-01', 1000)
      .item('b', plan('B'), '2024-01-01T11:00:00Z', '2024-02-01', 500) // within the hour: new_biz
      .item('c', plan('C'), '2024-01-01T11:01:00Z', '2024-02-01', 300) // after it: expansion
      .cancel('c', '2024-03-01T09:30:00Z') // 30 minutes before churn: churn
      .cancel('b', '2024-03-01T09:00:00Z') // 60 minutes before churn: churn
      .cancel('a', '2024-03-01T10:00:00Z')
      .item('a', plan('A'), '2024-05-01T00:00:00Z', '2024-06-01', 1000)
      .item('b', plan('B'), '2024-05-01T00:30:00Z', '2024-06-01', 500); // reactivation
    expect(movements(b)).toEqual([
      ['2024-01-01T10:00', 'new_biz', 1000, 1000],
      ['2024-01-01T11:00', 'new_biz', 500, 1500],
      ['2024-01-01T11:01', 'expansion', 300, 1800],
      ['2024-03-01T09:00', 'churn', -500, 1300],
      ['2024-03-01T09:30', 'churn', -300, 1000],
      ['2024-03-01T10:00', 'churn', -1000, 0],
      ['2024-05-01T00:00', 'reactivation', 1000, 1000],
      ['2024-05-01T00:30', 'reactivation', 500, 1500],
    ]);
    // Customer counts follow the real transitions only.
    const counted = deriveCustomer(b.build(), FAR).movements.map((m) => m.customersDelta);
    expect(counted).toEqual([1, 0, 0, 0, 0, -1, 1, 0]);
  });

  it('a move to a $0 plan without cancelling is contraction; the customer stays Active', () => {
    const b = new Billing()
      .item('s', plan('Paid'), '2024-01-01', '2024-02-01', 1000)
      .item('s', plan('Free'), '2024-02-01', '2024-03-01', 0);
    const derived = deriveCustomer(b.build(), FAR);
    expect(derived.movements.map((m) => [m.type, m.amount])).toEqual([
      ['new_biz', 1000],
      ['contraction', -1000],
    ]);
    expect(derived.status).toBe('Active');
  });
});

describe('cancellations (§a.4) and ordering (§a.2)', () => {
  it('churn is dated at the cancellation, even after the last period (recorded 2017-03-10)', () => {
    const b = new Billing()
      .item('1', plan('Gold annual', 'year'), '2016-02-24', '2017-02-24', 9072)
      .cancel('1', '2017-03-10');
    expect(movements(b)).toEqual([
      ['2016-02-24T00:00', 'new_biz', 756, 756],
      ['2017-03-10T00:00', 'churn', -756, 0],
    ]);
    const [sub] = deriveCustomer(b.build(), FAR).subscriptions;
    // A cancelled subscription keeps showing its last MRR; its end is the cancellation.
    expect(sub).toMatchObject({ active: false, mrr: 756, end: at('2017-03-10') });
  });

  it('a cancellation before the first period leaves the subscription active with its MRR', () => {
    const b = new Billing()
      .item('s', plan('W', 'day', 7), '2016-01-01T12:00:00Z', '2016-02-01', 1000)
      .cancel('s', '1999-12-31T22:00:00Z');
    expect(deriveCustomer(b.build(), FAR)).toMatchObject({ status: 'Active', mrr: 4348 });
  });

  it('an item after a cancellation reactivates; removing the cancellation erases churn and reactivation', () => {
    const b = new Billing()
      .item('s', plan('M'), '2016-12-01', '2017-01-01', 1000)
      .cancel('s', '2017-01-01')
      .item('s', plan('M'), '2017-01-15', '2017-02-15', 1000);
    expect(movements(b).map((m) => m[1])).toEqual(['new_biz', 'churn', 'reactivation']);
    b.build().subscriptions[0].cancellations.length = 0;
    expect(movements(b).map((m) => m[1])).toEqual(['new_biz']);
  });

  it('a cancellation at the start of the latest period leaves the subscription cancelled', () => {
    const b = new Billing().item('s', plan('M'), '2024-01-01', '2024-02-01', 1000).cancel('s', '2024-01-01');
    expect(deriveCustomer(b.build(), FAR)).toMatchObject({ status: 'Cancelled', mrr: 0 });
  });

  it('event_order orders items that start together; otherwise the order they were created', () => {
    const m = plan('M');
    const first = new Billing()
      .item('s', m, '2024-01-01', '2024-02-01', 3000, { eventOrder: 2 })
      .item('s', m, '2024-01-01', '2024-02-01', 1000, { eventOrder: 1 });
    expect(deriveCustomer(first.build(), FAR).mrr).toBe(3000);
    const created = new Billing()
      .item('s', m, '2024-01-01', '2024-02-01', 3000)
      .item('s', m, '2024-01-01', '2024-02-01', 1000);
    expect(deriveCustomer(created.build(), FAR).mrr).toBe(1000);
  });

  it('connected subscriptions make one history: a switch between them is no churn', () => {
    const m = plan('M');
    const b = new Billing()
      .item('old', m, '2024-01-01', '2024-02-01', 500)
      .cancel('old', '2024-01-20')
      .item('new', m, '2024-02-01', '2024-03-01', 500);
    expect(movements(b).map((x) => x[1])).toEqual(['new_biz', 'churn', 'reactivation']);
    b.subscription('new').connectedTo = b.subscription('old').id;
    const derived = deriveCustomer(b.build(), FAR);
    expect(derived.movements.map((x) => x.type)).toEqual(['new_biz']);
    expect(derived.subscriptions).toHaveLength(1);
    expect(derived.subscriptions[0]).toMatchObject({
      listedId: b.subscription('new').id,
      start: at('2024-01-01'),
    });
  });

  it('one subscription cancelled as another starts, at the same instant, is no churn', () => {
    const b = new Billing()
      .item('a', plan('A'), '2024-01-01', '2024-02-01', 1000)
      .cancel('a', '2024-02-01')
      .item('b', plan('B'), '2024-02-01', '2024-03-01', 1500);
    expect(movements(b).map((x) => x.slice(1))).toEqual([
      ['new_biz', 1000, 1000],
      ['expansion', 1500, 2500],
      ['contraction', -1000, 1500],
    ]);
  });

  it('125,000 cancellation dates derive without exhausting the stack', () => {
    const b = new Billing().item('s', plan('M'), '2024-01-01', '2024-02-01', 1000);
    const sub = b.subscription('s');
    for (let i = 0; i < 125_000; i++) sub.cancellations.push(at('2024-01-02') + i * 1000);
    expect(deriveCustomer(b.build(), FAR)).toMatchObject({ status: 'Cancelled', mrr: 0 });
  });
});

describe('customer fields and the clock', () => {
  it('status, customer-since and MRR are as of now; a later step is reported as the next change', () => {
    const b = new Billing()
      .item('s', plan('M'), '2024-01-01', '2024-02-01', 1000)
      .item('s', plan('M'), '2024-03-01', '2024-04-01', 2000);
    const feb = deriveCustomer(b.build(), at('2024-02-15'));
    expect(feb).toMatchObject({
      status: 'Active',
      mrr: 1000,
      since: at('2024-01-01'),
      nextChangeAt: at('2024-03-01'),
    });
    expect(deriveCustomer(b.build(), at('2023-12-01'))).toMatchObject({
      status: 'New Lead',
      mrr: 0,
      since: null,
    });
  });

  it('Past Due when the latest invoice failed, but never for a churned customer', () => {
    const b = new Billing().item('s', plan('M'), '2024-01-01', '2024-02-01', 1000);
    b.pastDue = true;
    expect(deriveCustomer(b.build(), FAR).status).toBe('Past Due');
    b.cancel('s', '2024-01-20');
    expect(deriveCustomer(b.build(), FAR).status).toBe('Cancelled');
  });
});

describe('subscription events (§g.5)', () => {
  it('start, update and cancel at their effective dates; a retraction removes the scheduled event', () => {
    const b = new Billing().usePlan(plan('Gold'));
    b.event('ev', 'subscription_start', '2024-01-01', { amount: 1000, planUuid: 'pl_Gold' })
      .event('ev', 'subscription_update_scheduled', '2024-02-01', { amount: 3000 })
      .event('ev', 'subscription_cancellation_scheduled', '2024-04-01')
      .event('ev', 'scheduled_subscription_cancellation_retracted', '2024-03-01');
    expect(movements(b)).toEqual([
      ['2024-01-01T00:00', 'new_biz', 1000, 1000],
      ['2024-02-01T00:00', 'expansion', 2000, 3000],
    ]);
    b.event('ev', 'subscription_cancelled', '2024-05-01');
    expect(movements(b).at(-1)).toEqual(['2024-05-01T00:00', 'churn', -3000, 0]);
  });

  it('subscription_event_retracted removes the event it names', () => {
    const b = new Billing();
    b.event('ev', 'subscription_start', '2024-01-01', { amount: 1000 });
    b.event('ev', 'subscription_updated', '2024-02-01', { amount: 5000, id: 99 });
    b.event('ev', 'subscription_event_retracted', '2024-02-02', { retractedEventId: 99 });
    expect(deriveCustomer(b.build(), FAR).mrr).toBe(1000);
  });
});
