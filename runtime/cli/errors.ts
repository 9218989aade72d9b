/** Exit codes (DESIGN.md "Command line") and the errors the command frame maps onto them. */
export const EXIT = {
  ok: 0,
  error: 1,
  /** Bad usage, or invalid input or definitions. */
  usage: 2,
  /** Finished, with warnings (e.g. incomplete executions). */
  warnings: 3,
} as const;

/** A mistake on the command line: unknown command or flag, missing or malformed value. Exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at, when known. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
