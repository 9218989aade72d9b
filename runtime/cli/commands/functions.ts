import { api } from '../api';
import { APP_FLAGS } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { loadCommandApp, resolveAppDir } from '../helpers/app-dir';
import { formatTable, printResult } from '../helpers/output';

/**
 * `functions` lists the app's custom IML functions; `functions test [NAME]...` runs their test.js
 * (each in an isolate of its own, as Make's VS Code extension runs them): one line per test.
 */
export const functionsCommand: Command = {
  name: 'functions',
  usage: 'functions [test [NAME]...]',
  summary: "lists the app's custom IML functions; `functions test` runs their tests",
  flags: [],
  commonFlags: APP_FLAGS,
  maxPositionals: Infinity,
  async run(ctx) {
    const [sub, ...names] = ctx.positionals;
    if (sub !== undefined && sub !== 'test')
      throw new UsageError(`unknown subcommand "${sub}" (did you mean test?)`, 'functions');
    const app = await loadCommandApp(resolveAppDir(ctx));
    const functions = app.functions ?? [];
    if (sub === undefined) {
      const rows = functions.map((f) => ({
        id: f.id,
        code: f.files.code ?? '',
        tests: f.test !== undefined,
      }));
      printResult(ctx, rows, () =>
        rows.length === 0
          ? ['The app has no custom functions.']
          : formatTable(rows.map((r) => [r.id, r.code])),
      );
      return EXIT.ok;
    }
    const unknown = names.filter((n) => !functions.some((f) => f.id === n));
    if (unknown.length > 0) throw new UsageError(`no function named ${unknown.join(', ')}`, 'functions');
    const results = api().testFunctions(app, names.length > 0 ? { names } : {});
    const failed = results.filter((r) => !r.ok).length;
    printResult(ctx, { passed: results.length - failed, failed, results }, () => [
      ...results.flatMap((r) => [
        `${r.ok ? 'ok  ' : 'FAIL'} ${r.function}: ${r.test || '(test file)'}${r.ok ? '' : ` — ${r.message}`}`,
        ...r.debug.map((line) => `       debug: ${line}`),
      ]),
      `${results.length} test${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed`,
    ]);
    return failed > 0 ? EXIT.error : EXIT.ok;
  },
};
