/**
 * A loopback HTTP proxy in front of the sandbox that resets the connection of chosen requests before
 * forwarding them (so they are never applied): for tests that need one specific write to fail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  url: string;
  close(): Promise<void>;
}

/** `shouldDrop(method, path)` decides per request; dropped requests never reach the target. */
export async function startFlakyProxy(
  target: string,
  shouldDrop: (method: string, path: string) => boolean,
): Promise<FlakyProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    if (shouldDrop(req.method ?? 'GET', req.url ?? '/')) {
      req.socket.destroy();
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        // The sandbox answers only its own Host (DNS-rebinding guard), as a reverse proxy would send it.
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
