/** Compile and runtime errors: ImlError with the template and the position (line:column). */
import { compile, evaluate } from '../../runtime/iml';
import { ImlError } from '../../runtime/errors';
import { runTable, Row } from './table';

const app: Row[] = [
  { t: '{{foo(1)}}', err: "Unknown function 'foo'", col: 3 },
  { t: 'abc {{ nope() }}', err: "Unknown function 'nope'", col: 8 },
  {
    t: '{{Upper("x")}}',
    err: "Unknown function 'Upper'",
    col: 3,
    name: 'decision: function names are case-sensitive',
  },
  { t: '{{1 +}}', err: "Unexpected '}}'", col: 6 },
  { t: '{{}}', err: 'Empty expression', col: 1 },
  { t: '{{   }}', err: 'Empty expression', col: 1 },
  { t: '{{a.b', err: "Unterminated '{{'", col: 1 },
  { t: 'text {{a', err: "Unterminated '{{'", col: 6 },
  { t: '{{a b}}', err: "Unexpected 'b'", col: 5 },
  { t: '{{(1 + 2}}', err: "Unexpected '}}'", col: 9 },
  { t: '{{a[1}}', err: "Unexpected '}}'", col: 6 },
  { t: '{{a.}}', err: "Unexpected '}}'", col: 5 },
  { t: '{{a..b}}', err: "Unexpected '.'", col: 5 },
  { t: "{{'abc}}", err: 'Unterminated string', col: 3 },
  { t: '{{`abc}}', err: 'Unterminated backtick name', col: 3 },
  { t: '{{a # b}}', err: "Unexpected character '#'", col: 5 },
  { t: '{{a } b}}', err: "Unexpected '}'", col: 5 },
  { t: '{{if(1)}}', err: "Function 'if' takes 2 to 3 argument(s), got 1", col: 3 },
  { t: '{{lower()}}', err: "Function 'lower' takes 1 argument(s), got 0", col: 3 },
  { t: '{{get(a, b, c)}}', err: "Function 'get' takes 2 argument(s), got 3", col: 3 },
  // A trailing separator is read as JavaScript reads one (decisions, "Any Make app"): one argument here.
  { t: '{{if(1,)}}', err: "Function 'if' takes 2 to 3 argument(s), got 1", col: 3 },
  { t: '{{if(1,,2)}}', err: "Unexpected ','", col: 8 },
  { t: '{{a and b}}', err: "Unexpected 'and'", col: 5, name: 'and is not an app operator' },
  { t: '{{a & b}}', err: "Unexpected '&'", col: 5 },
  { t: 'line1\nline2 {{ bad( }}', err: "Unknown function 'bad'", name: 'position on the second line' },
  { t: "{{parseJSON('{')}}", err: 'parseJSON:', col: 3, name: 'runtime failure at the call' },
  { t: "{{upper(parseJSON('['))}}", err: 'parseJSON:', col: 9, name: 'runtime failure of a nested call' },
  { t: "x {{round('abc')}}", err: 'round: number must be a number', col: 5 },
  { t: { a: { b: ['ok', '{{zz(1)}}'] } }, err: "Unknown function 'zz'", name: 'errors inside nested values' },
];

runTable('app errors', app, { dialect: 'app', ctx: {} });

const scenario: Row[] = [
  // `if` needs at least 2 arguments: the whole text "1, 2, 3" is one argument.
  {
    t: '{{if(1, 2, 3)}}',
    err: "Function 'if' takes 2 to 3 argument(s), got 1",
    col: 3,
    name: 'commas are text in a scenario argument',
  },
  { t: '{{foo(1)}}', err: "Unknown function 'foo'", col: 3 },
  { t: '{{1.}}', err: "Unexpected '}}'", col: 5 },
  { t: '{{if(1 = 1; a)', err: "Unterminated '{{'", col: 1 },
  { t: '{{1.a +}}', err: "Unexpected '}}'", col: 8 },
];
runTable('scenario errors', scenario, { dialect: 'scenario', ctx: {} });

describe('ImlError details', () => {
  test('carries template, offset, line and column', () => {
    const template = 'a\nbc {{ x( }}';
    let err: ImlError | undefined;
    try {
      compile(template, { dialect: 'app' });
    } catch (e) {
      err = e as ImlError;
    }
    expect(err).toBeInstanceOf(ImlError);
    expect(err!.name).toBe('ImlError');
    expect(err!.template).toBe(template);
    expect(err!.position).toEqual({ offset: 8, line: 2, column: 7 });
    expect(err!.message).toBe("Unknown function 'x' (at 2:7)");
  });

  test('unknown functions fail at compile time, before any evaluation', () => {
    expect(() => compile('{{if(false, nosuch(1), 2)}}')).toThrow(ImlError);
  });

  test('an unknown dialect is refused', () => {
    expect(() => compile('{{1}}', { dialect: 'other' as 'app' })).toThrow(/Unknown IML dialect/);
  });

  test('a runtime error names the template', () => {
    try {
      evaluate("{{parseJSON('{')}}", {});
      throw new Error('no error');
    } catch (e) {
      expect((e as ImlError).template).toBe("{{parseJSON('{')}}");
    }
  });
});
