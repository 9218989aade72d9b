import fs from 'node:fs';
import path from 'node:path';
import type { CommandContext, FlagSpec } from '../command';
import { UsageError } from '../errors';

/**
 * A `--param` value: JSON when it parses as JSON (true, null, "quoted", [..], {..}), else the text
 * itself (`--param zip=01234` stays text). A number is kept only when its text is the number's own
 * form: `12345678901234567890` (past double precision), `1.50` and `1e3` stay text, as typed, since
 * the engine turns numeric text into a number for number fields anyway and text fields must keep
 * every character (docs/decisions.md, "Command line").
 */
export function parseParamValue(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return text;
  }
  return typeof value === 'number' && String(value) !== text ? text : value;
}

/** Splits `key=value` at the first `=`; `command` is whose help a mistake points at. */
export function parseParamFlag(flag: string, command?: string): [string, unknown] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(`--param needs KEY=VALUE, got \`${flag}\``, command);
  return [flag.slice(0, eq), parseParamValue(flag.slice(eq + 1))];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The parameters of `run` and `rpc`: the object of `--params FILE` (or `-` for stdin) first, then
 * each `--param k=v` over it.
 */
/** An own property even for `__proto__` (Object.assign or `=` would set the prototype instead). */
function ownKey(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

export async function readParameters(ctx: CommandContext): Promise<Record<string, unknown>> {
  const command = ctx.command.name;
  const parameters: Record<string, unknown> = {};
  const source = ctx.flag('params');
  if (source !== undefined) {
    const text =
      source === '-'
        ? await readAll(ctx.io.stdin)
        : readParamsFile(path.resolve(ctx.io.cwd, source), command);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--params ${source}: not JSON (${(err as Error).message})`, command);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UsageError(`--params ${source}: expected a JSON object of parameter values`, command);
    }
    for (const [key, v] of Object.entries(value)) ownKey(parameters, key, v);
  }
  for (const flag of ctx.flagList('param')) {
    const [key, value] = parseParamFlag(flag, command);
    ownKey(parameters, key, value);
  }
  return parameters;
}

function readParamsFile(file: string, command: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`--params: cannot read ${file} (${code})`, command);
  }
}

/** The flags of commands that take parameter values (`run`, `rpc`). */
export const PARAMETER_FLAGS: FlagSpec[] = [
  {
    name: 'param',
    value: 'k=v',
    repeatable: true,
    description: 'a parameter value (JSON when it parses, numbers only as written, else text)',
  },
  { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
];
