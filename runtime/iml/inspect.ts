/**
 * What an editor needs to know about a template without running it: whether it compiles (else the
 * error and its position, as a run would report it) and which modules of a scenario it reads (the
 * root names of its references: `{{2.line_items[].uuid}}` reads module 2). The workbench page checks
 * what is typed with these, so its rules are the runtime's own.
 */
import { ImlError } from '../errors';
import type { Dialect, Node } from './ast';
import { parseTemplate } from './parser';
import { compile } from './index';

export interface TemplateCheck {
  /** Undefined when the template compiles. */
  error?: { message: string; offset?: number; line?: number; column?: number };
  /** The module ids it reads, in order of first use (scenario dialect; app dialect: root names). */
  references: string[];
}

export function checkTemplate(template: string, dialect: Dialect = 'scenario'): TemplateCheck {
  try {
    compile(template, { dialect });
  } catch (err) {
    const position = err instanceof ImlError ? err.position : undefined;
    const message = err instanceof Error ? err.message : String(err);
    return { error: position ? { message, ...position } : { message }, references: [] };
  }
  const references = new Set<string>();
  for (const part of parseTemplate(template, dialect))
    if (typeof part !== 'string') collect(part.expr, references);
  return { references: [...references] };
}

function collect(node: Node, out: Set<string>): void {
  switch (node.kind) {
    case 'ident':
      out.add(node.name);
      return;
    case 'member':
      return collect(node.object, out);
    case 'index':
      collect(node.object, out);
      if (node.index) collect(node.index, out);
      return;
    case 'call':
      return node.args.forEach((arg) => collect(arg, out));
    case 'concat':
      return node.parts.forEach((part) => collect(part, out));
    case 'unary':
      return collect(node.operand, out);
    case 'binary':
      collect(node.left, out);
      return collect(node.right, out);
    default:
      return;
  }
}
