/** Temporary copies of the mini fixture app, and JSON edits on them, for the definition tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'jsonc-parser';

export const FIXTURE_APP = path.join(__dirname, 'fixtures', 'mini-app');

const copies: string[] = [];

export function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-defs-'));
  fs.cpSync(FIXTURE_APP, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Rewrites one JSONC file of an app copy (comments are dropped). */
// Tests reach into arbitrary JSON shapes; `any` keeps each edit a one-liner.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editJson(dir: string, file: string, edit: (value: any) => unknown): void {
  const target = path.join(dir, file);
  const value = parse(fs.readFileSync(target, 'utf8'));
  const result = edit(value);
  fs.writeFileSync(target, JSON.stringify(result === undefined ? value : result, null, 2));
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
