// Port assignment: the documented defaults, or free loopback ports (tests, or when defaults are taken).
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export type PortMode = 'default' | 'free';

export class PortInUse extends Error {}

/** name → port. In 'default' mode a taken default port is an error naming the component. */
export async function assignPorts(defaults: Map<string, number>, mode: PortMode): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [name, port] of defaults) {
    if (mode === 'free') out.set(name, await freePort());
    else {
      if (!(await portIsFree(port))) {
        throw new PortInUse(
          `port ${port} for ${name} is already in use on 127.0.0.1: stop what holds it (\`ss -ltnp 'sport = :${port}'\` names it), ` +
            `or run this stack on free ports with its own data folder: npm start -- --ports=free --data-dir=/tmp/vigil-2`,
        );
      }
      out.set(name, port);
    }
  }
  return out;
}
