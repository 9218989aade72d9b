/** Named migrations: each applied once, in order, atomically, and recorded by name. */
import Database from 'better-sqlite3';
import { applyMigrations, MIGRATIONS, type Migration } from '../../../sandbox/db/migrations';
import { openDatabase } from '../../../sandbox/db/open';

function names(db: Database.Database): string[] {
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY rowid').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

const addWidgets: Migration = {
  name: 'test-widgets',
  up: (db) => db.exec('CREATE TABLE widgets (id INTEGER)'),
};
const addColour: Migration = {
  name: 'test-widgets-colour',
  up: (db) => db.exec("ALTER TABLE widgets ADD COLUMN colour TEXT NOT NULL DEFAULT 'red'"),
};

it('applies each migration once, in list order, and only the new ones on the next open', () => {
  const db = new Database(':memory:');
  expect(applyMigrations(db, [addWidgets])).toEqual(['test-widgets']);
  db.exec('INSERT INTO widgets (id) VALUES (1)');
  expect(applyMigrations(db, [addWidgets, addColour])).toEqual(['test-widgets-colour']);
  expect(applyMigrations(db, [addWidgets, addColour])).toEqual([]);
  expect(names(db)).toEqual(['test-widgets', 'test-widgets-colour']);
  expect(db.prepare('SELECT id, colour FROM widgets').all()).toEqual([{ id: 1, colour: 'red' }]);
});

it('rolls a failing migration back whole, records nothing for it and names it in the error', () => {
  const db = new Database(':memory:');
  const broken: Migration = {
    name: 'test-broken',
    up: (d) => {
      d.exec('CREATE TABLE half (id INTEGER)');
      d.exec('ALTER TABLE missing ADD COLUMN x TEXT');
    },
  };
  expect(() => applyMigrations(db, [addWidgets, broken])).toThrow(/sandbox migration "test-broken" failed/);
  expect(names(db)).toEqual(['test-widgets']);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
});

it('refuses a list that names a migration twice', () => {
  const db = new Database(':memory:');
  expect(() => applyMigrations(db, [addWidgets, addWidgets])).toThrow(/listed twice/);
});

it('a newly opened sandbox database has every shipped migration recorded', () => {
  const { db } = openDatabase(':memory:');
  expect(names(db)).toEqual(MIGRATIONS.map((m) => m.name));
  db.close();
});
