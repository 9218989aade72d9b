/** `validate`: exit 0 on the repository, exit 2 with `file: /pointer: message` lines on broken copies. */
import path from 'node:path';
import { runCli } from './run-cli';
import { copyFixture, editJson, removeCopies } from '../definitions/fixture';

const REPO = path.join(__dirname, '..', '..');

afterAll(removeCopies);

test('exits 0 on the repository', async () => {
  const { code, stdout, stderr } = await runCli(['validate'], { cwd: REPO });
  expect(stderr).toBe('');
  expect(stdout).toBe(`No problems in ${REPO}\n`);
  expect(code).toBe(0);
});

test('an unknown key: exit 2, the file, the pointer and a did-you-mean', async () => {
  const dir = copyFixture();
  editJson(dir, 'modules/listThings/listThings.communication.iml.json', (c) => {
    c.response.itrate = c.response.iterate;
    delete c.response.iterate;
  });
  const { code, stdout, stderr } = await runCli(['validate', dir]);
  expect(code).toBe(2);
  expect(stdout.split('\n')).toContain(
    'modules/listThings/listThings.communication.iml.json: /response/itrate: unknown key `itrate` (did you mean `iterate`?)',
  );
  expect(stderr).toMatch(/^\d+ problems? in /);
});

test('a wrong type: exit 2 with file, pointer and message', async () => {
  const dir = copyFixture();
  editJson(dir, 'connector/base.iml.json', (b) => ({ ...b, headers: 'Authorization: Bearer x' }));
  const { code, stdout } = await runCli(['validate', '--app', dir]);
  expect(code).toBe(2);
  expect(stdout).toBe('connector/base.iml.json: /headers: must be an object\n');
});

test('a dangling rpc:// reference: exit 2 with file, pointer and message', async () => {
  const dir = copyFixture();
  editJson(dir, 'modules/getThing/getThing.mappable-params.iml.json', (p) => {
    p[0].options = 'rpc://rpcThingz';
  });
  const { code, stdout } = await runCli(['validate'], { cwd: path.join(dir, 'modules') });
  expect(code).toBe(2);
  expect(stdout).toBe(
    'modules/getThing/getThing.mappable-params.iml.json: /0/options: `rpc://rpcThingz` names no RPC of makecomapp.json (did you mean `rpcThings`?)\n',
  );
});

test('--json prints one document with every problem', async () => {
  const dir = copyFixture();
  editJson(dir, 'connector/groups.json', () => [{ label: 'Things', modules: ['nope'] }]);
  const { code, stdout } = await runCli(['validate', dir, '--json']);
  expect(code).toBe(2);
  expect(JSON.parse(stdout)).toEqual({
    dir,
    valid: false,
    problems: [
      { file: 'connector/groups.json', pointer: '/0/modules/0', message: 'module `nope` is not defined' },
    ],
  });
});
