// Make's built-in tools the scenario runner runs (runtime/scenario/builtins.ts and the runner's
// aggregator), as the palette offers them and their settings show them: each described by parameter
// specs, so the same generated form edits them, and written into the blueprint as Make writes them.
import { earlierNodes, nextId } from './edit.js';

/** The tools by module reference, in the palette's order. */
export const TOOLS = [
  {
    module: 'builtin:BasicFeeder',
    label: 'Iterator',
    description: 'Splits an array into one bundle per item; the modules after it run once per item.',
    staticParams: [],
    mappableParams: [
      {
        name: 'array',
        type: 'any',
        label: 'Array',
        required: true,
        help: 'The array to split, mapped from an earlier step, e.g. {{2.line_items}}.',
      },
    ],
  },
  {
    module: 'builtin:BasicAggregator',
    label: 'Array aggregator',
    description: "Collects the bundles its source module's bundles lead to into one bundle with an array.",
    // The source's options are the steps before the aggregator: filled in per step (specsFor).
    staticParams: [
      {
        name: 'feeder',
        type: 'select',
        label: 'Source module',
        required: true,
        help: 'The step whose bundles are collected: the aggregator emits one bundle after it.',
      },
    ],
    mappableParams: [],
  },
  {
    module: 'util:SetVariable2',
    label: 'Set variable',
    description: 'Gives a value a name; the steps after it map it as {{<step>.<name>}}.',
    staticParams: [],
    mappableParams: [
      { name: 'name', type: 'text', label: 'Variable name', required: true },
      {
        name: 'scope',
        type: 'select',
        label: 'Variable lifetime',
        default: 'roundtrip',
        options: [
          { label: 'One cycle', value: 'roundtrip' },
          { label: 'One execution', value: 'execution' },
        ],
      },
      { name: 'value', type: 'any', label: 'Variable value', help: 'Any value or mapping.' },
    ],
  },
  {
    module: 'json:ParseJSON',
    label: 'Parse JSON',
    description: 'Reads JSON text: an object gives one bundle, an array one bundle per item.',
    staticParams: [],
    mappableParams: [{ name: 'json', type: 'text', multiline: true, label: 'JSON string', required: true }],
  },
];

const byModule = new Map(TOOLS.map((t) => [t.module, t]));

/** The tool a blueprint node is, or null. */
export const toolOf = (node) => byModule.get(String(node?.module || '')) || null;

/**
 * A tool's specs for one step of a flow: the aggregator's source offers the steps before it that put
 * out bundles (not routers), as `<id>. <label>`.
 */
export function toolSpecs(tool, node, flow, labelOf) {
  if (tool.module !== 'builtin:BasicAggregator') return tool;
  const sources = (earlierNodes(flow, node.id) || []).filter((n) => n.module !== 'builtin:BasicRouter');
  const options = sources.map((n) => ({ label: `${n.id}. ${labelOf(n)}`, value: n.id }));
  return { ...tool, staticParams: [{ ...tool.staticParams[0], options }] };
}

/** A new step of a tool, with its defaults (an aggregator's source is set once it has a place). */
export function newToolNode(blueprint, tool, x) {
  const mapper = {};
  for (const p of tool.mappableParams) if (p.default !== undefined) mapper[p.name] = p.default;
  return {
    id: nextId(blueprint),
    module: tool.module,
    version: 1,
    parameters: {},
    mapper,
    metadata: { designer: { x, y: 0 } },
  };
}
