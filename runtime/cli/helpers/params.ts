import fs from 'node:fs';
import path from 'node:path';
import type { CommandContext, FlagSpec } from '../command';
import { UsageError } from '../errors';

/** `--param` values are JSON when they parse as JSON, else the text itself (`--param zip=01234` stays text). */
export function parseParamValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Splits `key=value` at the first `=`. */
export function parseParamFlag(flag: string): [string, unknown] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(`--param needs KEY=VALUE, got \`${flag}\``);
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
export async function readParameters(ctx: CommandContext): Promise<Record<string, unknown>> {
  const parameters: Record<string, unknown> = {};
  const source = ctx.flag('params');
  if (source !== undefined) {
    const text =
      source === '-' ? await readAll(ctx.io.stdin) : readParamsFile(path.resolve(ctx.io.cwd, source));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`--params ${source}: not JSON (${(err as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new UsageError(`--params ${source}: expected a JSON object of parameter values`);
    }
    Object.assign(parameters, value);
  }
  for (const flag of ctx.flagList('param')) {
    const [key, value] = parseParamFlag(flag);
    parameters[key] = value;
  }
  return parameters;
}

function readParamsFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--params: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The flags of commands that take parameter values (`run`, `rpc`). */
export const PARAMETER_FLAGS: FlagSpec[] = [
  {
    name: 'param',
    value: 'k=v',
    repeatable: true,
    description: 'a parameter value (JSON when it parses, else text)',
  },
  { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
];
