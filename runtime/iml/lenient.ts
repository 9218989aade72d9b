/**
 * IML that Make's approved apps use beyond the documented grammar, and what each construct means here
 * (docs/decisions.md, "Any Make app", names the app and file each one comes from). The parser accepts
 * them in the app dialect and notes each use; `lenientUses` lists the notes, so this repository can
 * keep its own definitions to the documented grammar (test/app/conventions.test.ts).
 */
import type { ImlPosition } from '../errors';
import { parseTemplate } from './parser';

export type LenientConstruct =
  /** `;` between the arguments of a call in app IML (the scenario dialect's separator). */
  | 'semicolon'
  /** A separator right before `)`: `if(a, 'x',)`, read as JavaScript reads a trailing comma. */
  | 'trailing-separator'
  /** Operands side by side with no operator: `'cha_'parameters.id`, joined as text. */
  | 'juxtaposition'
  /** A call still open at `}}`: the missing `)` is restored there. */
  | 'unclosed-call'
  /** More arguments than the documented signature, where the extra one has a meaning (wider-functions.ts). */
  | 'extra-argument';

export interface LenientUse {
  construct: LenientConstruct;
  message: string;
  position: ImlPosition;
}

/**
 * Every use of a construct above in one template string (app dialect); [] for documented IML.
 * `functions`: the app's custom function names, which its templates may call.
 */
export function lenientUses(template: string, functions: readonly string[] = []): LenientUse[] {
  const notes: LenientUse[] = [];
  if (template.includes('{{')) parseTemplate(template, 'app', { notes, functions: new Set(functions) });
  return notes;
}
