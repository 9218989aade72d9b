import { api } from '../api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { printJson, printLines } from '../helpers/output';
import { timezoneFlag } from '../helpers/timezone';

const DIALECTS = ['app', 'scenario'] as const;
type Dialect = (typeof DIALECTS)[number];

function parseContext(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--context: not JSON (${(err as Error).message})`, 'iml');
  }
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, null, 2);
}

export const imlCommand: Command = {
  name: 'iml',
  usage: "iml 'TEMPLATE' [--context JSON] [--dialect app|scenario] [--timezone TZ] [--now ISO]",
  summary: 'evaluates an IML template (default dialect app) and prints the value',
  flags: [
    {
      name: 'context',
      value: 'JSON',
      description: 'the variables, e.g. {"parameters":{"x":1}} (app) or {"1":{"x":1}} (scenario)',
    },
    {
      name: 'dialect',
      value: 'app|scenario',
      description: 'app: definitions (comma arguments); scenario: blueprint mapper (; arguments)',
    },
    { name: 'timezone', value: 'TZ', description: 'IANA time zone of date functions (default UTC)' },
    { name: 'now', value: 'ISO', description: 'the value of `now`' },
  ],
  commonFlags: [],
  maxPositionals: 1,
  async run(ctx) {
    const template = ctx.positionals[0];
    if (template === undefined) throw new UsageError('iml needs a TEMPLATE', 'iml');
    const dialect = (ctx.flag('dialect') ?? 'app') as Dialect;
    if (!DIALECTS.includes(dialect))
      throw new UsageError(`--dialect must be app or scenario, got ${dialect}`, 'iml');
    const context = parseContext(ctx.flag('context'));
    const nowText = ctx.flag('now');
    const now = nowText === undefined ? undefined : new Date(nowText);
    if (now !== undefined && Number.isNaN(now.getTime()))
      throw new UsageError(`--now: not a date: ${nowText}`, 'iml');
    const { evaluate } = api();
    const timezone = timezoneFlag(ctx);
    const value = evaluate(template, context, {
      dialect,
      ...(timezone !== undefined ? { timezone } : {}),
      ...(now !== undefined ? { now } : {}),
    });
    if (ctx.json) printJson(ctx, value);
    else printLines(ctx, [plain(value)]);
    return EXIT.ok;
  },
};
