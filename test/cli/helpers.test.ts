/** The CLI helpers other commands reuse: parameters, target resolution, progress, output. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgv } from '../../runtime/cli/args';
import type { Command, CommandContext } from '../../runtime/cli/command';
import { findCommand } from '../../runtime/cli/commands/registry';
import { UsageError } from '../../runtime/cli/errors';
import { readParameters, parseParamValue } from '../../runtime/cli/helpers/params';
import { createProgress, formatDuration } from '../../runtime/cli/helpers/progress';
import { resolveTarget, SANDBOX_DEMO_KEY, withoutTrailingSlashes } from '../../runtime/cli/helpers/target';
import { resolveAppDir } from '../../runtime/cli/helpers/app-dir';
import { formatTable } from '../../runtime/cli/helpers/output';
import { MemoryStream, testIo, type CliOptions } from './run-cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-cli-helpers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A context for `run` built the way main() builds it. */
function ctxFor(argv: string[], options: CliOptions & { stderrTTY?: boolean } = {}): CommandContext {
  const parsed = parseArgv(['run', ...argv], findCommand);
  const io = testIo(options);
  if (options.stderrTTY) io.stderr = new MemoryStream(true);
  const flags = parsed.flags;
  return {
    command: findCommand('run') as Command,
    positionals: parsed.positionals,
    flags,
    io,
    json: flags.json === true,
    verbose: flags.verbose === true,
    flag: (n) => {
      const v = flags[n];
      return Array.isArray(v) ? v[v.length - 1] : typeof v === 'string' ? v : undefined;
    },
    flagList: (n) => {
      const v = flags[n];
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    },
    has: (n) => flags[n] !== undefined,
  };
}

describe('argument parsing', () => {
  test('repeatable flags, --flag=value, flags before the command and `--`', () => {
    const parsed = parseArgv(
      ['--json', 'run', 'getThing', '--param', 'a=1', '--param=b=x', '--', '--not-a-flag'],
      findCommand,
    );
    expect(parsed).toEqual({
      commandName: 'run',
      positionals: ['getThing', '--not-a-flag'],
      flags: { json: true, param: ['a=1', 'b=x'] },
    });
  });

  test('a boolean flag given a value is a usage error', () => {
    expect(() => parseArgv(['validate', '--json=yes'], findCommand)).toThrow(
      new UsageError('--json takes no value'),
    );
  });
});

