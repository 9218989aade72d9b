/** Each kind of definition problem, on a temporary copy of the fixture app with one mistake. */
import fs from 'node:fs';
import path from 'node:path';
import { validateApp } from '../../runtime/definitions';
import { copyFixture, editJson, removeCopies } from './fixture';

afterAll(removeCopies);

async function problemsAfter(change: (dir: string) => void) {
  const dir = copyFixture();
  change(dir);
  return validateApp(dir);
}

test('a JSONC syntax error names the file, the pointer and the line', async () => {
  const problems = await problemsAfter((dir) =>
    fs.writeFileSync(path.join(dir, 'connector/common.json'), '{\n  "pageSize": 50,\n  "x": \n}\n'),
  );
  expect(problems).toEqual([
    {
      file: 'connector/common.json',
      pointer: '/x',
      message: expect.stringMatching(/^JSON syntax error: ValueExpected at line 4, column 1/),
    },
  ]);
});

test('a file named in makecomapp.json but missing', async () => {
  const problems = await problemsAfter((dir) =>
    fs.rmSync(path.join(dir, 'modules/listThings/listThings.samples.iml.json')),
  );
  expect(problems).toEqual([
    {
      file: 'makecomapp.json',
      pointer: '/components/module/listThings/codeFiles/samples',
      message: 'names `modules/listThings/listThings.samples.iml.json`, which does not exist',
    },
  ]);
});

test('a wrong type inside a parameter', async () => {
  const problems = await problemsAfter((dir) =>
    editJson(dir, 'modules/listThings/listThings.static-params.iml.json', (p) => [
      { ...p[0], required: 'yes' },
    ]),
  );
  expect(problems).toEqual([
    {
      file: 'modules/listThings/listThings.static-params.iml.json',
      pointer: '/0/required',
      message: 'must be a boolean',
    },
  ]);
});

test('an invalid manifest stops before the code files', async () => {
  const problems = await problemsAfter((dir) =>
    editJson(dir, 'makecomapp.json', (m) => {
      m.components.module.getThing.moduleType = 'getter';
    }),
  );
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({
    file: 'makecomapp.json',
    pointer: '/components/module/getThing/moduleType',
  });
  expect(problems[0]!.message).toMatch(/^must be one of "action", "search"/);
});

describe('cross-file checks', () => {
  test('every rpc:// reference resolves, including the query form and options.store', async () => {
    const problems = await problemsAfter((dir) => {
      editJson(dir, 'modules/listThings/listThings.mappable-params.iml.json', (p) => {
        p[0].options.store = 'rpc://rpcThing?kind={{kind}}';
      });
      editJson(dir, 'modules/listThings/listThings.samples.iml.json', () => 'rpc://sampleThing');
    });
    expect(problems).toEqual([
      {
        file: 'modules/listThings/listThings.mappable-params.iml.json',
        pointer: '/0/options/store',
        message: '`rpc://rpcThing?kind={{kind}}` names no RPC of makecomapp.json (did you mean `rpcThings`?)',
      },
      {
        file: 'modules/listThings/listThings.samples.iml.json',
        pointer: '',
        message: '`rpc://sampleThing` names no RPC of makecomapp.json',
      },
    ]);
  });

  test("every component's connection exists", async () => {
    const problems = await problemsAfter((dir) =>
      editJson(dir, 'makecomapp.json', (m) => {
        m.components.module.getThing.connection = 'dmeo';
      }),
    );
    expect(problems).toEqual([
      {
        file: 'makecomapp.json',
        pointer: '/components/module/getThing/connection',
        message: 'connection `dmeo` is not defined in components.connection (did you mean `demo`?)',
      },
    ]);
  });

  test('search modules iterate', async () => {
    const problems = await problemsAfter((dir) =>
      editJson(dir, 'modules/listThings/listThings.communication.iml.json', (c) => {
        delete c.response.iterate;
      }),
    );
    expect(problems).toEqual([
      {
        file: 'modules/listThings/listThings.communication.iml.json',
        pointer: '',
        message: 'a search module needs `response.iterate` in its communication',
      },
    ]);
  });

  test('module and RPC ids follow Make’s rule', async () => {
    const problems = await problemsAfter((dir) =>
      editJson(dir, 'makecomapp.json', (m) => {
        m.components.module['get-thing'] = m.components.module.getThing;
        delete m.components.module.getThing;
        m.components.module['get-thing'].codeFiles = {};
      }),
    );
    expect(problems.map((p) => [p.file, p.pointer])).toEqual([
      ['makecomapp.json', '/components/module/get-thing'],
      ['connector/groups.json', '/0/modules/0'],
    ]);
    expect(problems[0]!.message).toMatch(/^module id `get-thing` must match/);
  });
});
