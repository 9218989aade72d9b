// This repository's own conventions (a lint of ours, not a loader rule: Make's tools, and so loadApp,
// accept any path makecomapp.json names).
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './helpers/definitions';
import { layoutProblems } from './helpers/conventions';
import { validateApp } from '../../runtime';
import { copyFixture, editJson, removeCopies } from '../definitions/fixture';

afterAll(removeCopies);

test('the ChartMogul app keeps its folder layout: folder and file names repeat the id', () => {
  expect(layoutProblems(APP_DIR)).toEqual([]);
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
