// A small closed-loop load generator: `connections` keep-alive clients for `ms`, counting 2xx.
import http from 'node:http';

export async function load(url: string, opts: { ms: number; connections: number; headers?: Record<string, string> }): Promise<{ rps: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const end = Date.now() + opts.ms;
  let ok = 0;
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.get(url, { agent, headers: opts.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode && res.statusCode < 300) ok++;
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const start = Date.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  agent.destroy();
  return { rps: ok / ((Date.now() - start) / 1000), errors };
}
