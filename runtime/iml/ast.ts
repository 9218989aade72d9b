/** The IML syntax tree. `pos` is the 0-based offset of the node in the template string. */
export type Dialect = 'app' | 'scenario';

export type Node =
  | { kind: 'literal'; value: unknown; pos: number }
  /** A root name: a context key (app), or a module id / quoted key (scenario). */
  | { kind: 'ident'; name: string; pos: number }
  /** Scenario dialect: bare, unquoted text standing for itself. */
  | { kind: 'text'; text: string; pos: number }
  | { kind: 'keyword'; name: string; pos: number }
  | { kind: 'member'; object: Node; name: string; pos: number }
  /** `x[i]`; `index` null is `x[]`, the first element. */
  | { kind: 'index'; object: Node; index: Node | null; pos: number }
  /** `custom`: one of the app's custom functions (runtime/functions), called through the run options. */
  | { kind: 'call'; name: string; args: Node[]; pos: number; custom?: true }
  /** App dialect: operands side by side with no operator (`'cha_'parameters.id`), joined as text. */
  | { kind: 'concat'; parts: Node[]; pos: number }
  | { kind: 'unary'; op: '!' | '-' | '+'; operand: Node; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** A template string: literal text and `{{…}}` expressions in order. */
export type TemplatePart = string | { expr: Node; start: number; end: number };
