/** The loader check that compiles every template of every definition (runtime/definitions/checks). */
import path from 'node:path';
import { validateApp } from '../../runtime/definitions';
import { compile } from '../../runtime/iml';
import { cacheStats } from '../../runtime/iml/template';
import { copyFixture, editJson, removeCopies } from '../definitions/fixture';

afterAll(removeCopies);

const COMMUNICATION = 'modules/getThing/getThing.communication.iml.json';

test('the fixture app has no template problems', async () => {
  const problems = await validateApp(copyFixture());
  expect(problems.filter((p) => /\(\d+:\d+\)$/.test(p.message))).toEqual([]);
});

test('a bad template is reported with file, JSON pointer, message and line:col', async () => {
  const dir = copyFixture();
  editJson(dir, COMMUNICATION, (v) => {
    v.qs = { ...(v.qs ?? {}), 'bad/key': 'x {{nosuch(parameters.id)}}', ok: '{{parameters.id}}' };
  });
  const problems = await validateApp(dir);
  expect(problems).toContainEqual({
    file: COMMUNICATION,
    pointer: '/qs/bad~1key',
    message: "Unknown function 'nosuch' (1:5)",
  });
  expect(problems.filter((p) => p.pointer === '/qs/ok')).toEqual([]);
});

test('template keys are checked too', async () => {
  const dir = copyFixture();
  editJson(dir, COMMUNICATION, (v) => {
    v.body = { '{{1 +}}': 1 };
  });
  const problems = await validateApp(dir);
  expect(problems).toContainEqual({
    file: COMMUNICATION,
    pointer: '/body/{{1 +}}',
    message: "in the key: Unexpected '}}' (1:6)",
  });
});

test('every template of the real app compiles, and a second compile is a cache hit', async () => {
  const problems = await validateApp(path.join(__dirname, '..', '..'));
  expect(problems.filter((p) => /\(\d+:\d+\)$/.test(p.message))).toEqual([]);
  const hits = cacheStats.hits;
  compile('{{parameters.id}}', { dialect: 'app' });
  compile('{{parameters.id}}', { dialect: 'app' });
  expect(cacheStats.hits).toBeGreaterThan(hits);
});
