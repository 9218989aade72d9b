/**
 * A TCP endpoint whose connect never completes, for connect-timeout tests. A python3 child listens
 * with a backlog of 0, never accepts, and fills its accept queue with its own connections; Linux
 * then drops every further SYN, so a client's connect stays pending (no refusal, no reset).
 * Node cannot do this itself: libuv accepts every connection as soon as it arrives.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

const SCRIPT = `
import socket, sys
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(0)
port = server.getsockname()[1]
fillers = []
for _ in range(3):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(('127.0.0.1', port))
    except BlockingIOError:
        pass
    fillers.append(c)
print(port, flush=True)
sys.stdin.read()
`;

export interface StalledListener {
  url: string;
  close(): Promise<void>;
}

export async function startStalledListener(): Promise<StalledListener> {
  const child = spawn('python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`python3 exited early (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  await assertConnectStalls(port);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** The premise of every test using this listener: a fresh connect is still pending after a while. */
async function assertConnectStalls(port: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  const outcome = await new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    setTimeout(() => resolve('pending'), 300);
  });
  socket.destroy();
  if (outcome !== 'pending') throw new Error(`the stalled listener did not stall a connect (${outcome})`);
}
