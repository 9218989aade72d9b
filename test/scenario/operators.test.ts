import { OPERATORS, compareSemver, getOperator } from '../../runtime/scenario/operators';

const check = (o: string, a: unknown, b?: unknown, timezone = 'UTC') =>
  (getOperator(o) as NonNullable<ReturnType<typeof getOperator>>)(a, b, { timezone });

// [operator, a, b, expected] — every operator appears with at least one true and one false case.
const CASES: [string, unknown, unknown, boolean][] = [
  ['exist', 'x', undefined, true],
  ['exist', 0, undefined, true],
  ['exist', '', undefined, false],
  ['exist', null, undefined, false],
  ['notexist', undefined, undefined, true],
  ['notexist', 'x', undefined, false],

  ['text:equal', 'Active', 'Active', true],
  ['text:equal', 'Active', 'active', false],
  ['text:equal', 12, '12', true],
  ['text:equal:ci', 'Active', 'aCTIVE', true],
  ['text:equal:ci', 'Active', 'Lead', false],
  ['text:notequal', 'a', 'b', true],
  ['text:notequal', 'a', 'a', false],
  ['text:notequal:ci', 'A', 'a', false],
  ['text:notequal:ci', 'A', 'b', true],
  ['text:contain', 'hello world', 'lo w', true],
  ['text:contain', 'hello world', 'LO W', false],
  ['text:contain:ci', 'hello world', 'LO W', true],
  ['text:contain:ci', 'hello', 'xyz', false],
  ['text:notcontain', 'hello', 'xyz', true],
  ['text:notcontain', 'hello', 'ell', false],
  ['text:notcontain:ci', 'hello', 'ELL', false],
  ['text:notcontain:ci', 'hello', 'XYZ', true],
  ['text:startwith', 'cus_123', 'cus_', true],
  ['text:startwith', 'cus_123', 'CUS_', false],
  ['text:startwith:ci', 'cus_123', 'CUS_', true],
  ['text:startwith:ci', 'cus_123', 'sub_', false],
  ['text:notstartwith', 'cus_123', 'sub_', true],
  ['text:notstartwith', 'cus_123', 'cus_', false],
  ['text:notstartwith:ci', 'cus_123', 'CUS', false],
  ['text:notstartwith:ci', 'cus_123', 'SUB', true],
  ['text:endwith', 'a@example.com', '.com', true],
  ['text:endwith', 'a@example.com', '.COM', false],
  ['text:endwith:ci', 'a@example.com', '.COM', true],
  ['text:endwith:ci', 'a@example.com', '.org', false],
  ['text:notendwith', 'a@example.com', '.org', true],
  ['text:notendwith', 'a@example.com', '.com', false],
  ['text:notendwith:ci', 'a@example.com', '.COM', false],
  ['text:notendwith:ci', 'a@example.com', '.ORG', true],
  ['text:pattern', 'inv-2024-001', '^inv-\\d{4}-\\d+$', true],
  ['text:pattern', 'INV-2024-001', '^inv-', false],
  ['text:pattern', 'INV-2024-001', '/^inv-/i', true],
  ['text:pattern', 'x', '([', false],
  ['text:pattern:ci', 'INV-2024', '^inv-', true],
  ['text:pattern:ci', 'abc', '^x', false],
  ['text:notpattern', 'abc', '^x', true],
  ['text:notpattern', 'abc', '^a', false],
  ['text:notpattern:ci', 'ABC', '^a', false],
  ['text:notpattern:ci', 'ABC', '^x', true],

  ['number:equal', '10', 10, true],
  ['number:equal', 10.5, 10, false],
  ['number:equal', 'ten', 10, false],
  ['number:notequal', 3, 4, true],
  ['number:notequal', 4, '4', false],
  ['number:notequal', 'ten', 10, true],
  ['number:greater', 5, 4, true],
  ['number:greater', 4, 4, false],
  ['number:less', '3', 4, true],
  ['number:less', 4, 4, false],
  ['number:greaterorequal', 4, 4, true],
  ['number:greaterorequal', 3, 4, false],
  ['number:lessorequal', 4, 4, true],
  ['number:lessorequal', 5, 4, false],
  ['number:greater', '', 0, false],

  ['date:equal', '2024-01-02T00:00:00Z', new Date('2024-01-02T00:00:00.000Z'), true],
  ['date:equal', '2024-01-02', '2024-01-03', false],
  ['date:notequal', '2024-01-02', '2024-01-03', true],
  ['date:notequal', '2024-01-02T00:00:00Z', '2024-01-02T00:00:00.000Z', false],
  ['date:greater', '2024-02-01', '2024-01-31', true],
  ['date:greater', '2024-01-01', '2024-01-31', false],
  ['date:less', '2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z', true],
  ['date:less', '2024-01-02', '2024-01-01', false],
  ['date:greaterorequal', '2024-01-01', '2024-01-01', true],
  ['date:greaterorequal', '2023-01-01', '2024-01-01', false],
  ['date:lessorequal', 1704067200000, '2024-01-01T00:00:00Z', true],
  ['date:lessorequal', '2025-01-01', '2024-01-01', false],
  ['date:greater', 'not a date', '2024-01-01', false],

  ['time:equal', '09:30', '09:30:00', true],
  ['time:equal', '09:30', '09:31', false],
  ['time:notequal', '09:30', '09:31', true],
  ['time:notequal', '9:30', '09:30', false],
  ['time:greater', '18:00', '09:00', true],
  ['time:greater', '08:00', '09:00', false],
  ['time:less', '2024-05-01T08:15:00Z', '09:00', true],
  ['time:less', '10:00', '09:00', false],
  ['time:greaterorequal', '09:00', '09:00', true],
  ['time:greaterorequal', '08:59:59', '09:00', false],
  ['time:lessorequal', '09:00', '09:00', true],
  ['time:lessorequal', '25:00', '09:00', false],

  ['semver:equal', '1.2.3', 'v1.2.3', true],
  ['semver:equal', '1.2', '1.2.0', true],
  ['semver:equal', '1.2.3', '1.2.4', false],
  ['semver:notequal', '1.2.3', '1.2.4', true],
  ['semver:notequal', '1.2.3', '1.2.3', false],
  ['semver:greater', '1.10.0', '1.9.9', true],
  ['semver:greater', '1.0.0-beta', '1.0.0', false],
  ['semver:less', '1.0.0-alpha.1', '1.0.0-alpha.2', true],
  ['semver:less', '2.0.0', '1.0.0', false],
  ['semver:greaterorequal', '2.0.0', '2.0.0', true],
  ['semver:greaterorequal', '1.9.0', '2.0.0', false],
  ['semver:lessorequal', '1.0.0-rc.1', '1.0.0', true],
  ['semver:lessorequal', '3.0.0', '2.0.0', false],
  ['semver:equal', 'banana', '1.0.0', false],

  ['array:contain', ['vip', 'past-due'], 'vip', true],
  ['array:contain', ['vip'], 'VIP', false],
  ['array:contain', [1, 2, 3], '2', true],
  ['array:contain', 'vip', 'vip', false],
  ['array:contain:ci', ['VIP'], 'vip', true],
  ['array:contain:ci', ['vip'], 'gold', false],
  ['array:notcontain', ['vip'], 'gold', true],
  ['array:notcontain', ['vip'], 'vip', false],
  ['array:notcontain:ci', ['VIP'], 'vip', false],
  ['array:notcontain:ci', ['VIP'], 'gold', true],
  ['array:equal', [1, 2], 2, true],
  ['array:equal', [1, 2], 3, false],
  ['array:notequal', [1, 2], 3, true],
  ['array:notequal', [], '0', false],
  ['array:greater', [1, 2, 3], 2, true],
  ['array:greater', [1], 2, false],
  ['array:less', [], 1, true],
  ['array:less', [1, 2], 1, false],
  ['array:greaterorequal', [1, 2], 2, true],
  ['array:greaterorequal', [1], 2, false],
  ['array:lessorequal', [1, 2], 2, true],
  ['array:lessorequal', [1, 2, 3], 2, false],
  ['array:equal', 'not an array', 12, false],

  ['boolean:equal', true, 'true', true],
  ['boolean:equal', 'false', false, true],
  ['boolean:equal', 1, false, false],
  ['boolean:equal', '', false, true],
  ['boolean:notequal', true, false, true],
  ['boolean:notequal', 'true', true, false],
];

