// A loopback port whose connects never complete, for real connect timeouts: a listening
// socket that never accepts (a python3 child, since Node always accepts), its one-slot
// accept queue filled, so the kernel drops further SYNs. Undefined when python3 is missing.
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

export interface Blackhole {
  port: number;
  close(): void;
}

const SCRIPT = `import socket, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(0)
print(s.getsockname()[1], flush=True)
time.sleep(600)`;

export async function startBlackhole(): Promise<Blackhole | undefined> {
  const child = spawn('python3', ['-c', SCRIPT], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number | undefined>((resolve) => {
    child.once('error', () => resolve(undefined));
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  if (!port) return undefined;
  // Fill the accept queue: these connects complete, every later one hangs in SYN_SENT.
  const fillers: Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    fillers.push(socket);
  }
  await new Promise((r) => setTimeout(r, 100));
  return {
    port,
    close() {
      for (const s of fillers) s.destroy();
      child.kill();
    },
  };
}
