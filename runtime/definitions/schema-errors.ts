import type { ErrorObject } from 'ajv';
import { didYouMean } from './did-you-mean';
import { appendPointer } from './json-pointer';

/** A schema violation inside one value: where (JSON pointer) and what. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/** Schema titles whose `pattern` says more in words than the regular expression does. */
const PATTERN_WORDS: Record<string, string> = {
  ImlString: 'an IML template ({{…}})',
  RpcRef: 'an rpc://<rpcId> reference',
};

interface Entry {
  error: ErrorObject;
  live: boolean;
  /** Set when an anyOf/oneOf failure is summarized into one message. */
  summary?: string;
  /** Set on an enum error whose sibling alternative was "or an IML template". */
  orIml?: boolean;
}

function isUnder(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(parent + '/');
}

function patternWords(error: ErrorObject): string | undefined {
  const title = (error.parentSchema as { title?: string } | undefined)?.title;
  return title ? PATTERN_WORDS[title] : undefined;
}

function isImlAlternative(error: ErrorObject): boolean {
  return (
    error.keyword === 'pattern' &&
    (error.parentSchema as { title?: string } | undefined)?.title === 'ImlString'
  );
}

function typeWords(type: unknown): string[] {
  const list = Array.isArray(type) ? type : String(type).split(',');
  return list.map((t) =>
    t === 'object' || t === 'array' || t === 'integer' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`,
  );
}

function joinAlternatives(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? 'valid';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/**
 * An anyOf/oneOf failed: of the errors its branches left (they precede it in ajv's list), keep those
 * of the branches whose JSON type matched; when no branch matched the type, say which types would do.
 */
function summarizeAlternatives(entries: Entry[], index: number): void {
  const at = entries[index]!.error.instancePath;
  entries[index]!.live = false;
  const branch: Entry[] = [];
  for (let j = index - 1; j >= 0 && isUnder(entries[j]!.error.instancePath, at); j--) {
    if (entries[j]!.live) branch.push(entries[j]!);
  }
  const wrongType = branch.filter((e) => e.error.keyword === 'type' && e.error.instancePath === at);
  const imlAlternatives = branch.filter((e) => isImlAlternative(e.error) && e.error.instancePath === at);
  const rest = branch.filter((e) => !wrongType.includes(e) && !imlAlternatives.includes(e));
  if (rest.length > 0) {
    for (const e of [...wrongType, ...imlAlternatives]) e.live = false;
    if (imlAlternatives.length > 0) for (const e of rest) if (e.error.keyword === 'enum') e.orIml = true;
    return;
  }
  for (const e of branch) e.live = false;
  const words = wrongType.flatMap((e) => typeWords(e.error.params.type));
  if (imlAlternatives.length > 0) words.push(PATTERN_WORDS.ImlString!);
  entries[index]!.live = true;
  entries[index]!.summary = `must be ${joinAlternatives(words)}`;
}

function describe(entry: Entry): SchemaProblem {
  const { error } = entry;
  const pointer = error.instancePath;
  if (entry.summary) return { pointer, message: entry.summary };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      return {
        pointer: appendPointer(pointer, key),
        message: `unknown key \`${key}\`${didYouMean(key, allowed)}`,
      };
    }
    case 'required':
      return { pointer, message: `missing required key \`${String(params.missingProperty)}\`` };
    case 'type':
      return { pointer, message: `must be ${joinAlternatives(typeWords(params.type))}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const hint =
        typeof error.data === 'string'
          ? didYouMean(
              error.data,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : '';
      const list = allowed.map((v) => JSON.stringify(v)).join(', ');
      return {
        pointer,
        message: `must be one of ${list}${entry.orIml ? ' or an IML template ({{…}})' : ''}${hint}`,
      };
    }
    case 'const':
      return { pointer, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern': {
      const words = patternWords(error);
      return {
        pointer,
        message: words ? `must be ${words}` : `must match the pattern ${String(params.pattern)}`,
      };
    }
    default:
      return { pointer, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Turns ajv's errors (allErrors, verbose) into one problem per real mistake, deduplicated. */
export function describeSchemaErrors(errors: ErrorObject[]): SchemaProblem[] {
  const entries: Entry[] = errors.map((error) => ({ error, live: error.keyword !== 'if' }));
  entries.forEach((entry, index) => {
    if (entry.error.keyword === 'anyOf' || entry.error.keyword === 'oneOf')
      summarizeAlternatives(entries, index);
  });
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const entry of entries) {
    if (!entry.live) continue;
    const problem = describe(entry);
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