describe('filter operators', () => {
  test.each(CASES)('%s(%j, %j) is %s', (o, a, b, expected) => {
    expect(check(o, a, b)).toBe(expected);
  });

  test('every operator of Make’s list is implemented and covered by the table', () => {
    const families: Record<string, string[]> = {
      text: [
        'equal',
        'notequal',
        'contain',
        'notcontain',
        'startwith',
        'notstartwith',
        'endwith',
        'notendwith',
        'pattern',
        'notpattern',
      ],
      number: ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'],
      date: ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'],
      time: ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'],
      semver: ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'],
      array: [
        'contain',
        'notcontain',
        'equal',
        'notequal',
        'greater',
        'less',
        'greaterorequal',
        'lessorequal',
      ],
      boolean: ['equal', 'notequal'],
    };
    const expected = new Set(['exist', 'notexist']);
    for (const [family, names] of Object.entries(families)) {
      for (const n of names) expected.add(`${family}:${n}`);
    }
    for (const n of families.text) expected.add(`text:${n}:ci`);
    expected.add('array:contain:ci');
    expected.add('array:notcontain:ci');
    expect(new Set(OPERATORS.keys())).toEqual(expected);
    const covered = new Set(CASES.map((c) => c[0]));
    for (const name of expected) {
      const outcomes = new Set(CASES.filter((c) => c[0] === name).map((c) => c[3]));
      expect([name, covered.has(name) && outcomes.size === 2]).toEqual([name, true]);
    }
  });

  test('time operators read a date’s time of day in the scenario’s time zone', () => {
    // 08:15 UTC is 10:15 in Berlin in May (CEST).
    expect(check('time:less', '2024-05-01T08:15:00Z', '09:00', 'UTC')).toBe(true);
    expect(check('time:less', '2024-05-01T08:15:00Z', '09:00', 'Europe/Berlin')).toBe(false);
  });

  test('date operators read zone-less text in the scenario’s time zone, whatever the host’s zone', () => {
    // 10:00 in Prague in January (CET) is 09:00 UTC.
    expect(check('date:equal', '2026-01-02 10:00', '2026-01-02T09:00:00Z', 'Europe/Prague')).toBe(true);
    expect(check('date:equal', '2026-01-02 10:00', '2026-01-02T10:00:00Z', 'Europe/Prague')).toBe(false);
    expect(check('date:equal', '2026-01-02 10:00', '2026-01-02T10:00:00Z', 'UTC')).toBe(true);
  });

  test('date operators read every form of Make’s coercion list', () => {
    expect(check('date:less', '20.6.2016', '2020-01-01T00:00:00Z')).toBe(true);
    expect(check('date:equal', '06/20/2016 5:26 PM', '2016-06-20T17:26:00Z')).toBe(true);
    expect(check('date:equal', '2016-06-20 19:26:44 GMT+02:00', '2016-06-20T17:26:44Z')).toBe(true);
    expect(check('date:greater', '2016-02-30', '2000-01-01')).toBe(false);
  });

  test('boolean operators coerce as Make does: any number is Yes (even 0), text is No only as false or empty', () => {
    expect(check('boolean:equal', 0, true)).toBe(true);
    expect(check('boolean:equal', 0, false)).toBe(false);
    expect(check('boolean:equal', 'no', true)).toBe(true);
    expect(check('boolean:equal', 'false', false)).toBe(true);
    expect(check('boolean:equal', null, false)).toBe(true);
    expect(check('boolean:notequal', 0, false)).toBe(true);
  });

  test('semver ordering follows pre-release rules', () => {
    expect(compareSemver('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
    expect(compareSemver('1.0.0-alpha.beta', '1.0.0-beta')).toBeLessThan(0);
    expect(compareSemver('1.0.0-2', '1.0.0-11')).toBeLessThan(0);
    expect(compareSemver('1.0.0-beta', '1.0.0-1')).toBeGreaterThan(0);
  });

  test('a pattern with the g flag gives the same answer every time', () => {
    expect([check('text:pattern', 'abc', '/b/g'), check('text:pattern', 'abc', '/b/g')]).toEqual([
      true,
      true,
    ]);
  });

  test('a pattern that hangs a backtracking engine answers at once (issue 16)', () => {
    const s = 'a'.repeat(3000);
    expect(check('text:pattern', s, 'a*a*a*a*b')).toBe(false);
    expect(check('text:pattern:ci', `${' '.repeat(1000)}z`, '/\\s*\\s*\\s*$/')).toBe(true);
    expect(check('text:pattern', s, '/^(?=a*a*a*a*$)a/')).toBe(true);
    expect(check('text:pattern', `${'a'.repeat(40)}b`, '(?:a|a){29}$')).toBe(false);
  });

  test('a pattern that runs out of its regex budget fails the condition with an ImlError, not a quiet false', () => {
    expect(() => check('text:pattern', 'a'.repeat(5000), '^(a*)*\\1$b')).toThrow(
      expect.objectContaining({ name: 'ImlError', message: expect.stringMatching(/regex step budget/) }),
    );
  });
});
