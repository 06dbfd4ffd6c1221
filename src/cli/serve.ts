import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { API_BASE } from '../missions/view.js';
import { parseCount } from './common.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the API (and run mission workers in the same process unless --no-workers)')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to bind (env HOST, default 0.0.0.0)')
    .option('--no-workers', 'serve the API only; run `docket worker` processes for the missions')
    .action(async (o) => {
      const overrides: Record<string, unknown> = {};
      if (o.port !== undefined) overrides.port = Number(o.port);
      if (o.host !== undefined) overrides.host = o.host;
      if (o.workers === false) overrides.workers = false;
      const config = loadConfig(process.env, overrides);
      const server = await startServer(config);
      const local = `http://localhost:${new URL(server.url).port}`;
      if (server.initialKey) {
        process.stdout.write(
          `\nDocket initialised an empty store: org "default", its teams and position packages, and this API key (shown once):\n\n` +
            `  ${server.initialKey.key}\n\n` +
            `Try it:  curl -H "Authorization: Bearer ${server.initialKey.key}" ${local}${API_BASE}/teams\n\n`,
        );
      }
      process.stdout.write(`Docket is serving ${local} (API at ${API_BASE}, reference at ${local}/docs)\n`);
      const shutdown = (sig: string) => {
        server.app.log.info(`${sig}: finishing in-flight requests and returning unfinished jobs to the queue`);
        server.close().then(
          () => process.exit(0),
          (e) => {
            server.app.log.error({ err: e }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
}

