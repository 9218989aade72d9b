/**
 * The page's RPC answers (runtime/server/public/js/rpc-calls.js) belong to the connection they were
 * asked through: a Save forgets them all, so dynamic options never show another account's records.
 */
import { inPageModule } from './page-module';

test('forgetRpcAnswers forgets every answer, asked or pending', () => {
  const script = `(() => {
    globalThis.fetch = () => new Promise(() => undefined); // the answer never comes: the call stays pending
    m.callRpc('rpcCustomers', { data_source_uuid: 'ds_1' });
    const before = m.rpcOutcome('rpcCustomers', { data_source_uuid: 'ds_1' });
    m.forgetRpcAnswers();
    return { before, after: m.rpcOutcome('rpcCustomers', { data_source_uuid: 'ds_1' }) ?? 'never asked' };
  })()`;
  expect(inPageModule('rpc-calls.js', script)).toEqual({ before: 'loading', after: 'never asked' });
});
