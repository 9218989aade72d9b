/** `iml` evaluates a template through the public `evaluate`. */
import { runCli } from './run-cli';

test('evaluates an app-dialect template to its raw value', async () => {
  const { code, stdout } = await runCli([
    'iml',
    '{{parameters.a + 2}}',
    '--context',
    '{"parameters":{"a":40}}',
  ]);
  expect(code).toBe(0);
  expect(stdout).toBe('42\n');
});

test('mixed text yields a string, printed as is', async () => {
  const { code, stdout } = await runCli([
    'iml',
    'Hello {{parameters.name}}!',
    '--context',
    '{"parameters":{"name":"Ada"}}',
  ]);
  expect(code).toBe(0);
  expect(stdout).toBe('Hello Ada!\n');
});

test('the scenario dialect reads module outputs', async () => {
  const { code, stdout } = await runCli([
    'iml',
    '{{1.email}}',
    '--dialect',
    'scenario',
    '--context',
    '{"1":{"email":"a@b.c"}}',
    '--json',
  ]);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toBe('a@b.c');
});

test('--context that is not JSON exits 2', async () => {
  const { code, stderr } = await runCli(['iml', '{{1}}', '--context', '{nope']);
  expect(code).toBe(2);
  expect(stderr).toContain('--context: not JSON');
});

test('an unknown dialect exits 2', async () => {
  const { code, stderr } = await runCli(['iml', '{{1}}', '--dialect', 'excel']);
  expect(code).toBe(2);
  expect(stderr).toContain('--dialect must be app or scenario, got excel');
});

test('a malformed template exits 2 with the IML error', async () => {
  const { code, stderr } = await runCli(['iml', '{{1 +}}']);
  expect(code).toBe(2);
  expect(stderr).toMatch(/^chartmogul-connector: .+/);
});

test('without a template exits 2', async () => {
  const { code, stderr } = await runCli(['iml']);
  expect(code).toBe(2);
  expect(stderr).toContain('iml needs a TEMPLATE');
});

test('an unknown --timezone exits 2 as in `scenario`, instead of evaluating in UTC', async () => {
  const { code, stdout, stderr } = await runCli(['iml', '{{now}}', '--timezone', 'Not/AZone']);
  expect([code, stdout]).toEqual([2, '']);
  expect(stderr).toContain(
    '--timezone: unknown time zone Not/AZone (use an IANA name such as Europe/Prague)',
  );
  const known = await runCli([
    'iml',
    "{{formatDate(now, 'HH:mm')}}",
    '--timezone',
    'Europe/Prague',
    '--now',
    '2026-01-05T10:00:00Z',
  ]);
  expect([known.code, known.stdout]).toEqual([0, '11:00\n']);
});
