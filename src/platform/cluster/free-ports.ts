import { createServer, type Server } from 'node:net';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('no port'));
    });
  });
}

/**
 * `count` distinct free loopback ports, all held open at once and then released together. With
 * `below`, ports are drawn from 20000 up to it: the Temporal server stores membership ports as
 * PostgreSQL smallint, so those must stay under 32768, where the kernel's ephemeral range begins.
 */
export async function freePorts(count: number, options: { below?: number } = {}): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let attempts = 0; ports.length < count; attempts++) {
      if (attempts > count * 50) throw new Error(`no ${count} free loopback ports below ${options.below}`);
      const server = createServer();
      const wanted = options.below ? 20000 + Math.floor(Math.random() * (options.below - 20000)) : 0;
      const port = await listen(server, wanted).catch(() => undefined);
      if (port === undefined) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}
