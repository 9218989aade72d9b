/**
 * A standalone entry for running the sandbox in its own process (tests spawn it to kill it with SIGKILL):
 * `node main.js [--port N] [--host H] [--db FILE] [--seed demo|none] [--api-key KEY]... [--no-limits]
 * [--faults SPEC] [--clock ISO]`; prints `listening on URL`. The CLI's `sandbox` command is the user-facing way.
 */
import { startSandbox, parseFaults, type SandboxOptions } from './index';

export function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  const keys: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') options.port = Number(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--db') options.dbPath = value();
    else if (flag === '--seed') options.seed = value() as 'demo' | 'none';
    else if (flag === '--api-key') keys.push(value());
    else if (flag === '--no-limits') options.limits = false;
    else if (flag === '--faults') options.faults = parseFaults(value());
    else if (flag === '--clock') options.clock = value();
    else throw new Error(`Unknown flag ${flag}`);
  }
  if (keys.length > 0) options.apiKeys = keys;
  return options;
}

if (require.main === module) {
  startSandbox(parseArgs(process.argv.slice(2)))
    .then((sandbox) => {
      process.stdout.write(`listening on ${sandbox.url}\n`);
      const stop = () => void sandbox.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((err: Error) => {
      process.stderr.write(`sandbox: ${err.message}\n`);
      process.exit(1);
    });
}
