/**
 * Nothing the CLI prints may show a key (DESIGN.md "Quality bars"): response data can echo one (a data
 * source named after the key), and the engine masks only what it sends and logs, not what it returns.
 * Every write to stdout and stderr goes through the run history's masker, so the CLI hides a key
 * exactly as the history and the workbench do.
 */
// The one masker of the runtime (the history's), reused rather than kept in step with a second one;
// through api(), so --help and --version still start without loading the runtime.
import { api } from '../api';
import { UsageError } from '../errors';
import type { CliIo, OutputStream } from '../io';

/**
 * Shorter keys are refused (decisions.md "CLI key masking"): cut out of every output, a key this short
 * would garble ordinary text, and left in, it would be printed. ChartMogul's keys have 32 characters.
 */
export const MIN_KEY_LENGTH = 8;

export function refuseShortKeys(keys: string[]): void {
  if (keys.some((k) => k.length < MIN_KEY_LENGTH))
    throw new UsageError(
      `an API key (--api-key or CHARTMOGUL_API_KEY) must have at least ${MIN_KEY_LENGTH} characters: a shorter one cannot be kept out of the output`,
    );
}

/**
 * The forms a key takes in output text beyond those the history's masker knows (the raw key and the
 * Basic credentials): JSON-escaped once and twice (--json, a JSON text inside JSON), URL-encoded, and
 * base64. A key with `"` or `\` was otherwise printed escaped.
 */
function escapedForms(key: string): string[] {
  const json = JSON.stringify(key).slice(1, -1);
  const forms = [
    json,
    JSON.stringify(json).slice(1, -1),
    encodeURIComponent(key),
    Buffer.from(key).toString('base64'),
  ];
  return [...new Set(forms)].filter((f) => f !== key);
}

/**
 * The API keys a command may hold: every `--api-key` given and CHARTMOGUL_API_KEY. The CLI takes no
 * secret key, and ChartMogul's connection saves no data, so the keys are all its secrets.
 */
const MASK = '********';

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
  let forms: string[] = [];
  const mask = (text: string) => {
    const current = keys();
    if (current.join('\n') !== seen) {
      seen = current.join('\n');
      maskers = current.map((apiKey) => api().createMasker({ apiKey }));
      forms = current.flatMap(escapedForms).sort((a, b) => b.length - a.length);
    }
    const escaped = forms.reduce((t, f) => (t.includes(f) ? t.split(f).join(MASK) : t), text);
    return maskers.reduce<string>((t, m) => m(t) as string, escaped);
  };
  // Copied by descriptor, not spread: a getter (the process's stdin) stays a getter, unread.
  const masked = Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)) as CliIo;
  masked.stdout = maskedStream(io.stdout, mask);
  masked.stderr = maskedStream(io.stderr, mask);
  return masked;
}
