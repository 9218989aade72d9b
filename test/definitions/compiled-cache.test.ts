/**
 * loadApp's cache of checked definitions (LoadOptions.cache, issue 23): a clean load is kept and
 * served again while nothing differs; any change to the files is read and checked again, so every
 * problem is still reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadApp, InvalidDefinitionsError } from '../../runtime/definitions';
import { cachePath } from '../../runtime/definitions/compiled-cache';
import { copyFixture, editJson, removeCopies } from './fixture';

afterAll(removeCopies);

/** A copy of the fixture app without the local state a command may have left in the fixture. */
function copyApp(): string {
  const dir = copyFixture();
  fs.rmSync(path.join(dir, '.sandbox'), { recursive: true, force: true });
  return dir;
}

const COMMUNICATION = 'modules/getThing/getThing.communication.iml.json';

/** Rewrites the label a cached load would hand back, to tell a load served by the cache from a read. */
function tamperCachedLabel(dir: string, label: string): void {
  const entry = JSON.parse(fs.readFileSync(cachePath(dir), 'utf8'));
  entry.manifest.components.module.getThing.label = label;
  fs.writeFileSync(cachePath(dir), JSON.stringify(entry));
}

async function problemsOf(dir: string): Promise<unknown[]> {
  try {
    await loadApp(dir, { cache: true });
  } catch (err) {
    if (err instanceof InvalidDefinitionsError) return err.problems;
    throw err;
  }
  return [];
}

test('a clean load is kept and the next load of the same files is served from it', async () => {
  const dir = copyApp();
  const first = await loadApp(dir, { cache: true });
  expect(fs.existsSync(cachePath(dir))).toBe(true);
  tamperCachedLabel(dir, 'Served from the cache');
  const second = await loadApp(dir, { cache: true });
  expect(second.modules.find((m) => m.id === 'getThing')?.label).toBe('Served from the cache');
  // Without the option the files are read as ever.
  const uncached = await loadApp(dir);
  expect(uncached.modules.find((m) => m.id === 'getThing')?.label).toBe(first.modules[0]!.label);
});

test('a changed file is read again, and a problem it brings is reported', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  tamperCachedLabel(dir, 'Served from the cache');
  editJson(dir, COMMUNICATION, (c) => ({ ...c, method: 'FETCH' }));
  const problems = await problemsOf(dir);
  expect(problems).toEqual([expect.objectContaining({ file: COMMUNICATION, pointer: '/method' })]);
});

test('a changed manifest is read again', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  tamperCachedLabel(dir, 'Served from the cache');
  editJson(dir, 'makecomapp.json', (m) => {
    m.components.module.getThing.label = 'Edited';
  });
  const app = await loadApp(dir, { cache: true });
  expect(app.modules.find((m) => m.id === 'getThing')?.label).toBe('Edited');
});

test('a removed file is reported though the last load was clean', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  fs.rmSync(path.join(dir, COMMUNICATION));
  const problems = await problemsOf(dir);
  expect(problems).toEqual([
    expect.objectContaining({ file: 'makecomapp.json', message: expect.stringContaining('does not exist') }),
  ]);
});

test('a load with problems is not kept, and reports them every time', async () => {
  const dir = copyApp();
  editJson(dir, COMMUNICATION, (c) => ({ ...c, method: 'FETCH' }));
  const first = await problemsOf(dir);
  expect(first).toHaveLength(1);
  expect(fs.existsSync(cachePath(dir))).toBe(false);
  expect(await problemsOf(dir)).toEqual(first);
});

test('an unreadable cache is a miss, not an error', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  fs.writeFileSync(cachePath(dir), '{ not json');
  const app = await loadApp(dir, { cache: true });
  expect(app.modules.map((m) => m.id)).toEqual(['getThing', 'listThings']);
  // The clean load replaced it.
  expect(() => JSON.parse(fs.readFileSync(cachePath(dir), 'utf8'))).not.toThrow();
});

/** Dates every file of an app copy an hour back, as files of an app checked out a while ago. */
function ageFiles(dir: string): void {
  const past = new Date(Date.now() - 3_600_000);
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else fs.utimesSync(full, past, past);
    }
  };
  walk(dir);
}

test('settled files are trusted by size and mtime, and an edit to one is still read and checked', async () => {
  const dir = copyApp();
  ageFiles(dir);
  await loadApp(dir, { cache: true });
  const entry = JSON.parse(fs.readFileSync(cachePath(dir), 'utf8'));
  const communication = entry.files.find((f: { path: string }) => f.path === COMMUNICATION);
  expect(communication.stamp).toEqual([expect.any(Number), expect.any(Number)]);
  tamperCachedLabel(dir, 'Served from the cache');
  expect((await loadApp(dir, { cache: true })).modules[0]!.label).toBe('Served from the cache');
  editJson(dir, COMMUNICATION, (c) => ({ ...c, method: 'FETCH' }));
  expect(await problemsOf(dir)).toEqual([
    expect.objectContaining({ file: COMMUNICATION, pointer: '/method' }),
  ]);
});

test('files modified just before a load get no stamp: they are hashed every time', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  const entry = JSON.parse(fs.readFileSync(cachePath(dir), 'utf8'));
  expect(entry.files.filter((f: { stamp?: unknown }) => f.stamp !== undefined)).toEqual([]);
});

test('the cache is private like the rest of .sandbox: folder 0700, file 0600', async () => {
  const dir = copyApp();
  await loadApp(dir, { cache: true });
  expect([
    fs.statSync(path.dirname(cachePath(dir))).mode & 0o777,
    fs.statSync(cachePath(dir)).mode & 0o777,
  ]).toEqual([0o700, 0o600]);
});
