import type { CommandContext } from '../command';

export interface Progress {
  /** Sets the count done (and the total, when it becomes known). */
  update(done: number, total?: number): void;
  /** One more done. */
  tick(): void;
  /** Clears the bar. */
  finish(): void;
}

const SILENT: Progress = { update() {}, tick() {}, finish() {} };
const WIDTH = 24;
const MIN_INTERVAL_MS = 80;

/**
 * A progress bar on stderr for long work. Silent unless stderr is a terminal, and with --json, so
 * piped output and JSON documents stay clean.
 */
export function createProgress(ctx: CommandContext, label: string): Progress {
  const stream = ctx.io.stderr;
  if (ctx.json || !stream.isTTY) return SILENT;
  let done = 0;
  let total: number | undefined;
  let lastDraw = 0;
  let drawn = false;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < MIN_INTERVAL_MS) return;
    lastDraw = now;
    drawn = true;
    let line: string;
    if (total !== undefined && total > 0) {
      const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`;
    } else {
      line = `${label} ${done}`;
    }
    stream.write(`\r${line}\u001b[K`);
  };
  return {
    update(value, newTotal) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      draw(total !== undefined && done >= total);
    },
    tick() {
      this.update(done + 1);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
