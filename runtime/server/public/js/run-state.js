// Folding a scenario run into the page state: live server-sent events, then the runner's final word.
import { errorParts } from './dom.js';
import { resultFor, store } from './store.js';

/** Folds one server-sent event into the page state. */
export function applyEvent(type, data) {
  const run = store.run;
  if (type === 'module:start') {
    const result = resultFor(data.moduleId);
    if (result.state !== 'error') result.state = 'running';
    result.executions.push({ input: undefined, outputs: [] }); // its bundles follow, then its end
  } else if (type === 'bundle') {
    const result = resultFor(data.moduleId);
    if (data.truncated) result.truncated = true;
    else {
      result.bundles.push({ input: data.input, output: data.output });
      const execution = result.executions[result.executions.length - 1];
      if (execution) {
        execution.input ??= data.input;
        execution.outputs.push(data.output);
      }
    }
  } else if (type === 'module:end') {
    const result = resultFor(data.moduleId);
    if (data.error && result.executions.length) result.executions[result.executions.length - 1].failed = true;
    result.operations += Number(data.operations || 0);
    run.operations += Number(data.operations || 0);
    if (data.error) {
      result.state = 'error';
      result.errorCount = (result.errorCount || 0) + 1;
      result.error = errorParts(data.error);
    } else if (result.state !== 'error') result.state = 'done';
  } else if (type === 'run:end') {
    applyFinishedRun(data.run || {});
  } else if (type === 'run:error') {
    run.status = 'error';
    run.error = errorParts(data.error);
    run.finished = true;
  }
}

/** The runner's final word: status, operations, per-module counts and errors are authoritative. */
export function applyFinishedRun(finished) {
  const run = store.run || (store.run = { id: finished.id, operations: 0, error: null });
  run.id = finished.id ?? run.id;
  run.status = finished.status || 'success';
  run.operations = typeof finished.operations === 'number' ? finished.operations : run.operations;
  run.startedAt = finished.startedAt;
  run.finishedAt = finished.finishedAt;
  const incomplete = Array.isArray(finished.incomplete) ? finished.incomplete : [];
  run.incomplete = incomplete.length;
  run.incompletePending = incomplete.filter((e) => (e.status ?? 'pending') === 'pending').length;
  run.stoppedBy = finished.stoppedBy ?? run.stoppedBy; // commit, rollback, error: why it ended early
  run.finished = true;
  for (const module of finished.modules || []) {
    const result = resultFor(module.id);
    if (typeof module.operations === 'number') result.operations = module.operations;
    const errors = Array.isArray(module.errors) ? module.errors : [];
    result.errorCount = errors.length;
    if (errors.length) {
      result.state = 'error';
      result.error = result.error || errorParts(errors[0]);
    } else if (result.state === 'idle' || result.state === 'running') {
      // Bundles in count too: a module whose every input failed a later filter, or a router, ran.
      const ran = module.operations > 0 || module.bundlesOut > 0 || module.bundlesIn > 0;
      result.state = ran || result.state === 'running' ? 'done' : 'idle';
    }
    result.bundlesIn = module.bundlesIn;
    result.bundlesOut = module.bundlesOut;
    // From the history: one input per execution, and every output bundle (a search has many).
    if (Array.isArray(module.inputs)) result.inputs = module.inputs;
    if (Array.isArray(module.outputs)) result.outputs = module.outputs;
  }
}
