/**
 * loadApp accepts what Make's tools accept (issue 20): the VS Code extension's in-memory migration of
 * makecomapp.json, and code files wherever the manifest puts them. Proven on copies of our own
 * fixture app, never on the third-party apps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadApp, validateApp } from '../../runtime/definitions';
import { runModule } from '../../runtime/communication';
import { copyFixture, editJson, removeCopies } from './fixture';

afterAll(removeCopies);

describe("Make's manifest migration", () => {
  test('component types added to the format later are backfilled, in components and in each origin', async () => {
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      delete m.components.webhook;
      delete m.components.function;
      delete m.components.endpoint;
      m.origins = [
        {
          label: 'Origin',
          baseUrl: 'https://eu1.make.com/api',
          appId: 'things-ab12cd',
          appVersion: 1,
          apikeyFile: '.secrets/apikey',
          idMapping: { connection: [{ local: 'demo', remote: 'things-ab12cd' }], module: [], rpc: [] },
        },
      ];
    });
    expect(await validateApp(dir)).toEqual([]);
    const app = await loadApp(dir);
    expect(app.modules.map((m) => m.id)).toEqual(['getThing', 'listThings']);
  });

  test('`moduleSubtype` (the older name) becomes `moduleType`', async () => {
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      m.components.module.listThings.moduleSubtype = 'search';
      delete m.components.module.listThings.moduleType;
    });
    const app = await loadApp(dir);
    expect(app.modules.find((m) => m.id === 'listThings')?.type).toBe('search');
  });

  test('the migration fills gaps only: a component type of the wrong shape is still reported', async () => {
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      m.components.endpoint = [];
    });
    expect(await validateApp(dir)).toEqual([
      { file: 'makecomapp.json', pointer: '/components/endpoint', message: 'must be an object' },
    ]);
  });

  test('the file on disk is left as it was', async () => {
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      delete m.components.endpoint;
    });
    const before = fs.readFileSync(path.join(dir, 'makecomapp.json'), 'utf8');
    await loadApp(dir);
    expect(fs.readFileSync(path.join(dir, 'makecomapp.json'), 'utf8')).toBe(before);
  });
});

describe('any file path makecomapp.json names', () => {
  /** Moves every component code file to `to(type, id, code, file)` and renames it in the manifest. */
  function relayout(dir: string, to: (type: string, id: string, code: string) => string): void {
    editJson(dir, 'makecomapp.json', (m) => {
      for (const [type, byId] of Object.entries<Record<string, { codeFiles: Record<string, string> }>>(
        m.components,
      )) {
        for (const [id, component] of Object.entries(byId)) {
          for (const [code, file] of Object.entries(component.codeFiles)) {
            const target = to(type, id, code);
            fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
            fs.renameSync(path.join(dir, file), path.join(dir, target));
            component.codeFiles[code] = target;
          }
        }
      }
    });
  }

  test("the extension's own layout: <type>s/<kebab-id>/<kebab-id>.<code>.iml.json", async () => {
    const dir = copyFixture();
    const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const suffix = (code: string) => kebab(code);
    relayout(dir, (type, id, code) => `${type}s/${kebab(id)}/${kebab(id)}.${suffix(code)}.iml.json`);
    expect(await validateApp(dir)).toEqual([]);
    const app = await loadApp(dir);
    const getThing = app.modules.find((m) => m.id === 'getThing')!;
    expect(getThing.files.communication).toBe('modules/get-thing/get-thing.communication.iml.json');
    expect(getThing.communication).toMatchObject({ url: '/v1/things/{{parameters.id}}' });
  });

  test('a layout of its own (one folder per component, files named by their role)', async () => {
    const dir = copyFixture();
    relayout(dir, (type, id, code) => `src/${type}/${id}/${code}.json`);
    expect(await validateApp(dir)).toEqual([]);
    const app = await loadApp(dir);
    expect(app.modules.find((m) => m.id === 'listThings')?.staticParams).toEqual([
      expect.objectContaining({ name: 'limit' }),
    ]);
  });

  test('a path outside the app folder is still refused', async () => {
    const dir = copyFixture();
    editJson(dir, 'makecomapp.json', (m) => {
      m.components.rpc.rpcThings.codeFiles.communication = '../elsewhere.iml.json';
    });
    expect(await validateApp(dir)).toEqual([
      {
        file: 'makecomapp.json',
        pointer: '/components/rpc/rpcThings/codeFiles/communication',
        message: '`../elsewhere.iml.json` is outside the app folder',
      },
    ]);
  });
});

