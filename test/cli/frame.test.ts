/** The command frame: help, version, unknown commands and flags, commands whose part has not landed. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './run-cli';
import { landed } from '../../runtime/cli/api';
import { NotLandedError } from '../../runtime/cli/errors';
import { notLandedCommand } from '../../runtime/cli/commands/not-landed';
import { exitCodeFor } from '../../runtime/cli/main';

const DESIGN_COMMANDS = [
  'start',
  'sandbox',
  'modules',
  'rpcs',
  'run',
  'rpc',
  'connection',
  'scenario',
  'history',
  'validate',
  'iml',
];

test('--help lists every command of the table and the common flags', async () => {
  const { code, stdout } = await runCli(['--help']);
  expect(code).toBe(0);
  for (const name of DESIGN_COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  for (const flag of [
    '--app DIR',
    '--api-key KEY',
    '--base-url URL',
    '--json',
    '--verbose',
    '--version',
    '--help',
  ]) {
    expect(stdout).toContain(flag);
  }
});

test('no command prints the help and exits 2', async () => {
  const { code, stdout } = await runCli([]);
  expect(code).toBe(2);
  expect(stdout).toContain('Usage: chartmogul-connector <command>');
});

test.each([[['run', '--help']], [['help', 'run']], [['-h', 'run']]])(
  '%j prints the command help',
  async (argv) => {
    const { code, stdout } = await runCli(argv);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Usage: chartmogul-connector run MODULE [--param k=v]... [--params FILE|-] [--dry-run]',
    );
    expect(stdout).toMatch(/--param k=v \(repeatable\)/);
    expect(stdout).toContain('--app DIR');
  },
);

test('--version prints the version of package.json', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const { code, stdout } = await runCli(['--version']);
  expect(code).toBe(0);
  expect(stdout).toBe(`${pkg.version}\n`);
});

test('an unknown command exits 2 with a suggestion', async () => {
  const { code, stdout, stderr } = await runCli(['modulez']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('unknown command `modulez` (did you mean `modules`?)');
});

test('an unknown flag exits 2 with a suggestion', async () => {
  const { code, stderr } = await runCli(['validate', '--jsn']);
  expect(code).toBe(2);
  expect(stderr).toContain('unknown flag --jsn (did you mean `--json`?)');
  expect(stderr).toContain('Run `chartmogul-connector validate --help`');
});

test('a value flag without its value exits 2', async () => {
  const { code, stderr } = await runCli(['iml', '{{1}}', '--context']);
  expect(code).toBe(2);
  expect(stderr).toContain('--context needs a value (JSON)');
});

test('too many arguments exit 2', async () => {
  const { code, stderr } = await runCli(['modules', 'extra']);
  expect(code).toBe(2);
  expect(stderr).toContain('too many arguments: extra');
});

test('a command whose part has not landed says which part, and that maps to exit 2', async () => {
  const command = notLandedCommand({
    name: 'future',
    usage: 'future',
    summary: 'a command of a later issue',
    flags: [],
    maxPositionals: 0,
    part: 'a future part (issue 99)',
    needs: ['noSuchExport'],
  });
  const error = await command.run({} as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotLandedError);
  expect((error as Error).message).toBe(
    '`future` has not landed yet: it needs `noSuchExport` from a future part (issue 99)',
  );
  expect(exitCodeFor(error)).toBe(2);
  expect(exitCodeFor(new Error('network down'))).toBe(1);
});

test('with --json an error is also one JSON document on stdout', async () => {
  const { code, stdout } = await runCli(['modulez', '--json']);
  expect(code).toBe(2);
  expect(JSON.parse(stdout)).toEqual({
    error: { name: 'UsageError', message: expect.stringContaining('unknown command `modulez`') },
  });
});

test('a public API function that is missing is reported as not landed', () => {
  expect(() => landed('noSuchExport', 'a future part (issue 99)', 'the `x` command')).toThrow(NotLandedError);
  expect(() => landed('noSuchExport', 'a future part (issue 99)', 'the `x` command')).toThrow(
    'the `x` command has not landed yet: it needs `noSuchExport` from a future part (issue 99)',
  );
});
