/**
 * Which of an app's connections is "the" connection (verifyConnection's, the workbench form's): the
 * one its modules, RPCs and webhooks name most; the first when none is named more than another.
 */
import { appConnection } from '../../runtime/communication/connection-data';
import type { App } from '../../runtime/types/app';

type Parts = Pick<App, 'connections' | 'modules' | 'rpcs' | 'webhooks'>;
const conn = (id: string) => ({ id }) as App['connections'][number];
const using = (connection: string | null) => ({ connection }) as App['modules'][number];

function app(connections: string[], modules: (string | null)[], rpcs: (string | null)[] = []): Parts {
  return {
    connections: connections.map(conn),
    modules: modules.map(using),
    rpcs: rpcs.map(using) as unknown as App['rpcs'],
  };
}

test('the connection the components name most, wherever it is listed', () => {
  expect(appConnection(app(['template', 'apiKey'], ['apiKey', 'apiKey', null]))?.id).toBe('apiKey');
  expect(appConnection(app(['a', 'b'], ['a'], ['b', 'b']))?.id).toBe('b'); // RPCs count too
});

test('the first listed on a tie or when none is named; none without connections', () => {
  expect(appConnection(app(['a', 'b'], ['b', 'a']))?.id).toBe('a');
  expect(appConnection(app(['a', 'b'], [null]))?.id).toBe('a');
  expect(appConnection(app([], ['x']))).toBeUndefined();
});
