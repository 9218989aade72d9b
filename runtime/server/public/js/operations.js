// A step's operations as the inspector shows them: each execution with its one input and the output
// bundles it gave (a search gives many). Live runs know this exactly (events come per execution);
// runs from the history keep each execution's input and every output, and are paired back where the
// counts allow it (one execution; or one output each and no failure).

/** [{ input, outputs: [], failed? }], and `unmatched`: outputs that cannot be put with one execution. */
export function operationsOf(result) {
  if (Array.isArray(result.inputs))
    return fromStored(result.inputs, result.outputs || [], result.errorCount || 0);
  const executions = result.executions || [];
  // Bundles with no execution around them (an aggregator emits them at its source's end).
  if (!executions.length) return { operations: [], unmatched: result.bundles.map((b) => b.output) };
  return { operations: executions, unmatched: [] };
}

function fromStored(inputs, outputs, errors) {
  if (inputs.length === 1)
    return { operations: [{ input: inputs[0], outputs, failed: errors > 0 }], unmatched: [] };
  if (errors === 0 && outputs.length === inputs.length)
    return { operations: inputs.map((input, i) => ({ input, outputs: [outputs[i]] })), unmatched: [] };
  // The failed execution is the last one a stored run lists (the run stops it, or a handler takes it).
  const operations = inputs.map((input, i) => ({
    input,
    outputs: [],
    failed: errors > 0 && i === inputs.length - 1,
  }));
  return { operations, unmatched: outputs };
}
