// The workbench HTTP API. The token travels in the HttpOnly cookie the start URL set.

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.type = error.type || 'Error';
    this.details = error;
  }
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`/api${path}`, init);
  if (res.status === 204) return undefined;
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { error: { message: text } };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** The app folder's icon as a data: URL, or null when it has none. */
async function appIcon() {
  const res = await fetch('/api/app/icon', { credentials: 'same-origin' });
  if (!res.ok) return null;
  const blob = await res.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export const api = {
  appIcon,
  app: () => request('GET', '/app'),
  runModule: (id, parameters, dryRun) =>
    request('POST', `/modules/${encodeURIComponent(id)}/run`, { parameters, dryRun }),
  runRpc: (id, parameters) => request('POST', `/rpcs/${encodeURIComponent(id)}`, { parameters }),
  // `key`: the scenario's, so a trigger polls from the position kept under it.
  runScenario: (blueprint, key) => request('POST', '/scenarios/run', { blueprint, key }),
  runs: (limit = 50) => request('GET', `/runs?limit=${limit}`),
  run: (id) => request('GET', `/runs/${encodeURIComponent(id)}`),
  runEvents: (id) => new EventSource(`/api/runs/${encodeURIComponent(id)}/events`),
  testConnection: (choice) => request('POST', '/connection/test', choice),
  setConnection: (value) => request('PUT', '/connection', value),
  startOAuth: (value) => request('POST', '/connection/oauth', value),
  savedScenarios: () => request('GET', '/scenarios'),
  savedScenario: (key) => request('GET', `/scenarios/${encodeURIComponent(key)}`),
  saveScenario: (key, body) => request('PUT', `/scenarios/${encodeURIComponent(key)}`, body),
  deleteSavedScenario: (key) => request('DELETE', `/scenarios/${encodeURIComponent(key)}`),
  check: (body) => request('POST', '/check', body),
  imlFunctions: () => request('GET', '/iml/functions'),
  incomplete: (id) => request('GET', `/runs/${encodeURIComponent(id)}/incomplete`),
  retryIncomplete: (id) => request('POST', `/runs/${encodeURIComponent(id)}/retry`, {}),
  hooks: () => request('GET', '/hooks'),
  createHook: (key, blueprint) => request('POST', '/hooks', { key, blueprint }),
  triggerState: (key) => request('GET', `/scenarios/${encodeURIComponent(key)}/trigger-state`),
  startTriggerFrom: (key, epoch) =>
    request('PUT', `/scenarios/${encodeURIComponent(key)}/trigger-state`, { epoch }),
  schedule: (key) => request('GET', `/scenarios/${encodeURIComponent(key)}/schedule`),
  setSchedule: (key, every) => request('PUT', `/scenarios/${encodeURIComponent(key)}/schedule`, { every }),
  runBlueprint: (id) => request('GET', `/runs/${encodeURIComponent(id)}/blueprint`),
};
