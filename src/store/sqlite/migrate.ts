import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../migrations/sqlite/', import.meta.url));

/** Applies numbered migrations once each, under an immediate transaction so concurrent starters serialise. */
export function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const apply = db.transaction(() => {
    const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
    for (const f of files) {
      if (done.has(f)) continue;
      db.exec(readFileSync(dir + f, 'utf8'));
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(f, new Date().toISOString());
    }
  });
  apply.immediate();
}
