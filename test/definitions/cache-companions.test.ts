/**
 * What the definitions cache keeps beside the checked definitions (cache-companions.ts): texts a
 * registered companion builds from a clean load, in `definitions-cache.kept`, read back one at a time
 * on a hit. Here a companion keeps each module's label in upper case, counting its builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keepWithDefinitions, loadApp } from '../../runtime/definitions';
import { keptPath } from '../../runtime/definitions/cache-companions';
import { cachePath } from '../../runtime/definitions/compiled-cache';
import { copyFixture, editJson, removeCopies } from './fixture';

afterAll(removeCopies);

let builds = 0;
let read: ((key: string) => string | undefined) | undefined;
keepWithDefinitions({
  name: 'labels',
  build: (app) => {
    builds++;
    return Object.fromEntries(app.modules.map((m) => [m.id, m.label.toUpperCase()]));
  },
  use: (reader) => {
    read = reader;
  },
});

function copyApp(): string {
  const dir = copyFixture();
  fs.rmSync(path.join(dir, '.sandbox'), { recursive: true, force: true });
  return dir;
}

/** A load with the cache; the texts its hit handed the companion (undefined after a miss). */
async function load(dir: string): Promise<((key: string) => string | undefined) | undefined> {
  read = undefined;
  await loadApp(dir, { cache: true });
  return read;
}

test('a clean load keeps the texts, 0600 beside the cache, and a hit reads them back without building', async () => {
  const dir = copyApp();
  const before = builds;
  expect(await load(dir)).toBeUndefined(); // a miss: nothing to read yet
  expect(builds).toBe(before + 1);
  expect(fs.statSync(keptPath(cachePath(dir))).mode & 0o777).toBe(0o600);
  const reader = await load(dir);
  expect(builds).toBe(before + 1);
  const app = await loadApp(dir);
  for (const m of app.modules) expect(reader!(m.id)).toBe(m.label.toUpperCase());
  expect(reader!('noSuchModule')).toBeUndefined();
  expect(reader!('constructor')).toBeUndefined();
});

test('a changed definition rebuilds the texts', async () => {
  const dir = copyApp();
  await load(dir);
  const before = builds;
  editJson(dir, 'makecomapp.json', (m) => {
    m.components.module.getThing.label = 'Renamed thing';
  });
  expect(await load(dir)).toBeUndefined();
  expect(builds).toBe(before + 1);
  expect((await load(dir))!('getThing')).toBe('RENAMED THING');
});

test('a damaged kept file hands back nothing and drops the cache, which the next load rebuilds', async () => {
  const dir = copyApp();
  await load(dir);
  const kept = keptPath(cachePath(dir));
  const bytes = fs.readFileSync(kept);
  bytes[0] = bytes[0]! ^ 0x20;
  fs.writeFileSync(kept, bytes);
  const reader = await load(dir);
  const app = await loadApp(dir);
  expect(reader!(app.modules[0]!.id)).toBeUndefined();
  expect(fs.existsSync(cachePath(dir))).toBe(false);
  const before = builds;
  expect(await load(dir)).toBeUndefined();
  expect(builds).toBe(before + 1);
  expect((await load(dir))!(app.modules[0]!.id)).toBe(app.modules[0]!.label.toUpperCase());
});

test('a missing kept file reads as damaged; a cache entry without this companion is a miss', async () => {
  const dir = copyApp();
  await load(dir);
  fs.rmSync(keptPath(cachePath(dir)));
  const reader = await load(dir);
  expect(reader!('getThing')).toBeUndefined();
  await load(dir); // rebuilt
  const entry = JSON.parse(fs.readFileSync(cachePath(dir), 'utf8'));
  delete entry.kept.labels;
  fs.writeFileSync(cachePath(dir), JSON.stringify(entry));
  const before = builds;
  expect(await load(dir)).toBeUndefined();
  expect(builds).toBe(before + 1);
});
