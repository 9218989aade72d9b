import path from 'node:path';
import { api } from '../api';
import type { CommandContext } from '../command';

/**
 * The app folder: `--app DIR` (relative to the working directory), else the nearest folder upward
 * from the working directory holding makecomapp.json (falling back to this package's own app).
 */
export function resolveAppDir(ctx: CommandContext): string {
  const flag = ctx.flag('app');
  if (flag !== undefined) return path.resolve(ctx.io.cwd, flag);
  return api().findAppDir(ctx.io.cwd);
}

/**
 * The app of a command that runs it: a clean load's checked definitions are kept in the app's
 * `.sandbox/` and reused while nothing differs (loadApp's `cache`), so a command starts without
 * parsing and checking every file again. `validate` always reads everything.
 */
export function loadCommandApp(appDir: string): ReturnType<ReturnType<typeof api>['loadApp']> {
  return api().loadApp(appDir, { cache: true });
}
