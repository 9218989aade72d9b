/**
 * IML's built-ins as a function reaches them through `iml.<name>(…)`: each call is evaluated as the
 * template `{{name(a1, …)}}` over its arguments, so it gets IML's own argument rules, the lazy
 * built-ins (if, ifempty, switch) and the evaluation budgets, with the call's time zone.
 */
import { compile, functionNames } from '../iml';

const NAMES = new Set(functionNames());

/** Every built-in's name. */
export function builtinNames(): string[] {
  return [...NAMES];
}

const ARGS = Array.from({ length: 32 }, (_v, i) => `a${i}`);

export function callBuiltin(name: string, args: unknown[], timezone: string): unknown {
  // The name is spliced into a template only when it is one of the built-ins' own names.
  if (!NAMES.has(name)) throw new TypeError(`iml.${name} is not a function`);
  if (args.length > ARGS.length) throw new RangeError(`iml.${name}: too many arguments`);
  const context: Record<string, unknown> = {};
  args.forEach((value, i) => (context[ARGS[i]!] = value));
  const template = `{{${name}(${ARGS.slice(0, args.length).join(', ')})}}`;
  return compile(template, { dialect: 'app' })(context, { timezone });
}
