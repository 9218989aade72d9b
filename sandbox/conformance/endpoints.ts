// Endpoint templates (method + path with ids abstracted) and which the sandbox implements.
import { SandboxClient } from './client';
import { isEntityId } from './ids';

/** `GET /v1/customers/cus_…/subscriptions` → `GET /v1/customers/:id/subscriptions`. */
export function endpointOf(method: string, path: string): string {
  const template = path
    .split('/')
    .map((segment) => (isEntityId(segment) || /^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
  return `${method.toUpperCase()} ${template}`;
}

const PROBE_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Which endpoints the sandbox routes, asked of the sandbox itself: each endpoint is requested once
 * with placeholder ids and no body, and it counts as implemented when the sandbox's own statistics
 * (`GET /__sandbox/stats`, requests per route template) record it under one of its route templates.
 * The sandbox is reset afterwards, so probes leave nothing behind.
 */
export async function probeImplemented(client: SandboxClient, endpoints: string[]): Promise<Set<string>> {
  const implemented = new Set<string>();
  for (const endpoint of endpoints) {
    const [method, template] = endpoint.split(' ') as [string, string];
    const path = template.replace(/:id/g, PROBE_ID);
    const before = await client.stats();
    await client.request(method, path);
    const after = await client.stats();
    const routed = Object.keys(after.requests ?? {}).some(
      (route) =>
        route.startsWith(`${method} /v1`) && (after.requests[route] ?? 0) > (before.requests?.[route] ?? 0),
    );
    if (routed) implemented.add(endpoint);
  }
  await client.reset();
  return implemented;
}
