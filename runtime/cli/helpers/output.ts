import type { CommandContext } from '../command';

/** One JSON document on stdout (--json). `undefined` prints as null so the output always parses. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value === undefined ? null : value, null, 2)}\n`);
}

export function printLines(ctx: CommandContext, lines: string[]): void {
  if (lines.length > 0) ctx.io.stdout.write(`${lines.join('\n')}\n`);
}

/** `data` as JSON with --json, else the plain lines (computed only when needed). */
export function printResult(ctx: CommandContext, data: unknown, plain: () => string[]): void {
  if (ctx.json) printJson(ctx, data);
  else printLines(ctx, plain());
}

/** Rows as aligned columns (the last column is not padded). */
export function formatTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
  );
}

/** A message for people, on stderr, so stdout stays clean for data. */
export function note(ctx: CommandContext, message: string): void {
  ctx.io.stderr.write(`${message}\n`);
}
