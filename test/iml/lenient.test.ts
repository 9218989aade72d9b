/**
 * IML that Make's approved apps use beyond the documented grammar (issue 20; each construct's meaning
 * and the app it comes from: docs/decisions.md, "Any Make app"). Our own expressions, in the shapes
 * the apps use.
 */
import { compile, evaluate, lenientUses } from '../../runtime/iml';
import { ImlError } from '../../runtime/errors';

const ctx = {
  parameters: { id: 42, code: 'x-1', on: true, off: false, file: Buffer.from('hi!') },
  body: { state: 'done', items: ['first', 'second'], errors: [{ text: 'quota' }] },
};
const app = (t: string, context: unknown = ctx) => evaluate(t, context, { dialect: 'app' });

describe("';' between arguments in app IML", () => {
  test('is read as the argument separator', () => {
    expect(app("{{if(parameters.on; 'yes'; 'no')}}")).toBe('yes');
    expect(app("{{ifempty(parameters.none; 'fallback')}}")).toBe('fallback');
  });

  test('commas and semicolons in one call', () => {
    expect(app("{{if(parameters.off, 'yes'; 'no')}}")).toBe('no');
  });
});

describe('a separator right before `)`', () => {
  test('ends the list as JavaScript’s trailing comma does: `if(c, x,)` is `if(c, x)`', () => {
    expect(app("{{if(parameters.on, 'route',)}}")).toBe('route');
    expect(app("{{if(parameters.off, 'route',)}}")).toBeUndefined();
  });

  test('the undefined result drops its key, as an unset optional field should be', () => {
    expect(app({ route: "{{if(parameters.off, 'fallback',)}}", model: 'm' } as never)).toEqual({
      model: 'm',
    });
  });

  test('an empty argument between separators is still a mistake', () => {
    expect(() => app('{{if(parameters.on,,1)}}')).toThrow(/Unexpected ','/);
  });
});

describe('text beside an operand, no operator between', () => {
  test('a prefix before a path is joined as text', () => {
    expect(app("{{'item_'parameters.id}}")).toBe('item_42');
    expect(app("{{'Failed: ' body.errors[1].text}}")).toBe('Failed: quota');
  });

  test('text after an operand too, and a run of several', () => {
    expect(app("{{parameters.code '-' parameters.id}}")).toBe('x-1-42');
  });

  test('joined as text, never added: numbers stay digits side by side', () => {
    expect(app("{{parameters.id '' parameters.id}}")).toBe('4242');
  });

  test('two paths with no text between them are still a mistake', () => {
    expect(() => app('{{parameters.a parameters.b}}')).toThrow(/Unexpected 'parameters'/);
    expect(() => app('{{a and b}}')).toThrow(/Unexpected 'and'/);
  });
});

describe('a call still open at `}}`', () => {
  test('is closed there', () => {
    expect(app('{{upper(parameters.code}}')).toBe('X-1');
  });

  test('an inner call holding more arguments than it takes hands the surplus to the open call', () => {
    // The author's `)` after first(…) went missing: if(state = done, first(items), 'Failed: ' …).
    const t = "{{if(body.state = 'done', first(body.items, 'Failed: ' body.errors[1].text)}}";
    expect(app(t)).toBe('first');
    expect(app(t, { body: { ...ctx.body, state: 'failed' } })).toBe('Failed: quota');
  });

  test('a surplus argument in a call that was closed is still a mistake', () => {
    expect(() => app("{{if(parameters.on, first(body.items, 'x'))}}")).toThrow(
      /Function 'first' takes 1 argument\(s\), got 2 \(at 1:21\)/,
    );
  });
});

describe('toString with an encoding', () => {
  test('binary data becomes text in that encoding', () => {
    expect(app("{{toString(parameters.file, 'base64')}}")).toBe('aGkh');
    expect(app("{{toString(parameters.file, 'hex')}}")).toBe('686921');
  });

  test('other values ignore it, as JavaScript’s toString does', () => {
    expect(app("{{toString(parameters.code, 'base64')}}")).toBe('x-1');
    expect(app("{{toString(parameters.id, 'hex')}}")).toBe('42');
  });

  test('one argument is unchanged (binary data as UTF-8 text)', () => {
    expect(app('{{toString(parameters.file)}}')).toBe('hi!');
  });

  test('a third argument is a mistake', () => {
    expect(() => app("{{toString(parameters.file, 'hex', 1)}}")).toThrow(/takes 1 to 2 argument/);
  });
});

describe('lenientUses: what this repository keeps out of its own definitions', () => {
  test('names each construct and where it is', () => {
    const uses = lenientUses("{{if(parameters.on; 'a' parameters.id,)}} {{lower(parameters.code}}");
    expect(uses.map((u) => [u.construct, u.position.column])).toEqual([
      ['semicolon', 19],
      ['juxtaposition', 25],
      ['trailing-separator', 39],
      ['unclosed-call', 45],
    ]);
    expect(lenientUses("{{toString(x, 'hex')}}").map((u) => u.construct)).toEqual(['extra-argument']);
  });

  test('documented IML has none', () => {
    expect(lenientUses("{{if(parameters.on, 'a' + parameters.id, lower(parameters.code))}}")).toEqual([]);
  });

  test('the scenario dialect is untouched: `;` is its separator, `,` stays text', () => {
    expect(evaluate('{{if(true; a,; b)}}', {}, { dialect: 'scenario' })).toBe('a,');
  });
});

describe('custom function calls', () => {
  const functions = {
    names: ['double'],
    call: (name: string, args: unknown[], context: { timezone: string }) =>
      name === 'double' ? `${Number(args[0]) * 2}@${context.timezone}` : undefined,
  };

  test('compile only with the app’s names, and run through the evaluation’s caller', () => {
    expect(() => compile('{{double(parameters.id)}}', { dialect: 'app' })).toThrow(
      /Unknown function 'double'/,
    );
    const fn = compile('{{double(parameters.id)}}', { dialect: 'app', functions: ['double'] });
    expect(fn(ctx, { functions, timezone: 'Europe/Prague' })).toBe('84@Europe/Prague');
    expect(evaluate('n={{double(2)}}', {}, { functions })).toBe('n=4@UTC');
  });

  test('a template compiled with them but run without the caller fails at the call', () => {
    const fn = compile('{{double(1)}}', { dialect: 'app', functions: ['double'] });
    expect(() => fn({})).toThrow(ImlError);
    expect(() => fn({})).toThrow(/Custom function 'double' is not available/);
  });

  test('a built-in keeps its name: a custom function cannot replace it', () => {
    const fn = compile('{{lower(x)}}', { dialect: 'app', functions: ['lower'] });
    expect(fn({ x: 'AB' }, { functions: { names: ['lower'], call: () => 'custom' } })).toBe('ab');
  });

  test('never in scenario mappings', () => {
    expect(() => compile('{{double(1)}}', { dialect: 'scenario', functions: ['double'] })).toThrow(
      /Unknown function 'double'/,
    );
  });

  test('a failure inside names the function and the position', () => {
    const failing = {
      names: ['boom'],
      call: () => {
        throw new Error('bad input');
      },
    };
    expect(() => evaluate('{{ boom(1) }}', {}, { functions: failing })).toThrow(/boom: bad input \(at 1:4\)/);
  });
});
