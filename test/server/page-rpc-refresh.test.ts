/**
 * When the step form's RPC-backed parts ask again (runtime/server/public/js/rpc-refresh.js, browser
 * code run in a child node process): no new call while typing, unless its answer is already in the
 * page; a settle refreshes the parts still shown and forgets the others. The browser test
 * (test/browser/builder-rpc-refetch) checks the same in the form, with the pause.
 */
import { inPageModule } from './page-module';

type Outcome = { typing: boolean; settled: boolean; refreshed: string[]; again: string[] };

/** Watches a shown part and a replaced one, types, then settles twice; what each step allowed. */
const SCRIPT = `(() => {
  const refresher = m.rpcRefresher(60000);
  const refreshed = [];
  refresher.watch({ isConnected: true }, () => refreshed.push('shown'));
  refresher.watch({ isConnected: false }, () => refreshed.push('replaced'));
  refresher.typed();
  const typing = refresher.mayAsk('rpcLockers', { postcode: '1' });
  refresher.settle();
  const settled = refresher.mayAsk('rpcLockers', { postcode: '1' });
  const again = [];
  refresher.watch({ isConnected: true }, () => again.push('new'));
  refreshed.length = 0;
  refresher.settle();
  return { typing, settled, refreshed: [...refreshed], again };
})()`;

test('no call starts while typing; a settle refreshes the parts still shown, once each', () => {
  expect(inPageModule<Outcome>('rpc-refresh.js', SCRIPT)).toEqual({
    typing: false,
    settled: true,
    refreshed: ['shown'], // the replaced part was forgotten at the first settle
    again: ['new'],
  });
});
