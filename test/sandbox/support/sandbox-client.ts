/** A sandbox (limits off) for the enclosing describe block, closed after it, with the replayer's client on it. */
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { SandboxClient } from '../../../sandbox/conformance/client';

export function sandboxClientForSuite(): { client: SandboxClient } {
  const suite = {} as { client: SandboxClient };
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, limits: false });
    suite.client = new SandboxClient(sandbox.url, sandbox.apiKey);
  });
  afterAll(() => sandbox.close());
  return suite;
}