describe('parameter specs as Make’s schema allows them', () => {
  test('`default: null` loads and means no default: the field stays unfilled', async () => {
    const dir = copyFixture();
    editJson(dir, 'modules/listThings/listThings.mappable-params.iml.json', (p) => [
      ...p,
      { name: 'seed', type: 'integer', label: 'Seed', default: null },
      { name: 'exact', type: 'boolean', label: 'Exact', default: null },
    ]);
    editJson(dir, 'modules/listThings/listThings.communication.iml.json', (c) => {
      c.qs.seed = '{{parameters.seed}}';
      c.qs.exact = '{{parameters.exact}}';
    });
    expect(await validateApp(dir)).toEqual([]);
    const app = await loadApp(dir);
    const { requests } = await runModule(app, 'listThings', { parameters: { limit: 1 }, dryRun: true });
    expect(requests[0]!.url).toBe('https://things.example.com/v1/things?per_page=50');
    const given = await runModule(app, 'listThings', { parameters: { limit: 1, seed: 7 }, dryRun: true });
    expect(given.requests[0]!.url).toBe('https://things.example.com/v1/things?per_page=50&seed=7');
  });

  test('a parameter without a `name` loads and carries no value', async () => {
    const dir = copyFixture();
    editJson(dir, 'modules/listThings/listThings.mappable-params.iml.json', (p) => [
      { type: 'text', label: 'Read the docs first' },
      ...p,
    ]);
    expect(await validateApp(dir)).toEqual([]);
    const app = await loadApp(dir);
    const { requests } = await runModule(app, 'listThings', { parameters: { limit: 1 }, dryRun: true });
    expect(requests[0]!.url).toBe('https://things.example.com/v1/things?per_page=50');
  });

  test('the `html` type stays refused, as Make’s editor schema refuses it', async () => {
    const dir = copyFixture();
    editJson(dir, 'modules/listThings/listThings.mappable-params.iml.json', (p) => [
      { type: 'html', label: '<b>Note</b>' },
      ...p,
    ]);
    const problems = await validateApp(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'modules/listThings/listThings.mappable-params.iml.json',
        pointer: '/0/type',
      }),
    ]);
  });
});

describe('still strict where Make’s schema is strict (both checkers name these)', () => {
  test('an unknown key, `qs` and `headers` that are not objects, a general code file missing from the manifest', async () => {
    const dir = copyFixture();
    editJson(dir, 'modules/getThing/getThing.communication.iml.json', (c) => ({
      ...c,
      followRedirect: false,
      qs: '{{parameters.query}}',
      headers: ['x'],
    }));
    editJson(dir, 'makecomapp.json', (m) => {
      delete m.generalCodeFiles.groups;
    });
    expect(await validateApp(dir)).toEqual([
      { file: 'makecomapp.json', pointer: '/generalCodeFiles', message: 'missing required key `groups`' },
    ]);
    editJson(dir, 'makecomapp.json', (m) => {
      m.generalCodeFiles.groups = 'connector/groups.json';
    });
    expect((await validateApp(dir)).map((p) => `${p.pointer}: ${p.message}`)).toEqual([
      '/followRedirect: unknown key `followRedirect` (did you mean `followRedirects`?)',
      '/headers: must be an object',
      '/qs: must be an object',
    ]);
  });
});
