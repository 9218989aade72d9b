// Runs modules through the harness and checks every output bundle against the module's interface and
// sample (expectConforms), so each runtime test checks outputs by running them.
import type { AppHarness, Bundle } from './harness';
import { expectConforms } from './conform';

export interface Checked {
  action(id: string, parameters: Record<string, unknown>): Promise<Bundle>;
  search(id: string, parameters: Record<string, unknown>): Promise<Bundle[]>;
}

export function checked(h: () => AppHarness): Checked {
  return {
    async action(id, parameters) {
      const bundle = await h().action(id, parameters);
      expectConforms(id, bundle);
      return bundle;
    },
    async search(id, parameters) {
      const bundles = await h().search(id, parameters);
      for (const b of bundles) expectConforms(id, b);
      return bundles;
    },
  };
}
