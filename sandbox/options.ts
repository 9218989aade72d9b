/**
 * The sandbox's options (DESIGN.md "The sandbox") and the fault grammar the CLI's `--faults` flag uses.
 */
export interface FaultOptions {
  /** Fixed delay in milliseconds added before every API request. */
  latency?: number;
  /** Probability (0..1) of answering that status before the request is applied. */
  '500'?: number;
  '502'?: number;
  '503'?: number;
  '504'?: number;
  /** Probability of a 429 with `Retry-After: 1`, before the request is applied. */
  '429'?: number;
  /** Probability of resetting the connection before the request is applied. */
  drop?: number;
  /** Probability of resetting the connection after a committed write (the client cannot know it landed). */
  drop_after?: number;
  /** Seed of the fault draws, for reproducible runs. */
  seed?: number;
}

export interface SandboxOptions {
  /** 0 = any free port (the default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** SQLite file; ':memory:' (the default) keeps nothing after close. */
  dbPath?: string;
  /** 'demo' loads the demo data (into a new file, or into memory); default 'none'. */
  seed?: 'demo' | 'none';
  /** Accepted API keys; none given = the demo key `sandbox-demo-key`. */
  apiKeys?: string[];
  /** Rate limit (40/s per key) and in-flight limit (20); default true. */
  limits?: boolean;
  faults?: FaultOptions;
  /** ISO timestamp: fixes the clock and makes generated ids reproducible. */
  clock?: string;
  /** Webhook deliveries: the delays before each retry, in ms (the last repeats); short in tests. */
  webhooks?: { retryDelaysMs?: number[] };
}

/** Checks `webhooks.retryDelaysMs`: whole milliseconds ≥ 0, at least one. */
export function validateWebhooks(webhooks: SandboxOptions['webhooks']): number[] | undefined {
  const delays = webhooks?.retryDelaysMs;
  if (delays === undefined) return undefined;
  if (!Array.isArray(delays) || delays.length === 0 || !delays.every((d) => Number.isInteger(d) && d >= 0))
    throw new Error('webhooks.retryDelaysMs must be a non-empty list of whole milliseconds ≥ 0');
  return [...delays];
}

/** The API the sandbox emulates: an app whose Base is this origin can run against the sandbox. */
export const EMULATED_ORIGIN = 'https://api.chartmogul.com';

export const DEMO_API_KEY = 'sandbox-demo-key';

const PROBABILITY_KEYS = ['500', '502', '503', '504', '429', 'drop', 'drop_after'] as const;
const FAULT_KEYS = new Set<string>(['latency', 'seed', ...PROBABILITY_KEYS]);

/** Parses `latency=50,503=0.05,429=0.02,drop=0.02,drop_after=0.01,seed=7`; throws a readable Error on a bad spec. */
export function parseFaults(spec: string): FaultOptions {
  const faults: Record<string, number> = {};
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0)
      throw new Error(`Invalid fault "${part}": expected KEY=VALUE (keys: ${[...FAULT_KEYS].join(', ')})`);
    const key = part.slice(0, eq).trim();
    const text = part.slice(eq + 1).trim();
    if (!FAULT_KEYS.has(key))
      throw new Error(`Unknown fault "${key}" (known: ${[...FAULT_KEYS].join(', ')})`);
    if (key in faults) throw new Error(`Fault "${key}" is given twice`);
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Fault "${key}" needs a number, got "${text}"`);
    faults[key] = Number(text);
  }
  return validateFaults(faults);
}

/** Checks a faults object (from the CLI or from startSandbox's caller); returns it unchanged when valid. */
export function validateFaults(faults: FaultOptions): FaultOptions {
  for (const [key, value] of Object.entries(faults)) {
    if (value === undefined) continue;
    if (!FAULT_KEYS.has(key))
      throw new Error(`Unknown fault "${key}" (known: ${[...FAULT_KEYS].join(', ')})`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`Fault "${key}" must be a number`);
    if (key === 'latency' && (value < 0 || !Number.isInteger(value))) {
      throw new Error(`Fault "latency" must be a whole number of milliseconds ≥ 0, got ${value}`);
    }
    if (key === 'seed' && !Number.isInteger(value))
      throw new Error(`Fault "seed" must be an integer, got ${value}`);
    if ((PROBABILITY_KEYS as readonly string[]).includes(key) && (value < 0 || value > 1)) {
      throw new Error(`Fault "${key}" is a probability between 0 and 1, got ${value}`);
    }
  }
  const before = PROBABILITY_KEYS.filter((k) => k !== 'drop_after').reduce(
    (sum, k) => sum + (faults[k] ?? 0),
    0,
  );
  if (before > 1 + 1e-9)
    throw new Error(`The fault probabilities applied before a request add up to ${before}, more than 1`);
  return faults;
}
