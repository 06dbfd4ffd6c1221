import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startWorkerNode } from '../server.js';
import { parseCount } from './common.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Run mission and callback workers only (no HTTP); start as many as you like beside `docket serve --no-workers`')
    .option('--concurrency <n>', 'missions reviewed at once by this process (env DOCKET_WORKER_CONCURRENCY)')
    .action(async (o) => {
      const overrides = o.concurrency !== undefined ? { workerConcurrency: parseCount(o.concurrency) } : {};
      const config = loadConfig(process.env, { ...overrides, workers: true });
      const node = await startWorkerNode(config);
      const { log, worker } = node;
      // One line per finished mission: what an operator greps for, and what the scale test counts.
      worker.onMissionEnded((m) => log.info({ mission: m.id, status: m.status, worker: worker.id }, 'mission ended'));
      process.stdout.write(
        `Docket worker ${worker.id}: ${config.workerConcurrency} at once on ${node.backend.store.dialect === 'postgres' ? 'PostgreSQL' : `the SQLite store in ${config.dataDir}`}\n`,
      );
      const shutdown = (sig: string) => {
        log.info(`${sig}: returning running missions to the queue`);
        node.close().then(
          () => process.exit(0),
          (e) => {
            log.error({ err: e }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
}
