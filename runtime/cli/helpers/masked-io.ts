/**
 * Nothing the CLI prints may show a key (DESIGN.md "Quality bars"): response data can echo one (a data
 * source named after the key), and the engine masks only what it sends and logs, not what it returns.
 * Every write to stdout and stderr goes through the run history's masker, so the CLI hides a key
 * exactly as the history and the workbench do.
 */
// The one masker of the runtime (the history's), reused rather than kept in step with a second one;
// through api(), so --help and --version still start without loading the runtime.
import { api } from '../api';
import type { CliIo, OutputStream } from '../io';

/**
 * The API keys a command may hold: every `--api-key` given and CHARTMOGUL_API_KEY. The CLI takes no
 * secret key, and ChartMogul's connection saves no data, so the keys are all its secrets.
 */
export function knownKeys(flagValues: string[], env: NodeJS.ProcessEnv): string[] {
  return [...flagValues, env.CHARTMOGUL_API_KEY ?? ''].filter((k) => k.trim() !== '');
}

function maskedStream(stream: OutputStream, mask: (text: string) => string): OutputStream {
  return {
    write: (text: string) => stream.write(mask(text)),
    // Read through, so progress bars still see the terminal.
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** `io` with stdout and stderr masking the keys `keys()` names at the time of each write. */
export function maskedIo(io: CliIo, keys: () => string[]): CliIo {
  let seen = '';
  let maskers: ((value: unknown) => unknown)[] = [];
  const mask = (text: string) => {
    const current = keys();
    if (current.join('\n') !== seen) {
      seen = current.join('\n');
      maskers = current.map((apiKey) => api().createMasker({ apiKey }));
    }
    return maskers.reduce<string>((t, m) => m(t) as string, text);
  };
  return { ...io, stdout: maskedStream(io.stdout, mask), stderr: maskedStream(io.stderr, mask) };
}
