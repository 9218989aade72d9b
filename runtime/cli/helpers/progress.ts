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

/** `42s`, `3m05s`, `1h02m`: short enough for one terminal line. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A progress bar on stderr for long work, with an estimate of the time left once a total is known.
 * Silent unless stderr is a terminal, and with --json, so piped output and JSON documents stay clean.
 */
export function createProgress(ctx: CommandContext, label: string, now: () => number = Date.now): Progress {
  const stream = ctx.io.stderr;
  if (ctx.json || !stream.isTTY) return SILENT;
  const started = now();
  let done = 0;
  let total: number | undefined;
  let lastDraw = 0;
  let drawn = false;
  const draw = (force: boolean) => {
    const at = now();
    if (!force && at - lastDraw < MIN_INTERVAL_MS) return;
    lastDraw = at;
    drawn = true;
    let line: string;
    if (total !== undefined && total > 0) {
      const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`;
      // Time left at the pace so far: (elapsed / done) per item for the items still to do.
      if (done > 0 && done < total)
        line += ` ETA ${formatDuration(((at - started) / done) * (total - done))}`;
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
