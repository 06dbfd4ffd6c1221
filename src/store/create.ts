// Chooses the backend from the configuration: embedded SQLite by default, PostgreSQL with DATABASE_URL.
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Backend } from './index.js';
import { FsBlobs } from '../blobs/fs.js';
import { openSqlite, SqliteStore } from './sqlite/index.js';
import { EmbeddedQueue } from '../queue/embedded.js';

export async function createBackend(config: Config): Promise<Backend> {
  if (config.databaseUrl) {
    // Loaded only when asked for, so the embedded default never pays for pg and pg-boss.
    const { openPostgresBackend } = await import('./postgres/backend.js');
    return openPostgresBackend({ ...config, databaseUrl: config.databaseUrl });
  }
  const db = openSqlite(config.dataDir);
  const store = new SqliteStore(db, new FsBlobs(join(config.dataDir, 'documents')));
  const queue = new EmbeddedQueue(db);
  store.onMissionCreated = () => queue.notify();
  return { store, queue };
}
