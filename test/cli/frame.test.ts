/** The command frame: help, version, unknown commands and flags, exit codes. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli, testIo } from './run-cli';
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

test('--version --json prints one JSON document', async () => {
  const { code, stdout } = await runCli(['--version', '--json']);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
});

/** The flag names a help text lists, in order. */
const listedFlags = (help: string) => [...help.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);

test.each([
  ['modules', ['app', 'json', 'version', 'help']],
  ['validate', ['app', 'json', 'version', 'help']],
  ['iml', ['context', 'dialect', 'timezone', 'now', 'json', 'version', 'help']],
  ['sandbox', ['port', 'host', 'db', 'seed', 'api-key', 'no-limits', 'faults', 'clock', 'app', 'json']],
  [
    'run',
    ['param', 'params', 'dry-run', 'state', 'app', 'api-key', 'connection', 'base-url', 'json', 'verbose'],
  ],
])('%s --help lists only the flags it takes', async (command, flags) => {
  const { code, stdout } = await runCli([command, '--help']);
  expect(code).toBe(0);
  expect(listedFlags(stdout).filter((f) => f !== 'version' && f !== 'help')).toEqual(
    flags.filter((f) => f !== 'version' && f !== 'help'),
  );
});

test('a common flag the command does not take is refused, before or after the command name', async () => {
  for (const argv of [
    ['iml', '{{1}}', '--api-key', 'k'],
    ['--base-url', 'http://127.0.0.1:1', 'iml', '{{1}}'],
  ]) {
    const { code, stdout, stderr } = await runCli(argv);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/iml does not take --(api-key|base-url)/);
    expect(stderr).toContain('Run `chartmogul-connector iml --help`');
  }
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

test('errors the user can fix map to exit 2, everything else to 1', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });
  for (const name of [
    'UsageError',
    'InvalidDefinitionsError',
    'BundleValidationError',
    'ImlError',
    'BlueprintError',
  ]) {
    expect(exitCodeFor(named(name))).toBe(2);
  }
  expect(exitCodeFor(named('RuntimeError'))).toBe(1);
  expect(exitCodeFor(new Error('network down'))).toBe(1);
});

test('with --json an error is also one JSON document on stdout', async () => {
  const { code, stdout } = await runCli(['modulez', '--json']);
  expect(code).toBe(2);
  expect(JSON.parse(stdout)).toEqual({
    error: { name: 'UsageError', message: expect.stringContaining('unknown command `modulez`') },
  });
});

test('--version and --help start without loading the runtime (the package main is loaded on first use)', async () => {
  const loaded: string[] = [];
  await jest.isolateModulesAsync(async () => {
    jest.doMock('../../runtime/index', () => {
      loaded.push('runtime/index');
      return jest.requireActual('../../runtime/index');
    });
    const { main: isolatedMain } =
      require('../../runtime/cli/main') as typeof import('../../runtime/cli/main');
    for (const argv of [['--version'], ['--help'], ['run', '--help']])
      expect(await isolatedMain(argv, testIo())).toBe(0);
  });
  expect(loaded).toEqual([]);
});
