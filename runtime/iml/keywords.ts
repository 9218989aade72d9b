/**
 * Keywords (make-format.md §7.1, iml-functions.md §3). The app dialect knows only `now` (besides the
 * literals true/false/null/undefined); the scenario dialect knows the whole list.
 */
import { Dialect } from './ast';
import { ImlKeywordValue } from './values';
import type { Env } from './env';

/**
 * `erase`: the mapper asks to clear the field (the scenario runner sends null, or [] for an array
 * field — make-format.md §5, iml-functions.md §4.3). Evaluates to this frozen sentinel; it reads as
 * "" inside mixed text and serializes to JSON null.
 */
export const ERASE = new ImlKeywordValue('erase');
/**
 * `ignore`: the mapper asks the engine to act as if the field were empty (left unfilled). Evaluates
 * to this frozen sentinel; the scenario runner drops the field. Reads as "" inside mixed text.
 */
export const IGNORE = new ImlKeywordValue('ignore');

export function isErase(v: unknown): boolean {
  return v === ERASE;
}
export function isIgnore(v: unknown): boolean {
  return v === IGNORE;
}

type KeywordFn = (env: Env) => unknown;

const SCENARIO_KEYWORDS: Record<string, KeywordFn> = {
  now: (env) => env.currentTime(),
  timestamp: (env) => Math.floor(env.currentTime().getTime() / 1000),
  uuid: () => globalThis.crypto.randomUUID(),
  random: () => Math.random(),
  pi: () => Math.PI,
  executionId: (env) => env.executionId,
  emptystring: () => '',
  emptyarray: () => [],
  space: () => ' ',
  tab: () => '\t',
  newline: () => '\n',
  nbsp: () => '\u00a0',
  carriagereturn: () => '\r',
  erase: () => ERASE,
  ignore: () => IGNORE,
};

const APP_KEYWORDS: Record<string, KeywordFn> = { now: SCENARIO_KEYWORDS.now };

export function isKeyword(name: string, dialect: Dialect): boolean {
  const table = dialect === 'app' ? APP_KEYWORDS : SCENARIO_KEYWORDS;
  return Object.prototype.hasOwnProperty.call(table, name);
}

export function keywordFn(name: string, dialect: Dialect): KeywordFn {
  return (dialect === 'app' ? APP_KEYWORDS : SCENARIO_KEYWORDS)[name];
}
