import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { output } from './common.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the store\'s schema up to date (servers and workers also do this at start; safe to run while they run)')
    .action(async (_o, cmd: Command) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        const { openPool } = await import('../store/postgres/db.js');
        const { migratePostgres } = await import('../store/postgres/migrate.js');
        const pool = openPool(config.databaseUrl, { max: 1, applicationName: 'docket-migrate' });
        try {
          const { applied } = await migratePostgres(pool);
          output(cmd, { store: 'postgres', applied }, () =>
            applied.length ? `Applied ${applied.join(', ')}; the PostgreSQL schema is up to date.` : 'The PostgreSQL schema is already up to date; nothing to do.',
          );
        } finally {
          await pool.end();
        }
        return;
      }
      const { openSqlite } = await import('../store/sqlite/index.js');
      openSqlite(config.dataDir).close();
      output(cmd, { store: 'sqlite', dataDir: config.dataDir }, () => `The SQLite store in ${config.dataDir} is up to date.`);
    });
}
