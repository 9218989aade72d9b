// This repository's own conventions (a lint of ours, not a loader rule: Make's tools, and so loadApp,
// accept any path makecomapp.json names).
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './helpers/definitions';
import { layoutProblems, lenientImlProblems, namelessParameterProblems } from './helpers/conventions';
import { validateApp } from '../../runtime';
import { copyFixture, editJson, removeCopies } from '../definitions/fixture';

afterAll(removeCopies);

test('the ChartMogul app keeps its folder layout: folder and file names repeat the id', () => {
  expect(layoutProblems(APP_DIR)).toEqual([]);
});

test('the ChartMogul app writes only documented IML (no construct the loader reads leniently)', () => {
  expect(lenientImlProblems(APP_DIR)).toEqual([]);
});

test('the IML lint names a lenient construct, which the loader accepts', async () => {
  const dir = copyFixture();
  editJson(dir, 'modules/getThing/getThing.communication.iml.json', (c) => {
    c.url = "/v1/things/{{'thing_'parameters.id}}";
  });
  expect(lenientImlProblems(dir)).toEqual([
    {
      file: 'modules/getThing/getThing.communication.iml.json',
      pointer: '/url',
      message: 'text and an operand side by side, joined as text (juxtaposition, 1:22)',
    },
  ]);
  expect(await validateApp(dir)).toEqual([]);
});

test('every parameter of the ChartMogul app but a banner has a name', () => {
  expect(namelessParameterProblems(APP_DIR)).toEqual([]);
});

test('the name lint finds a nameless field nested under a select, which the loader accepts', async () => {
  const dir = copyFixture();
  editJson(dir, 'modules/listThings/listThings.mappable-params.iml.json', (p) => {
    p[0].options.nested.push({ type: 'text', label: 'Unnamed' });
  });
  expect(namelessParameterProblems(dir)).toEqual([
    {
      file: 'modules/listThings/listThings.mappable-params.iml.json',
      pointer: '/0/options/nested/1',
      message: 'a parameter without a name carries no value',
    },
  ]);
  expect(await validateApp(dir)).toEqual([]);
});

test('the layout lint names a file that does not repeat its id, which the loader accepts', async () => {
  const dir = copyFixture();
  fs.renameSync(
    path.join(dir, 'rpcs/rpcThings/rpcThings.communication.iml.json'),
    path.join(dir, 'rpcs/rpcThings/things.communication.iml.json'),
  );
  editJson(dir, 'makecomapp.json', (m) => {
    m.components.rpc.rpcThings.codeFiles.communication = 'rpcs/rpcThings/things.communication.iml.json';
  });
  expect(layoutProblems(dir)).toEqual([
    {
      file: 'makecomapp.json',
      pointer: '/components/rpc/rpcThings/codeFiles/communication',
      message:
        '`rpcs/rpcThings/things.communication.iml.json` should be `rpcs/rpcThings/rpcThings.communication.iml.json` (folder and file names repeat the rpc id)',
    },
  ]);
  expect(await validateApp(dir)).toEqual([]);
});
