import fs from 'node:fs';
import path from 'node:path';
import { loadApp, validateApp, InvalidDefinitionsError } from '../../runtime/definitions';
import { FIXTURE_APP, copyFixture, editJson, removeCopies } from './fixture';

afterAll(removeCopies);

describe('loadApp on the fixture app', () => {
  test('returns modules, RPCs, the connection and the app-level files', async () => {
    const app = await loadApp(FIXTURE_APP);
    expect(app.dir).toBe(FIXTURE_APP);
    expect(app.modules.map((m) => [m.id, m.label, m.type])).toEqual([
      ['getThing', 'Get a Thing', 'action'],
      ['listThings', 'List Things', 'search'],
    ]);
    const getThing = app.modules[0]!;
    expect(getThing.crud).toBe('read');
    expect(getThing.connection).toBe('demo');
    expect(getThing.description).toBe('Returns one thing.');
    expect(getThing.mappableParams[0]).toMatchObject({ name: 'id', options: 'rpc://rpcThings' });
    expect(getThing.communication).toEqual({
      url: '/v1/things/{{parameters.id}}',
      method: 'GET',
      response: { output: '{{body}}' },
    });
    expect(getThing.files.communication).toBe('modules/getThing/getThing.communication.iml.json');
    expect(app.rpcs).toEqual([
      expect.objectContaining({ id: 'rpcThings', label: 'Things', connection: 'demo', params: [] }),
    ]);
    expect(app.connections).toEqual([
      expect.objectContaining({
        id: 'demo',
        label: 'Demo',
        connectionType: 'basic',
        params: [expect.objectContaining({ name: 'token' })],
      }),
    ]);
    // JSONC: the Base carries a comment.
    expect(app.base).toMatchObject({ baseUrl: 'https://things.example.com' });
    expect(app.common).toEqual({ pageSize: 50 });
    expect(app.groups).toEqual([{ label: 'Things', modules: ['getThing', 'listThings'] }]);
    expect(app.readme).toContain('# Mini app');
  });

  test('codes a component does not name get empty defaults', async () => {
    const app = await loadApp(FIXTURE_APP);
    const getThing = app.modules.find((m) => m.id === 'getThing')!;
    expect(getThing.staticParams).toEqual([]);
    expect(getThing.samples).toEqual({});
    const listThings = app.modules.find((m) => m.id === 'listThings')!;
    expect(listThings.description).toBe('');
    expect(listThings.crud).toBeUndefined();
    expect(listThings.samples).toEqual({ id: 't_1', name: 'First thing' });
  });

  test("the app's blueprint name: the deployed app's id from origins, else the first connection's id", async () => {
    expect((await loadApp(FIXTURE_APP)).name).toBe('demo');
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      m.origins = [
        {
          label: 'Production',
          baseUrl: 'https://eu1.make.com/api',
          appId: 'mini-x1y2z3',
          appVersion: 1,
          apikeyFile: '.secrets/apikey',
        },
      ];
    });
    expect((await loadApp(dir)).name).toBe('mini-x1y2z3');
  });

  test('validateApp finds no problem in the fixture', async () => {
    expect(await validateApp(FIXTURE_APP)).toEqual([]);
  });

  test('throws InvalidDefinitionsError listing every problem', async () => {
    const dir = copyFixture();
    editJson(dir, 'modules/getThing/getThing.communication.iml.json', (c) => ({ ...c, methd: 'GET' }));
    editJson(dir, 'connector/groups.json', () => [{ label: 'Things', modules: ['getThing', 'listThingz'] }]);
    const error = await loadApp(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionsError);
    const problems = (error as InvalidDefinitionsError).problems;
    expect(problems).toEqual([
      {
        file: 'modules/getThing/getThing.communication.iml.json',
        pointer: '/methd',
        message: 'unknown key `methd` (did you mean `method`?)',
      },
      {
        file: 'connector/groups.json',
        pointer: '/0/modules/1',
        message: 'module `listThingz` is not defined (did you mean `listThings`?)',
      },
    ]);
    expect((error as Error).message).toContain(
      'modules/getThing/getThing.communication.iml.json: /methd: unknown key `methd`',
    );
    expect((error as Error).name).toBe('InvalidDefinitionsError');
  });

  test('defaults to the nearest folder upward holding makecomapp.json', async () => {
    const dir = copyFixture();
    const cwd = process.cwd();
    try {
      process.chdir(path.join(dir, 'modules', 'getThing'));
      const app = await loadApp();
      expect(fs.realpathSync(app.dir)).toBe(fs.realpathSync(dir));
    } finally {
      process.chdir(cwd);
    }
  });
});