describe('parameters', () => {
  test('--param values are JSON when they parse, else text', () => {
    expect(parseParamValue('42')).toBe(42);
    expect(parseParamValue('true')).toBe(true);
    expect(parseParamValue('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseParamValue('01234')).toBe('01234');
    expect(parseParamValue('Ada Lovelace')).toBe('Ada Lovelace');
    expect(parseParamValue('"quoted"')).toBe('quoted');
  });

  test('a number is kept only when its text is the number’s own form; other number text stays as typed', () => {
    expect(parseParamValue('1.5')).toBe(1.5);
    expect(parseParamValue('-3')).toBe(-3);
    // Past double precision, trailing zeros, exponents, signs and spaces would change the text.
    for (const text of ['12345678901234567890', '1.50', '1e3', '-0', ' 7', '1E3'])
      expect(parseParamValue(text)).toBe(text);
  });

  test('--params FILE, then each --param over it', async () => {
    const file = path.join(tmp, 'params.json');
    fs.writeFileSync(file, JSON.stringify({ a: 1, nested: { x: [1, 2] }, b: 'file' }));
    const ctx = ctxFor(['--params', 'params.json', '--param', 'b=flag', '--param', 'c=null'], { cwd: tmp });
    expect(await readParameters(ctx)).toEqual({ a: 1, nested: { x: [1, 2] }, b: 'flag', c: null });
  });

  test('a __proto__ key in --params or --param is a parameter, never the prototype (issue 16)', async () => {
    const ctx = ctxFor(['--params', '-', '--param', '__proto__={"b":2}'], {
      stdin: '{"__proto__":{"polluted":1},"a":1}',
    });
    const parameters = await readParameters(ctx);
    expect(Object.getPrototypeOf(parameters)).toBe(Object.prototype);
    expect((parameters as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parameters).sort()).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(parameters, '__proto__')?.value).toEqual({ b: 2 });
  });

  test('--params - reads stdin', async () => {
    const ctx = ctxFor(['--params', '-'], { stdin: '{"limit": 5}' });
    expect(await readParameters(ctx)).toEqual({ limit: 5 });
  });

  test('bad parameters are usage errors', async () => {
    await expect(readParameters(ctxFor(['--param', 'novalue']))).rejects.toThrow(
      '--param needs KEY=VALUE, got `novalue`',
    );
    await expect(readParameters(ctxFor(['--params', '-'], { stdin: '[1]' }))).rejects.toThrow(
      'expected a JSON object',
    );
    await expect(readParameters(ctxFor(['--params', 'missing.json'], { cwd: tmp }))).rejects.toThrow(
      UsageError,
    );
  });
});

/** An app whose Base is the origin the sandbox emulates (the ChartMogul app), in the temporary folder. */
const chartmogulApp = () => ({ dir: tmp, base: { baseUrl: 'https://api.chartmogul.com' } });
/** Any other app. */
const otherApp = () => ({ dir: tmp, base: { baseUrl: 'https://api.example.com/v2' } });

describe('connection and target', () => {
  test('flags beat environment variables', async () => {
    const env = { CHARTMOGUL_API_KEY: 'env-key', CHARTMOGUL_BASE_URL: 'http://127.0.0.1:9/' };
    const target = await resolveTarget(
      ctxFor(['--api-key', 'flag-key', '--base-url', 'http://localhost:4010'], { env }),
      chartmogulApp(),
    );
    expect(target.connection).toEqual({ apiKey: 'flag-key' });
    expect(target.target).toBe('http://localhost:4010');
    expect(target.description).not.toContain('flag-key');
  });

  test('a base URL loses its trailing slashes in linear time (issue 16)', async () => {
    const base = `http://localhost:4010/p${'/'.repeat(300_000)}`;
    const target = await resolveTarget(ctxFor(['--base-url', base]), chartmogulApp());
    expect(target.target).toBe('http://localhost:4010/p');
    expect(withoutTrailingSlashes(`x${'/'.repeat(300_000)}!`)).toHaveLength(300_002);
  });

  test('environment variables when no flags', async () => {
    const env = { CHARTMOGUL_API_KEY: 'env-key', CHARTMOGUL_BASE_URL: 'http://127.0.0.1:9/' };
    const target = await resolveTarget(ctxFor([], { env }), chartmogulApp());
    expect(target).toMatchObject({ connection: { apiKey: 'env-key' }, target: 'http://127.0.0.1:9' });
  });

  test('a key alone means the real API; a base URL alone the sandbox demo key', async () => {
    const real = await resolveTarget(ctxFor(['--api-key', 'k']), chartmogulApp());
    expect(real.target).toBeUndefined();
    expect(real.connection.apiKey).toBe('k');
    const local = await resolveTarget(ctxFor(['--base-url', 'http://127.0.0.1:4010']), chartmogulApp());
    expect(local.connection.apiKey).toBe(SANDBOX_DEMO_KEY);
  });

  test('a malformed base URL is a usage error', async () => {
    await expect(resolveTarget(ctxFor(['--base-url', 'not a url']), chartmogulApp())).rejects.toThrow(
      UsageError,
    );
  });

  test('neither key nor base URL starts the embedded sandbox on the app folder', async () => {
    const target = await resolveTarget(ctxFor([]), chartmogulApp());
    try {
      expect(target.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(target.connection.apiKey).toBe(SANDBOX_DEMO_KEY);
      expect(fs.existsSync(path.join(tmp, '.sandbox', 'chartmogul.db'))).toBe(true);
    } finally {
      await target.close();
    }
  });

  test('the embedded sandbox creates its .sandbox folder readable by its owner only', async () => {
    const app = fs.mkdtempSync(path.join(tmp, 'private-'));
    const target = await resolveTarget(ctxFor([]), { ...chartmogulApp(), dir: app });
    try {
      // The folder holds the databases and their -wal/-shm files: no one else may list or open them.
      expect(fs.statSync(path.join(app, '.sandbox')).mode & 0o077).toBe(0);
      expect(fs.statSync(path.join(app, '.sandbox', 'chartmogul.db')).mode & 0o077).toBe(0);
    } finally {
      await target.close();
    }
  });

  test('another app: no sandbox stands in; its own API, or the base URL given, with no demo key', async () => {
    const own = await resolveTarget(ctxFor([]), otherApp());
    expect([own.target, own.connection, own.description]).toEqual([undefined, {}, "the app's API"]);
    const local = await resolveTarget(ctxFor(['--base-url', 'http://127.0.0.1:4010/']), otherApp());
    expect([local.target, local.connection]).toEqual(['http://127.0.0.1:4010', {}]);
    expect(fs.existsSync(path.join(tmp, '.sandbox', 'other.db'))).toBe(false);
  });

  test('--connection k=v gives any value of the connection (JSON when it parses), beside --api-key', async () => {
    const target = await resolveTarget(
      ctxFor([
        '--connection',
        'region=eu',
        '--connection',
        'tier=2',
        '--api-key',
        'k1',
        '--base-url',
        'http://127.0.0.1:9',
      ]),
      otherApp(),
    );
    expect(target.connection).toEqual({ region: 'eu', tier: 2, apiKey: 'k1' });
  });
});

describe('app folder', () => {
  test('--app is relative to the working directory', () => {
    expect(resolveAppDir(ctxFor(['--app', 'sub'], { cwd: tmp }))).toBe(path.join(tmp, 'sub'));
  });

  test('else the nearest folder upward holding makecomapp.json', () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(path.join(app, 'modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(app, 'makecomapp.json'), '{}');
    expect(resolveAppDir(ctxFor([], { cwd: path.join(app, 'modules', 'x') }))).toBe(app);
  });
});

describe('progress bar', () => {
  test('draws on a terminal', () => {
    const ctx = ctxFor([], { stderrTTY: true });
    const progress = createProgress(ctx, 'pages');
    progress.update(5, 10);
    progress.update(10, 10);
    progress.finish();
    const text = (ctx.io.stderr as MemoryStream).text;
    expect(text).toContain('pages [############------------] 5/10');
    expect(text).toContain('pages [########################] 10/10');
    expect(text.endsWith('\r\u001b[K')).toBe(true);
  });

  test('estimates the time left from the pace so far', () => {
    const ctx = ctxFor([], { stderrTTY: true });
    let clock = 1_000;
    const progress = createProgress(ctx, 'bundles', () => clock);
    clock += 4_000;
    progress.update(2, 10); // 2 s each, 8 to go
    clock += 200_000;
    progress.update(5, 10); // 40.8 s each, 5 to go
    const text = (ctx.io.stderr as MemoryStream).text;
    expect(text).toContain('bundles [#####-------------------] 2/10 ETA 16s');
    expect(text).toContain('bundles [############------------] 5/10 ETA 3m24s');
  });

  test('formats durations briefly', () => {
    expect([0, 59_400, 61_000, 3_599_000, 3_725_000].map(formatDuration)).toEqual([
      '0s',
      '59s',
      '1m01s',
      '59m59s',
      '1h02m',
    ]);
  });

  test('is silent when stderr is not a terminal, and with --json', () => {
    for (const ctx of [ctxFor([]), ctxFor(['--json'], { stderrTTY: true })]) {
      const progress = createProgress(ctx, 'pages');
      progress.update(1, 2);
      progress.tick();
      progress.finish();
      expect((ctx.io.stderr as MemoryStream).text).toBe('');
    }
  });
});

test('formatTable aligns columns', () => {
  expect(
    formatTable([
      ['a', 'bb', 'c'],
      ['ccc', 'd', 'e'],
    ]),
  ).toEqual(['a    bb  c', 'ccc  d   e']);
});
