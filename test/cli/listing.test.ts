/** `modules` and `rpcs` list what loadApp finds. */
import { runCli } from './run-cli';
import { FIXTURE_APP, copyFixture, editJson, removeCopies } from '../definitions/fixture';

afterAll(removeCopies);

test('modules prints id, label and type in columns', async () => {
  const { code, stdout } = await runCli(['modules', '--app', FIXTURE_APP]);
  expect(code).toBe(0);
  expect(stdout).toBe('getThing    Get a Thing  action\nlistThings  List Things  search\n');
});

test('modules --json', async () => {
  const { code, stdout } = await runCli(['--json', 'modules', '--app', FIXTURE_APP]);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual([
    { id: 'getThing', label: 'Get a Thing', type: 'action' },
    { id: 'listThings', label: 'List Things', type: 'search' },
  ]);
});

test('rpcs lists the RPCs', async () => {
  const { code, stdout } = await runCli(['rpcs', '--app', FIXTURE_APP, '--json']);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual([{ id: 'rpcThings', label: 'Things', type: 'rpc' }]);
});

test('invalid definitions: exit 2 with every problem on stderr', async () => {
  const dir = copyFixture();
  editJson(dir, 'connector/base.iml.json', (b) => ({ ...b, baseURL: 'x' }));
  const { code, stdout, stderr } = await runCli(['modules', '--app', dir]);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain(
    'connector/base.iml.json: /baseURL: unknown key `baseURL` (did you mean `baseUrl`?)',
  );
});
